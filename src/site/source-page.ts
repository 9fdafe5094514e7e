import type { TemplateFile } from '../compose/index.js';
import { InternalError } from '../diagnostics/index.js';
import type { Paragraph, SourceDoc, SourceFormat } from '../ingest/index.js';
import { pageAnchor, paragraphAnchor, passageAnchor } from './anchors.js';
import { chromeContext, defaultChrome, type LayoutChrome } from '../render/html/layout-chrome.js';
import { checkHref, escapeHtml, renderLayout, trusted } from './render-layout.js';

/** One quoted passage to highlight in the viewer. */
export interface Highlight {
  /** ¶ number of the paragraph it is in. */
  readonly paragraph: number;
  /** Start offset in the paragraph's text (UTF-16 code units, inclusive). */
  readonly start: number;
  /** End offset in the paragraph's text (UTF-16 code units, exclusive). */
  readonly end: number;
  /** Ids of the facts quoting it. */
  readonly facts: readonly string[];
}

/** A brief that cites the document. */
export interface SourceUser {
  /** The brief's id. */
  readonly briefId: string;
  /** The brief's title. */
  readonly title: string;
  /** Link to the brief, relative to the viewer page (`../legal-framework.html`). */
  readonly href: string;
}

/** What the source viewer shows. */
export interface SourcePageInput {
  /** The document, read and split into headings and numbered paragraphs. */
  readonly doc: SourceDoc;
  /** The quoted passages; identical ranges may repeat (their fact ids are merged). */
  readonly highlights: readonly Highlight[];
  /** The document's bibliography entry: HTML from CSL (trusted, inserted as it is). */
  readonly citation: string;
  /** The briefs' screen CSS (inlined; the page adds its own rules after it). */
  readonly css: string;
  /** The edition date, formatted (`23 November 2026`). */
  readonly edition: string;
  /** The edition date, ISO. */
  readonly editionIso: string;
  /** The briefs citing the document. */
  readonly usedBy: readonly SourceUser[];
  /** The collection (title, logo …) and the interface language; default: no briefs.yaml, English. */
  readonly chrome?: LayoutChrome;
}

/** A highlight as drawn: its own anchor, and the range it covers once overlaps are clipped. */
interface Mark {
  readonly id: string;
  readonly facts: readonly string[];
  readonly start: number;
  readonly end: number;
  /** Position in input order of its first occurrence (ties of nesting are broken by it). */
  readonly order: number;
}

/** What the document was read as, in the interface language (Markdown and PDF are names). */
const formatName = (format: SourceFormat, t: LayoutChrome['t']): string =>
  format === 'text' ? t('viewerFormatText') : format === 'html' ? t('viewerFormatHtml') : format === 'markdown' ? 'Markdown' : 'PDF';

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** Whether `offset` falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, offset: number) =>
  offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));

/**
 * Turn a paragraph's highlights into properly nested marks. Identical ranges become one mark
 * (fact ids merged). Taken by start, longest first: a range inside an earlier one nests in it;
 * a range that starts inside an earlier one and ends after it is clipped to start where that
 * one ends (it keeps its id, which names the quoted offsets, not the drawn ones).
 */
export function layoutMarks(paragraph: Paragraph, highlights: readonly Highlight[]): Mark[] {
  const byRange = new Map<string, { start: number; end: number; facts: string[]; order: number }>();
  highlights.forEach((highlight, order) => {
    const { start, end } = highlight;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > paragraph.text.length || start >= end) {
      throw new InternalError(`Highlight ${start}–${end} does not fit ¶${paragraph.n} (${paragraph.text.length} characters)`);
    }
    if (splitsPair(paragraph.text, start) || splitsPair(paragraph.text, end)) {
      throw new InternalError(`Highlight ${start}–${end} of ¶${paragraph.n} splits a character in two`);
    }
    const key = passageAnchor(paragraph.n, start, end);
    const entry = byRange.get(key) ?? { start, end, facts: [], order };
    for (const fact of highlight.facts) if (!entry.facts.includes(fact)) entry.facts.push(fact);
    byRange.set(key, entry);
  });

  const sorted = [...byRange].sort(([, a], [, b]) => a.start - b.start || b.end - a.end || a.order - b.order);
  const placed: Mark[] = [];
  for (const [id, range] of sorted) {
    let start = range.start;
    // Clip until no earlier mark crosses this one. Each pass moves `start` right, so it ends.
    for (let moved = true; moved; ) {
      moved = false;
      for (const other of placed) {
        if (other.start < start && start < other.end && other.end < range.end) {
          start = other.end;
          moved = true;
        }
      }
    }
    placed.push({ id, facts: range.facts, start, end: range.end, order: range.order });
  }
  return placed.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
}

