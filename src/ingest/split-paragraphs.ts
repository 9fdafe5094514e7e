import type { ChromeLine } from './page-chrome.js';

/** A heading of a document (`= Title =`, `==Section==`, or Markdown `#`). */
export interface Heading {
  /** 1 for the title, 2 for sections, … */
  readonly depth: number;
  /** The heading text without markup. */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

/** A numbered paragraph: the unit a quote is found in and the ¶ locator cites. */
export interface Paragraph {
  /** ¶ number, 1-based, counting paragraphs only (not headings or chrome). */
  readonly n: number;
  /** The paragraph's text, its lines joined by one space. */
  readonly text: string;
  /** 1-based line of its first line in the document. */
  readonly line: number;
  /** The heading it sits under, if any. */
  readonly section?: string;
  /** 1-based page of a PDF it is printed on (PDF sources only). */
  readonly page?: number;
  /** The page's printed label (`12`, `iv`), or its number where the PDF gives no labels. */
  readonly pageLabel?: string;
  /** The heading level, where the paragraph is a heading of an extracted document (HTML, Markdown, PDF). */
  readonly heading?: number;
  /** A PDF paragraph that goes on over a page break: where in `text` each further page starts. */
  readonly pageBreaks?: readonly PageBreak[];
}

/** The start of a new page inside a paragraph. */
export interface PageBreak {
  /** Offset in the paragraph's text (UTF-16 code units). */
  readonly offset: number;
  readonly page: number;
  readonly label: string;
}

/** The structure of a document. */
export interface DocumentStructure {
  readonly headings: readonly Heading[];
  readonly paragraphs: readonly Paragraph[];
}

const wikiHeading = /^(={1,6})\s*(.+?)\s*\1$/;
const markdownHeading = /^(#{1,6})\s+(.+?)(?:\s+#+)?$/;

function matchHeading(line: string): { depth: number; text: string } | undefined {
  const wiki = wikiHeading.exec(line);
  if (wiki) return { depth: wiki[1]!.length, text: wiki[2]! };
  const markdown = markdownHeading.exec(line);
  if (markdown) return { depth: markdown[1]!.length, text: markdown[2]! };
  return undefined;
}

/**
 * How a plain text separates its paragraphs: by blank lines (a text written or saved as text,
 * hard-wrapped or not), or by line breaks (text copied from a browser: one line per paragraph,
 * no blank lines).
 */
export type ParagraphConvention = 'blank-lines' | 'line-breaks';

// Hard-wrapped text breaks its lines at 72–80 columns: a line longer than this was not wrapped
// (the margin allows for wide wraps and a line's overhanging last word).
const hardWrapWidth = 100;
// Share of the lines in question that must be such long lines: a hard-wrapped text has only
// the odd unbreakable one (an address), while a copied page has one per paragraph even among
// many short lines (headings, menus, list items).
const longLineShare = 0.05;
// A long line that ends a sentence is a whole paragraph; a wide wrap ends mid-sentence.
const sentenceEnd = /[.!?…:;]["'”’»)\]]*(?:\[[\w\s]{1,20}\])*$/u;

/**
 * Decide how the text's paragraphs are separated. Blank lines, unless the text has (almost)
 * none — one run of lines without a blank line holds more than half of its text lines — and
 * the lines of those runs were not wrapped: enough of them are longer than any hard wrap,
 * and most of those end a sentence. Headings and chrome lines are left out of the count.
 */
export function paragraphConvention(text: string, chrome: readonly ChromeLine[]): ParagraphConvention {
  const skip = new Set(chrome.map((entry) => entry.line));
  const runs: string[][] = [[]];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (skip.has(index + 1) || (line !== '' && matchHeading(line))) return;
    if (line === '') {
      if (runs.at(-1)!.length > 0) runs.push([]);
      return;
    }
    runs.at(-1)!.push(line);
  });
  const lines = runs.reduce((sum, run) => sum + run.length, 0);
  const longest = runs.reduce((most, run) => Math.max(most, run.length), 0);
  // Blank lines separate the text (or there is nothing to join): the usual rule.
  if (longest < 2 || longest * 2 <= lines) return 'blank-lines';
  const joined = runs.filter((run) => run.length > 1).flat();
  const long = joined.filter((line) => line.length > hardWrapWidth);
  if (long.length === 0 || long.length < joined.length * longLineShare) return 'blank-lines';
  const ended = long.filter((line) => sentenceEnd.test(line));
  return ended.length * 2 >= long.length ? 'line-breaks' : 'blank-lines';
}

/**
 * Split normalised text into headings and numbered paragraphs. Paragraphs are separated by
 * blank lines, or by line breaks where the text has one line per paragraph (see
 * `paragraphConvention`); a heading line is a block of its own; chrome lines are skipped.
 */
export function splitParagraphs(text: string, chrome: readonly ChromeLine[]): DocumentStructure {
  const skip = new Set(chrome.map((entry) => entry.line));
  const eachLine = paragraphConvention(text, chrome) === 'line-breaks';
  const headings: Heading[] = [];
  const paragraphs: Paragraph[] = [];
  let block: string[] = [];
  let blockLine = 0;
  let section: string | undefined;

  const flush = () => {
    if (block.length > 0) {
      paragraphs.push({ n: paragraphs.length + 1, text: block.join(' '), line: blockLine, ...(section ? { section } : {}) });
    }
    block = [];
  };

  text.split('\n').forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.trim();
    if (line === '' || skip.has(lineNumber)) {
      flush();
      return;
    }
    const heading = matchHeading(line);
    if (heading) {
      flush();
      headings.push({ ...heading, line: lineNumber });
      if (heading.depth > 1) section = heading.text;
      return;
    }
    if (block.length === 0) blockLine = lineNumber;
    block.push(line);
    if (eachLine) flush();
  });
  flush();
  return { headings, paragraphs };
}
