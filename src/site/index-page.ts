import type { TemplateFile } from '../compose/index.js';
import { checkHref, renderLayout, trusted } from './render-layout.js';

/** One brief as the index shows it. */
export interface IndexBrief {
  /** The brief's id. */
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly summary?: string;
  /** The brief's key points, plain text (see `extractKeyPoints`). */
  readonly keyPoints: readonly string[];
  /** The HTML brief, relative to the output folder; no link without it. */
  readonly html?: string;
  /** The PDF, relative to the output folder; no link without it. */
  readonly pdf?: string;
  /** Pages of the PDF, shown in its link when given. */
  readonly pages?: number;
  /** Notes in the brief. */
  readonly notes: number;
  /** Documents the brief cites. */
  readonly sources: number;
}

/** One document, linked to its viewer page. */
export interface IndexSource {
  readonly id: string;
  readonly title: string;
  /** The viewer page, relative to the output folder (`sources/<id>.html`). */
  readonly href: string;
  /** What it was read as (`pdf`, `html`, …). */
  readonly format: string;
}

/** What the index page (`output/index.html`) shows. */
export interface IndexPageInput {
  /** The briefs, in the order shown. */
  readonly briefs: readonly IndexBrief[];
  /** The handout pack PDF, relative to the output folder; no link without it. */
  readonly pack?: string;
  /** The documents, in the order shown. */
  readonly sources: readonly IndexSource[];
  /** The briefs' screen CSS (inlined; the page adds its own rules after it). */
  readonly css: string;
  /** The edition date, formatted (`23 November 2026`). */
  readonly edition: string;
  /** The edition date, ISO. */
  readonly editionIso: string;
}

const formatNames: Readonly<Record<string, string>> = { text: 'plain text', markdown: 'Markdown', html: 'web page', pdf: 'PDF' };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A brief's links: only those whose file is given; the first is the prominent one. */
function linksOf(brief: IndexBrief): { href: string; text: string; primary: boolean }[] {
  const links = [];
  if (brief.html !== undefined) links.push({ href: checkHref(brief.html, `brief ${brief.id}`), text: 'Read online (HTML)' });
  if (brief.pdf !== undefined) {
    const detail = brief.pages === undefined ? '' : ` (${count(brief.pages, 'page', 'pages')})`;
    links.push({ href: checkHref(brief.pdf, `brief ${brief.id}`), text: `Download PDF${detail}` });
  }
  return links.map((link, index) => ({ ...link, primary: index === 0 }));
}

/**
 * The index of the output folder: every brief with its key points and links, the handout
 * pack, and the source documents. `layout` is `templates/layouts/index.html.hbs` as read by
 * `loadTemplates()` (its path names it in errors). No scripts.
 */
export function renderIndexPage(layout: TemplateFile, input: IndexPageInput): string {
  return renderLayout(layout, {
    briefs: input.briefs.map((brief) => ({
      id: brief.id,
      title: brief.title,
      subtitle: brief.subtitle ?? null,
      summary: brief.summary ?? null,
      keyPoints: brief.keyPoints,
      links: linksOf(brief),
      extent: `${count(brief.notes, 'note', 'notes')} citing ${count(brief.sources, 'source document', 'source documents')}`,
    })),
    pack: input.pack === undefined ? null : checkHref(input.pack, 'the handout pack'),
    sources: input.sources.map((source) => ({
      title: source.title,
      href: checkHref(source.href, `source ${source.id}`),
      format: formatNames[source.format] ?? source.format,
    })),
    css: trusted(input.css),
    edition: input.edition,
    editionIso: input.editionIso,
  });
}
