import { withLayout } from '../compose/index.js';
import type { Config } from '../config/index.js';
import { packId } from './plan.js';
import type { Prepared, PreparedBrief } from './prepare.js';

/** The handout pack: its front matter, laid out like a brief, to be followed by the briefs. */
export async function packOf(prepared: Prepared, config: Config): Promise<PreparedBrief> {
  const { renderPackFront, formatEdition, layoutChrome, onlineCopy } = await import('./pack-input.js');
  const layout = prepared.templates.layouts.get('pack')!;
  const chrome = layoutChrome(config.collection, config.language);
  // Where the collection has a site: the online edition's index, printed on the cover with a QR code.
  const online = await onlineCopy(config.collection.site, 'index.html');
  const html = withLayout(layout.path, () => renderPackFront(layout, {
    briefs: prepared.briefs.map((brief) => ({ briefId: brief.briefId, title: brief.matter.title })),
    css: prepared.css,
    fontCss: prepared.fontCss,
    edition: formatEdition(config.edition, config.language),
    editionIso: config.edition,
    paper: config.paper,
    chrome,
    online,
  }));
  const union = (pick: (brief: PreparedBrief) => readonly string[]) => [...new Set(prepared.briefs.flatMap(pick))];
  return {
    briefId: packId,
    matter: {
      title: config.collection.pack.title,
      subtitle: config.language.t('handoutPack'),
      summary: config.language.t('packSummary', { titles: config.language.list(prepared.briefs.map((brief) => brief.matter.title)) }),
      keywords: [...new Set(prepared.briefs.flatMap((brief) => brief.matter.keywords))],
      omit: {},
      lang: config.collection.lang,
    },
    html,
    body: '',
    citations: { notes: [], bibliography: [] },
    usedFacts: union((brief) => brief.usedFacts),
    citedSources: union((brief) => brief.citedSources),
  };
}

