import { formatIsoDate } from '../compose/index.js';
import type { Config } from '../config/index.js';
import { layoutChrome } from '../render/html/layout-chrome.js';
import { sourcePagePath } from '../ingest/index.js';
import { extractKeyPoints, renderIndexPage, renderSourcePage, type Highlight } from '../site/index.js';
import { indexFile, outputName } from './plan.js';
import type { Prepared } from './prepare.js';

/** A page of the site: its path relative to the output folder, and its HTML. */
export interface SitePage {
  readonly output: string;
  readonly html: string;
}

/** What the site links to besides itself. */
export interface SiteLinks {
  /** Whether the briefs' PDFs exist (or are being written) next to the index. */
  readonly pdf: boolean;
  /** Whether the briefs' Word documents do. */
  readonly docx?: boolean;
  /** Whether the handout pack does. */
  readonly pack: boolean;
}

/** Every verified quote of a document, as the viewer highlights it. */
function highlightsOf(prepared: Prepared, sourceId: string): Highlight[] {
  const byRange = new Map<string, { paragraph: number; start: number; end: number; facts: string[] }>();
  for (const fact of prepared.facts.values()) {
    for (const citation of fact.citations) {
      if (citation.source !== sourceId) continue;
      const { paragraph, textStart: start, textEnd: end } = citation.match;
      const key = `${paragraph}:${start}:${end}`;
      const entry = byRange.get(key) ?? { paragraph, start, end, facts: [] };
      if (!entry.facts.includes(fact.id)) entry.facts.push(fact.id);
      byRange.set(key, entry);
    }
  }
  return [...byRange.values()];
}

/**
 * The pages made from the whole collection: `index.html` (every brief with its key points and
 * links, the pack, the documents) and the source viewer, `sources/<id>.html` for each document
 * with every quoted passage highlighted at the anchor the briefs' notes link to.
 */
export function renderSitePages(prepared: Prepared, config: Config, links: SiteLinks): SitePage[] {
  const sourceLayout = prepared.templates.layouts.get('source');
  const indexLayout = prepared.templates.layouts.get('index');
  if (!sourceLayout || !indexLayout) return [];
  const edition = formatIsoDate(config.edition, config.language);
  const common = { css: prepared.css, edition, editionIso: config.edition, chrome: layoutChrome(config.collection, config.language) };
  const references = prepared.citer.references();
  const docs = [...prepared.sources.docs.values()];
  const viewers = docs.map((doc): SitePage => ({
    output: sourcePagePath(doc.id),
    html: renderSourcePage(sourceLayout, {
      ...common,
      doc,
      highlights: highlightsOf(prepared, doc.id),
      citation: references.get(doc.id) ?? '',
      usedBy: prepared.briefs
        .filter((brief) => brief.citedSources.includes(doc.id))
        .map((brief) => ({ briefId: brief.briefId, title: brief.matter.title, href: `../${outputName(brief.briefId, 'html')}` })),
    }),
  }));
  const index: SitePage = {
    output: indexFile,
    html: renderIndexPage(indexLayout, {
      ...common,
      briefs: prepared.briefs.map((brief) => ({
        id: brief.briefId,
        title: brief.matter.title,
        ...(brief.matter.subtitle ? { subtitle: brief.matter.subtitle } : {}),
        ...(brief.matter.summary ? { summary: brief.matter.summary } : {}),
        keyPoints: extractKeyPoints(brief.body, [config.language.t('keyPoints'), config.language.t('keyFindings')]),
        html: outputName(brief.briefId, 'html'),
        ...(links.pdf ? { pdf: outputName(brief.briefId, 'pdf') } : {}),
        ...(links.docx ? { docx: outputName(brief.briefId, 'docx') } : {}),
        notes: brief.citations.notes.length,
        sources: brief.citedSources.length,
      })),
      ...(links.pack ? { pack: config.collection.pack.file } : {}),
      sources: docs.map((doc) => ({ id: doc.id, title: doc.bib.title ?? doc.id, href: sourcePagePath(doc.id), format: doc.format })),
    }),
  };
  return [index, ...viewers];
}
