// The WHATWG Encoding standard's decoders: Node's own TextDecoder maps windows-1252's 0x80–0x9F
// to C1 controls (0x92 becomes U+0092, not ’), so saved pages would lose apostrophes and dashes.
import { getBOMEncoding, legacyHookDecode, normalizeEncoding, TextDecoder } from '@exodus/bytes/encoding.js';
// Imported by default, then called: a CommonJS package (module.exports is the function).
import sniffHtmlEncoding from 'html-encoding-sniffer';
import { FormatError, type SourceFormat } from './formats/types.js';

/** A document's bytes as text, and the encoding they were read in. */
export interface DecodedText {
  readonly text: string;
  /** The WHATWG name of the encoding, in lower case: "utf-8", "windows-1252", "utf-16le"… */
  readonly encoding: string;
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

/** `bytes` decoded as UTF-8, bad sequences replaced, and where the first bad one is. */
function decodeUtf8(bytes: Uint8Array): { readonly text: string; readonly invalidAt: number | undefined } {
  // Nothing dropped, so offsets in the text are offsets in the bytes (the caller skips a BOM).
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { text, invalidAt: text.includes('\ufffd') ? firstInvalidUtf8(bytes, text) : undefined };
}

/**
 * The encoding an HTML page declares (`<meta charset>`, `<meta http-equiv="Content-Type">`, in
 * its first 1024 bytes, where the HTML standard has a page declare it and where a browser's
 * prescan looks), or `fallback` when it declares none the Encoding standard knows.
 */
export function declaredHtmlEncoding(bytes: Uint8Array, fallback: string): string {
  const sniffed = normalizeEncoding(sniffHtmlEncoding(bytes, { defaultEncoding: fallback }));
  // "replacement" (labels such as iso-2022-kr) would turn the whole page into one U+FFFD; read
  // it as if the label were unknown instead.
  return sniffed === null || sniffed === 'replacement' ? fallback : sniffed;
}

/**
 * Decode a document's bytes by the WHATWG rules. A BOM (UTF-8, UTF-16LE, UTF-16BE) wins, in
 * every format, and is dropped. An HTML page is then read in the encoding it declares (see
 * `declaredHtmlEncoding`; ISO-8859-1 is windows-1252, as in browsers); a page that declares
 * none, or an unknown one, is UTF-8 if its bytes are valid UTF-8 and windows-1252 (the browser
 * default) otherwise. Plain text and Markdown without a UTF-16 BOM must be valid UTF-8: else a
 * FormatError gives the offset of the first bad byte.
 */
export function decodeDocument(bytes: Uint8Array, format: SourceFormat): DecodedText {
  const decoded = decodeBytes(bytes, format);
  // A NUL is never text: a binary file under a text name, or UTF-16 saved without its BOM. Left
  // in, it is invisible, and a quote beside it fails with a "closest passage" that looks the same.
  const nul = decoded.text.indexOf('\u0000');
  if (nul >= 0) {
    throw new FormatError(format, `it contains a NUL character (${nul === 0 ? 'at its start' : `after “${decoded.text.slice(Math.max(0, nul - 40), nul).replace(/\s+/g, ' ').trim()}”`}), so it is a binary file or text saved as UTF-16 without a byte-order mark`);
  }
  return decoded;
}

function decodeBytes(bytes: Uint8Array, format: SourceFormat): DecodedText {
  const bom = getBOMEncoding(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return { text: legacyHookDecode(bytes, bom), encoding: bom };
  const start = bom === 'utf-8' ? 3 : 0;
  const utf8 = decodeUtf8(bytes.subarray(start));
  if (format !== 'html') {
    // A UTF-8 BOM says what the file should be, not that it is: bad bytes after one are still
    // reported, not turned into U+FFFD inside quotable text.
    if (utf8.invalidAt !== undefined) throw new FormatError(format, `it is not valid UTF-8 text (first bad byte at offset ${start + utf8.invalidAt})`);
    return { text: utf8.text, encoding: 'utf-8' };
  }
  if (bom === 'utf-8') return { text: utf8.text, encoding: 'utf-8' };
  const encoding = declaredHtmlEncoding(bytes, utf8.invalidAt === undefined ? 'utf-8' : 'windows-1252');
  return { text: encoding === 'utf-8' ? utf8.text : new TextDecoder(encoding).decode(bytes), encoding };
}
