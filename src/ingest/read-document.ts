import { detectFormat } from './formats/detect-format.js';
import { structureBlocks } from './formats/structure-blocks.js';
import { FormatError, type SourceFormat } from './formats/types.js';
import { normalizeText } from './normalize-text.js';
import { findPageChrome, type ChromeLine } from './page-chrome.js';
import { splitParagraphs, type Heading, type Paragraph } from './split-paragraphs.js';

/** A document's text and structure, whatever format it came in. */
export interface DocumentContent {
  readonly format: SourceFormat;
  /** The text quotes are matched in: the file itself (text), or the text extracted from it. */
  readonly text: string;
  readonly headings: readonly Heading[];
  readonly paragraphs: readonly Paragraph[];
  /** Lines set aside as page chrome (plain text only; other readers drop chrome themselves). */
  readonly chrome: readonly ChromeLine[];
  /** Pages (PDF only). */
  readonly pages?: number;
}

/**
 * The byte offset of the first invalid UTF-8 sequence, or undefined if there is none. `text` is
 * the lenient decoding of `bytes`: walk it and find the first U+FFFD that the bytes do not
 * actually spell (EF BF BD).
 */
export function firstInvalidUtf8(bytes: Uint8Array, text: string): number | undefined {
  let offset = 0;
  for (const char of text) {
    if (char === '\ufffd' && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    offset += Buffer.byteLength(char, 'utf8');
  }
  return undefined;
}

/** The character set an HTML page declares in a `<meta>` (saved pages are not always UTF-8). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}

function decode(bytes: Uint8Array, format: SourceFormat): string {
  const charset = format === 'html' ? declaredCharset(bytes) : undefined;
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label: fall through to UTF-8.
    }
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const invalid = text.includes('\ufffd') ? firstInvalidUtf8(bytes, text) : undefined;
  if (invalid !== undefined) throw new FormatError(format, `it is not valid UTF-8 text (first bad byte at offset ${invalid})`);
  return text.replace(/^\ufeff/, '');
}

/**
 * Read a document in any supported format: plain text (page chrome set aside, ¶ by blank
 * lines), Markdown, a saved HTML page (main text by Readability) or a PDF (text layer by
 * pdfjs-dist, with pages). Throws FormatError when the document cannot be read.
 */
export async function readDocument(file: string, bytes: Uint8Array): Promise<DocumentContent> {
  const format = detectFormat(file, bytes);
  if (format === 'pdf') {
    const { readPdf } = await import('./formats/read-pdf.js');
    const extracted = await readPdf(bytes);
    const structure = structureBlocks(extracted.blocks, extracted.pageLabels);
    return { format, ...structure, chrome: [], ...(extracted.pages !== undefined ? { pages: extracted.pages } : {}) };
  }
  const raw = decode(bytes, format);
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
  const chrome = findPageChrome(text.split('\n'));
  return { format, text, chrome, ...splitParagraphs(text, chrome) };
}
