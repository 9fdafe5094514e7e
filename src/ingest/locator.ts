import type { Paragraph } from './split-paragraphs.js';

/** Where a passage is in its document, as a note cites it. */
export interface Locator {
  /** CSL locator label: `page` for PDFs (printed `p.`), `paragraph` otherwise (printed `¶`). */
  readonly label: 'page' | 'paragraph';
  /** The page label or the ¶ number. */
  readonly value: string;
}

/** A PDF paragraph is cited by its page; any other by its ¶ number. */
export function locatorOf(paragraph: Paragraph): Locator {
  if (paragraph.page !== undefined) return { label: 'page', value: paragraph.pageLabel ?? String(paragraph.page) };
  return { label: 'paragraph', value: String(paragraph.n) };
}

/** `¶ 12` or `p. 12`, for messages and listings. */
export function formatLocator(paragraph: Paragraph): string {
  const locator = locatorOf(paragraph);
  return locator.label === 'page' ? `p. ${locator.value}` : `¶ ${locator.value}`;
}