/** A page that starts inside a paragraph (PDF): where, and the anchors to place there. */
export interface InlinePageStart {
  /** Offset in the paragraph's text (UTF-16 code units). */
  readonly offset: number;
  /** The page's anchor, then those of pages without paragraphs before it. */
  readonly ids: readonly string[];
  /** The page's printed label. */
  readonly label: string;
}

/**
 * An inline page marker. Its label is generated content (`::before`), so it is neither part of
 * a mark's text nor copied with the words around it.
 */
const inlinePageMarker = (start: InlinePageStart, t: LayoutChrome['t']) =>
  `<span class="page-break" id="${escapeHtml(start.ids[0]!)}" data-label="${escapeHtml(t('pageLabel', { page: start.label }))}">${start.ids
    .slice(1)
    .map((id) => `<span id="${escapeHtml(id)}"></span>`)
    .join('')}</span>`;

/** A paragraph's text, escaped, with its marks and the pages that start inside it (labelled in the language of `t`). */
export function markParagraph(
  paragraph: Paragraph,
  highlights: readonly Highlight[],
  pageStarts: readonly InlinePageStart[] = [],
  t: LayoutChrome['t'] = defaultChrome().t,
): string {
  const { text } = paragraph;
  const starts = [...pageStarts].sort((a, b) => a.offset - b.offset);
  let html = '';
  let position = 0;
  // Text up to `offset`, with the page markers that fall before it.
  const advance = (offset: number) => {
    while (starts.length > 0 && starts[0]!.offset < offset) {
      const start = starts.shift()!;
      html += escapeHtml(text.slice(position, start.offset)) + inlinePageMarker(start, t);
      position = start.offset;
    }
    html += escapeHtml(text.slice(position, offset));
    position = offset;
  };
  const open: Mark[] = [];
  const closeUpTo = (offset: number) => {
    while (open.length > 0 && open.at(-1)!.end <= offset) {
      const mark = open.pop()!;
      advance(mark.end);
      html += '</mark>';
    }
  };
  for (const mark of layoutMarks(paragraph, highlights)) {
    closeUpTo(mark.start);
    const parent = open.at(-1);
    if (parent && mark.end > parent.end) throw new InternalError(`Marks ${parent.id} and ${mark.id} cross after clipping`);
    advance(mark.start);
    html += `<mark id="${escapeHtml(mark.id)}" title="${escapeHtml(mark.facts.join(', '))}">`;
    open.push(mark);
  }
  closeUpTo(text.length);
  advance(text.length);
  return html + starts.map((start) => inlinePageMarker(start, t)).join('');
}

/**
 * One block of the document as the layout shows it. Every block has every field (null where
 * it does not apply): strict Handlebars throws on a missing one, even inside `{{#if}}`.
 */
interface Block {
  readonly kind: { readonly h2: boolean; readonly h3: boolean; readonly page: boolean; readonly paragraph: boolean };
  /** Page label (page markers). */
  readonly text: string | null;
  /** Anchor of the page marker or numbered paragraph (a heading may be one). */
  readonly id: string | null;
  /** Anchors of pages without paragraphs just before this page marker. */
  readonly skipped: readonly string[];
  /** ¶ number. */
  readonly n: number | null;
  /** The heading's or paragraph's text, escaped and marked up. */
  readonly html: ReturnType<typeof trusted> | null;
}

const block = (kind: keyof Block['kind'], fields: Partial<Omit<Block, 'kind'>>): Block => ({
  kind: { h2: kind === 'h2', h3: kind === 'h3', page: kind === 'page', paragraph: kind === 'paragraph' },
  text: null,
  id: null,
  skipped: [],
  n: null,
  html: null,
  ...fields,
});

/** Anchors of the pages after `last` up to `page`, `page`'s first. */
const pageIds = (last: number, page: number) => [pageAnchor(page), ...Array.from({ length: Math.max(0, page - last - 1) }, (_, i) => pageAnchor(last + 1 + i))];

/**
 * The document in reading order: headings and paragraphs merged by line, and, for a PDF, a
 * page marker before the first paragraph of each page (inline where a page starts inside a
 * paragraph). A marker goes before the unnumbered headings right above its paragraph, as a
 * heading more often opens a page than ends one; anchors of pages without paragraphs sit on the
 * next marker, so a link to any page lands somewhere. A heading that is also a numbered
 * paragraph (extracted documents) is shown once, as a heading with its ¶ number and marks.
 */
