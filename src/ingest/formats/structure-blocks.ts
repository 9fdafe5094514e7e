import { normalizeText } from '../normalize-text.js';
import type { DocumentStructure, Heading, Paragraph } from '../split-paragraphs.js';
import type { Block } from './types.js';

/** A document read from blocks: its text (one block per line, blank lines between) and structure. */
export interface BlockDocument extends DocumentStructure {
  /** The extracted text, normalised: what the source viewer shows and quotes are matched in. */
  readonly text: string;
}

/**
 * Number the paragraphs of an extracted document (headings count: they are quotable too). Each paragraph keeps the line it starts on in
 * the document file where the format tells (Markdown), otherwise its line in the extracted text;
 * PDF paragraphs keep their page and its printed label.
 */
export function structureBlocks(blocks: readonly Block[], pageLabels?: readonly string[]): BlockDocument {
  const lines: string[] = [];
  const headings: Heading[] = [];
  const paragraphs: Paragraph[] = [];
  let section: string | undefined;
  for (const block of blocks) {
    const text = normalizeText(block.text).replace(/\n+/g, ' ').trim();
    if (text === '') continue;
    if (lines.length > 0) lines.push('');
    lines.push(text);
    const line = block.line ?? lines.length;
    if (block.kind === 'heading') {
      const depth = block.depth ?? 2;
      headings.push({ depth, text, line });
      if (depth > 1) section = text;
      // A heading of a report can be what a fact quotes ("Kosovo (Tier 2)"): it is numbered
      // and matched like a paragraph, and marked as a heading for display.
    }
    const page = block.page;
    const labelOf = (number: number) => pageLabels?.[number - 1] || String(number);
    const pageBreaks = (block.pageBreaks ?? []).map((item) => ({ offset: Math.min(item.offset, text.length), page: item.page, label: labelOf(item.page) }));
    paragraphs.push({
      n: paragraphs.length + 1,
      text,
      line,
      ...(section ? { section } : {}),
      ...(page !== undefined ? { page, pageLabel: labelOf(page) } : {}),
      ...(pageBreaks.length > 0 ? { pageBreaks } : {}),
      ...(block.kind === 'heading' ? { heading: block.depth ?? 2 } : {}),
    });
  }
  return { text: `${lines.join('\n')}\n`, headings, paragraphs };
}

/**
 * Number an extracted document's paragraphs again once some are set aside (page chrome): ¶ n
 * counts the paragraphs that remain, and headings and sections come from the headings that
 * remain. Texts, lines and pages are kept as they are.
 */
export function renumberParagraphs(kept: readonly Paragraph[]): DocumentStructure {
  const headings: Heading[] = [];
  const paragraphs: Paragraph[] = [];
  let section: string | undefined;
  for (const { n: _n, section: _section, ...paragraph } of kept) {
    if (paragraph.heading !== undefined) {
      headings.push({ depth: paragraph.heading, text: paragraph.text, line: paragraph.line });
      if (paragraph.heading > 1) section = paragraph.text;
    }
    paragraphs.push({ n: paragraphs.length + 1, ...paragraph, ...(section ? { section } : {}) });
  }
  return { headings, paragraphs };
}
