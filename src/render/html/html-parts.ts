/**
 * A self-contained HTML document as pieces of text that, joined, are the file: the page around
 * its inlined fonts, and the fonts. Every brief of a build shares one fonts string, so a build
 * of 100 briefs holds one copy of half a megabyte of base64 instead of 100 (Node's memory was
 * 1.2 MB a brief, the fonts most of it). Join only where the whole text is needed (to print
 * it, to write it), and let it go after.
 */
export type HtmlParts = readonly string[];

/** The whole text of a document. */
export function joinHtml(parts: HtmlParts): string {
  return parts.join('');
}

/** The length of the whole text, without joining it. */
export function htmlLength(parts: HtmlParts): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}
