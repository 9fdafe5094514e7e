import Handlebars from 'handlebars';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { TemplateFile } from '../../compose/index.js';
import type { FrontMatter } from '../../markdown/index.js';
import { cssString, type Paper } from './document.js';
import { renderAroundFonts, type HtmlParts } from './html-parts.js';

/** One brief as the pack shows it. */
export interface PackBrief {
  readonly briefId: string;
  readonly matter: FrontMatter;
  /** The brief's body HTML (from Markdown). */
  readonly body: string;
}

/** What the pack layout receives. */
export interface PackInput {
  readonly briefs: readonly PackBrief[];
  readonly css: string;
  readonly fontCss: string;
  readonly edition: string;
  readonly editionIso: string;
  readonly paper: Paper;
}

/**
 * Prefix every id and in-page link of a brief's body with the brief id, so the briefs of the
 * pack can share one document (fact ids, and so note ids, repeat across briefs).
 */
export function prefixIds(body: string, prefix: string): string {
  const tree: Root = fromHtml(body, { fragment: true });
  visit(tree, 'element', (node: Element) => {
    const { id, href, ariaDescribedBy, ariaLabelledBy } = node.properties;
    if (typeof id === 'string') node.properties['id'] = `${prefix}-${id}`;
    if (typeof href === 'string' && href.startsWith('#')) node.properties['href'] = `#${prefix}-${href.slice(1)}`;
    for (const [key, value] of [['ariaDescribedBy', ariaDescribedBy], ['ariaLabelledBy', ariaLabelledBy]] as const) {
      if (Array.isArray(value)) node.properties[key] = value.map((ref) => `${prefix}-${String(ref)}`);
    }
  });
  return toHtml(tree);
}

/** Page rules of the pack: paper, and the current brief's title in the header. */
function packPageCss(input: PackInput): string {
  const size = input.paper === 'letter' ? 'letter' : 'A4';
  const font = 'font-family: "Source Sans 3", "Noto Sans", "DejaVu Sans", sans-serif; font-size: 8pt; color: #555;';
  return [
    `@page { size: ${size}; @top-left { content: string(brief); ${font} } @bottom-left { content: ${cssString(`Human trafficking in Kosovo · Edition of ${input.edition}`)}; ${font} } }`,
    '@page :first { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }',
    '@page :blank { @top-left { content: none; } @top-right { content: none; } }',
  ].join('\n');
}

/**
 * The handout pack: a cover, contents, then every brief, each from an odd page, in one document
 * so pages are numbered straight through (`templates/layouts/pack.html.hbs`).
 */
export function renderPack(layout: TemplateFile, input: PackInput): HtmlParts {
  const env = Handlebars.create();
  const render = env.compile(layout.source, { strict: true, knownHelpersOnly: true });
  return renderAroundFonts(
    render,
    {
      edition: input.edition,
      editionIso: input.editionIso,
      css: new Handlebars.SafeString(`${input.css}\n${packPageCss(input)}`),
      briefs: input.briefs.map((brief) => ({
        id: brief.briefId,
        title: brief.matter.title,
        subtitle: brief.matter.subtitle ?? null,
        summary: brief.matter.summary ?? null,
        body: new Handlebars.SafeString(prefixIds(brief.body, brief.briefId)),
      })),
    },
    // The fonts go in a style element of their own that Paged.js leaves to the browser (see
    // document.ts), and stay a piece of their own here.
    input.fontCss,
  );
}
