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

/**
 * The text of a document without its fonts, and the fonts (the piece at every odd place), for
 * a page that installs them once for many documents. A document whose odd pieces differ (none
 * made by the pipeline) comes whole.
 */
export function apartFromFonts(parts: HtmlParts): { readonly html: string; readonly fonts?: string } {
  const fonts = fontsOf(parts);
  return fonts === undefined ? { html: joinHtml(parts) } : { html: parts.filter((_, index) => index % 2 === 0).join(''), fonts };
}

/** The fonts of a document (see apartFromFonts), if it has them apart. */
export function fontsOf(parts: HtmlParts): string | undefined {
  const fonts = parts[1];
  return fonts !== undefined && parts.every((part, index) => index % 2 === 0 || part === fonts) ? fonts : undefined;
}