function blocksOf(doc: SourceDoc, highlights: readonly Highlight[], t: LayoutChrome['t']): Block[] {
  const byParagraph = new Map<number, Highlight[]>();
  for (const highlight of highlights) {
    if (!doc.paragraphs.some((paragraph) => paragraph.n === highlight.paragraph)) {
      throw new InternalError(`Highlight of ¶${highlight.paragraph} in ${doc.id}, which has no such paragraph`);
    }
    byParagraph.set(highlight.paragraph, [...(byParagraph.get(highlight.paragraph) ?? []), highlight]);
  }
  const numberedHeadings = new Set(doc.paragraphs.filter((paragraph) => paragraph.heading !== undefined).map((paragraph) => paragraph.line));
  const headings = doc.headings.filter((heading) => !numberedHeadings.has(heading.line));
  const top = Math.min(...doc.headings.map((heading) => heading.depth), ...doc.paragraphs.map((paragraph) => paragraph.heading ?? Infinity));
  const level = (depth: number) => (depth <= top ? 'h2' : 'h3');
  const items = [
    ...headings.map((heading) => ({ line: heading.line, heading })),
    ...doc.paragraphs.map((paragraph) => ({ line: paragraph.line, paragraph })),
  ].sort((a, b) => a.line - b.line);

  const blocks: Block[] = [];
  let lastPage = 0;
  let headingsSince = 0;
  for (const item of items) {
    if ('heading' in item) {
      blocks.push(block(level(item.heading.depth), { html: trusted(escapeHtml(item.heading.text)) }));
      headingsSince += 1;
      continue;
    }
    const { paragraph } = item;
    if (paragraph.page !== undefined && paragraph.page > lastPage) {
      const [id, ...skipped] = pageIds(lastPage, paragraph.page);
      const label = paragraph.pageLabel ?? String(paragraph.page);
      blocks.splice(blocks.length - headingsSince, 0, block('page', { id: id!, text: label, skipped }));
      lastPage = paragraph.page;
    }
    headingsSince = 0;
    const inside: InlinePageStart[] = [];
    for (const pageBreak of [...(paragraph.pageBreaks ?? [])].sort((a, b) => a.offset - b.offset)) {
      if (pageBreak.page <= lastPage) continue;
      inside.push({ offset: pageBreak.offset, ids: pageIds(lastPage, pageBreak.page), label: pageBreak.label });
      lastPage = pageBreak.page;
    }
    blocks.push(block(paragraph.heading === undefined ? 'paragraph' : level(paragraph.heading), {
      id: paragraphAnchor(paragraph.n),
      n: paragraph.n,
      html: trusted(markParagraph(paragraph, byParagraph.get(paragraph.n) ?? [], inside, t)),
    }));
  }
  return blocks;
}

/**
 * The source viewer (`output/sources/<id>.html`): the document's text with every quoted passage
 * marked, so a note's link lands on the exact words it quotes. `layout` is
 * `layouts/source.html.hbs` as read by `loadTemplates()` (its path names it in errors).
 * No scripts: it works from disk and under a CSP without `script-src`.
 */
export function renderSourcePage(layout: TemplateFile, input: SourcePageInput): string {
  const { doc } = input;
  const chrome = input.chrome ?? defaultChrome();
  const format = doc.format === 'pdf' && doc.pages !== undefined ? chrome.t('viewerFormatPdfPages', { pages: doc.pages }) : formatName(doc.format, chrome.t);
  const quoted = new Set(input.highlights.map((highlight) => passageAnchor(highlight.paragraph, highlight.start, highlight.end))).size;
  return renderLayout(layout, {
    ...chromeContext(chrome, input.edition, input.editionIso),
    id: doc.id,
    title: doc.bib.title,
    // The text's own language, where the bibliography gives it as a language tag.
    lang: doc.bib.language && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(doc.bib.language) ? doc.bib.language : null,
    citation: trusted(input.citation),
    format,
    digest: doc.digest,
    shortDigest: doc.digest.slice(0, 12),
    paragraphs: doc.paragraphs.length,
    quoted,
    url: doc.bib.URL ? checkHref(doc.bib.URL, `source ${doc.id}`) : null,
    usedBy: input.usedBy.map((user) => ({ title: user.title, href: checkHref(user.href, `brief ${user.briefId}`) })),
    blocks: blocksOf(doc, input.highlights, chrome.t),
    css: trusted(input.css),
    edition: input.edition,
    editionIso: input.editionIso,
  }, chrome);
}
