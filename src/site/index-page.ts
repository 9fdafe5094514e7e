import type { TemplateFile } from '../compose/index.js';
import { chromeContext, defaultChrome, type LayoutChrome } from '../render/html/layout-chrome.js';
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
  /** The Word document, relative to the output folder; no link without it. */
  readonly docx?: string;
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
  /** The collection (title, logo …) and the interface language; default: no briefs.yaml, English. */
  readonly chrome?: LayoutChrome;
}

/** What a document was read as, in the interface language (Markdown and PDF are names). */
const formatName = (format: string, t: LayoutChrome['t']): string =>
  format === 'text' ? t('indexFormatText') : format === 'html' ? t('indexFormatHtml') : format === 'markdown' ? 'Markdown' : format === 'pdf' ? 'PDF' : format;

/** A brief's links: only those whose file is given; the first is the prominent one. */
function linksOf(brief: IndexBrief, t: LayoutChrome['t']): { href: string; text: string; primary: boolean }[] {
  const links = [];
  if (brief.html !== undefined) links.push({ href: checkHref(brief.html, `brief ${brief.id}`), text: t('readOnline') });
  if (brief.pdf !== undefined) {
    const text = brief.pages === undefined ? t('downloadPdf') : t('downloadPdfPages', { pages: brief.pages });
    links.push({ href: checkHref(brief.pdf, `brief ${brief.id}`), text });
  }
  if (brief.docx !== undefined) links.push({ href: checkHref(brief.docx, `brief ${brief.id}`), text: t('downloadWord') });
  return links.map((link, index) => ({ ...link, primary: index === 0 }));
}

/**
 * The index of the output folder: every brief with its key points and links, the handout
 * pack, and the source documents. `layout` is `layouts/index.html.hbs` as read by
 * `loadTemplates()` (its path names it in errors). No scripts.
 */
export function renderIndexPage(layout: TemplateFile, input: IndexPageInput): string {
  const chrome = input.chrome ?? defaultChrome();
  return renderLayout(layout, {
    ...chromeContext(chrome, input.edition, input.editionIso),
    briefs: input.briefs.map((brief) => ({
      id: brief.id,
      title: brief.title,
      subtitle: brief.subtitle ?? null,
      summary: brief.summary ?? null,
      keyPoints: brief.keyPoints,
      links: linksOf(brief, chrome.t),
      extent: chrome.t('briefExtent', { notes: brief.notes, sources: brief.sources }),
    })),
    pack: input.pack === undefined ? null : checkHref(input.pack, 'the handout pack'),
    sources: input.sources.map((source) => ({
      title: source.title,
      href: checkHref(source.href, `source ${source.id}`),
      format: formatName(source.format, chrome.t),
    })),
    css: trusted(input.css),
    edition: input.edition,
    editionIso: input.editionIso,
  }, chrome);
}
