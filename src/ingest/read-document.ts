import { detectFormat } from './formats/detect-format.js';
import { structureBlocks } from './formats/structure-blocks.js';
import type { SourceFormat } from './formats/types.js';
import { normalizeText } from './normalize-text.js';
import type { ChromeLine } from './page-chrome.js';
import { splitParagraphs, type Heading, type Paragraph } from './split-paragraphs.js';
import { plainUtf8 } from './utf8-text.js';

/** A document's text and structure, whatever format it came in. */
export interface DocumentContent {
  readonly format: SourceFormat;
  /** The text quotes are matched in: the file itself (text), or the text extracted from it. */
  readonly text: string;
  readonly headings: readonly Heading[];
  readonly paragraphs: readonly Paragraph[];
  /**
   * Lines (plain text) or blocks (other formats) set aside as page chrome, by `setAsideChrome`:
   * empty as `readDocument` gives the content (and as the extract cache keeps it).
   */
  readonly chrome: readonly ChromeLine[];
  /** Pages (PDF only). */
  readonly pages?: number;
}

/**
 * Read a document in any supported format: plain text (¶ by blank lines, or by line where it
 * has one line per paragraph), Markdown, a saved HTML page (main text by Readability) or a PDF
 * (text layer by pdfjs-dist, with pages). Nothing is set aside as page chrome yet: that is
 * `setAsideChrome` (page-chrome.ts), run on every read so a source entry's `chrome:` list
 * applies to cached text too. Throws FormatError when the document cannot be read.
 */
export async function readDocument(file: string, bytes: Uint8Array): Promise<DocumentContent> {
  const format = detectFormat(file, bytes);
  if (format === 'pdf') {
    const { readPdf } = await import('./formats/read-pdf.js');
    const extracted = await readPdf(bytes);
    const structure = structureBlocks(extracted.blocks, extracted.pageLabels);
    return { format, ...structure, chrome: [], ...(extracted.pages !== undefined ? { pages: extracted.pages } : {}) };
  }
  // UTF-8 text needs no legacy decoder; those load for a page or a UTF-16 file that is read
  // (a build whose extracts are all kept reads none).
  const raw = (plainUtf8(bytes, format) ?? (await import('./decode-text.js')).decodeDocument(bytes, format)).text;
  if (format === 'html') {
    const { readHtml } = await import('./formats/read-html.js');
    const extracted = await readHtml(raw);
    return { format, ...structureBlocks(extracted.blocks), chrome: [] };
  }
  if (format === 'markdown') {
    const { readMarkdown } = await import('./formats/read-markdown.js');
    return { format, ...structureBlocks(readMarkdown(normalizeText(raw)).blocks), chrome: [] };
  }
  const text = normalizeText(raw);
  return { format, text, chrome: [], ...splitParagraphs(text, []) };
}
