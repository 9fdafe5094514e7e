import type { Paragraph } from './split-paragraphs.js';

/** Where a passage is in its document, as a note cites it. */
export interface Locator {
  /** CSL locator label: `page` for PDFs (printed `p.`), `paragraph` otherwise (printed `¶`). */
  readonly label: 'page' | 'paragraph';
  /** The page label or the ¶ number. */
  readonly value: string;
}

/** The label of the page `offset` of a PDF paragraph's text is printed on. */
function pageAt(paragraph: Paragraph, offset: number): string {
  let label = paragraph.pageLabel ?? String(paragraph.page);
  for (const item of paragraph.pageBreaks ?? []) if (item.offset <= offset) label = item.label;
  return label;
}

/**
 * A PDF paragraph is cited by its page; any other by its ¶ number. Given the passage's offsets
 * in a PDF paragraph that runs over a page break, the page the passage is on (`12`), or both
 * (`12–13`) when it straddles the break.
 */
export function locatorOf(paragraph: Paragraph, passage?: { readonly start: number; readonly end: number }): Locator {
  if (paragraph.page === undefined) return { label: 'paragraph', value: String(paragraph.n) };
  const first = pageAt(paragraph, passage?.start ?? 0);
  const last = passage ? pageAt(paragraph, Math.max(passage.start, passage.end - 1)) : first;
  return { label: 'page', value: first === last ? first : `${first}–${last}` };
}

/** `¶ 12`, `p. 12` or `pp. 12–13`, for messages and listings. */
export function describeLocator(locator: Locator): string {
  if (locator.label === 'paragraph') return `¶ ${locator.value}`;
  return `${locator.value.includes('–') ? 'pp.' : 'p.'} ${locator.value}`;
}

/** Where a paragraph starts, as `describeLocator` writes it. */
export function formatLocator(paragraph: Paragraph): string {
  return describeLocator(locatorOf(paragraph));
}
