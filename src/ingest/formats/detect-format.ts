import path from 'node:path';
import { FormatError, type SourceFormat } from './types.js';

const markdownExtensions = new Set(['.md', '.markdown', '.mdown', '.mkd']);
const htmlExtensions = new Set(['.html', '.htm', '.xhtml']);

/** Binary formats people save reports in that the build cannot read, by their first bytes. */
const unsupported: ReadonlyArray<readonly [RegExp, string]> = [
  [/^PK\x03\x04/, 'a ZIP container (a Word .docx, OpenDocument or EPUB file?)'],
  [/^\xd0\xcf\x11\xe0/, 'an old Microsoft Office file (.doc)'],
  [/^\{\\rtf/, 'an RTF file'],
  [/^\x89PNG|^\xff\xd8\xff|^GIF8|^II\*\x00|^MM\x00\*/, 'an image'],
];

const htmlStart = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;

/** Does `head` (the first few KB of a document, as text) say it is HTML? */
export function looksLikeHtml(head: string): boolean {
  if (htmlStart.test(head)) return true;
  // A fragment saved without <html>: several block tags and little else.
  const tags = head.match(/<\/?(?:p|div|h[1-6]|ul|ol|li|table|article|section|main|br)\b[^>]*>/gi) ?? [];
  return tags.length >= 3 && /^\s*</.test(head);
}

/**
 * Choose how to read a document from its content first, its name second. PDF by its `%PDF-`
 * signature; HTML by a doctype, `<html>`/`<head>`/`<body>` or a page of block tags. Markdown and
 * plain text cannot be told apart reliably from content, so `.md` files are Markdown and the
 * rest plain text. Binary files of other formats get a FormatError saying what they seem to be.
 */
export function detectFormat(file: string, bytes: Uint8Array): SourceFormat {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const extension = path.extname(file).toLowerCase();
  if (/^\s{0,16}%PDF-/.test(head.slice(0, 1024))) return 'pdf';
  if (extension === '.pdf') {
    throw new FormatError('pdf', `it is named .pdf but is not a PDF (it does not start with %PDF-${looksLikeHtml(head) ? '; it looks like an HTML page: save it as .html' : ''})`);
  }
  for (const [signature, what] of unsupported) {
    if (signature.test(head)) {
      throw new FormatError('text', `it is ${what}, not a format the build reads (plain text, Markdown, HTML or PDF with a text layer)`);
    }
  }
  const text = head.replace(/^\ufeff|^\xef\xbb\xbf/, '');
  if (looksLikeHtml(text) || (htmlExtensions.has(extension) && /<[a-z!]/i.test(text))) return 'html';
  if (markdownExtensions.has(extension)) return 'markdown';
  return 'text';
}
