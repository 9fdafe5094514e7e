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
 * Split normalised text into headings and numbered paragraphs. Paragraphs are separated by
 * blank lines; a heading line is a block of its own; chrome lines are skipped.
 */
export function splitParagraphs(text: string, chrome: readonly ChromeLine[]): DocumentStructure {
  const skip = new Set(chrome.map((entry) => entry.line));
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
  });
  flush();
  return { headings, paragraphs };
}
