// UTF-8 text read without the WHATWG legacy decoders (decode-text.ts loads those, some 400 KB
// of code): a text or Markdown document without a UTF-16 byte-order mark is UTF-8 or an error,
// and Node's own decoder reads UTF-8 as the Encoding standard does.
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

const startsWith = (bytes: Uint8Array, ...mark: number[]) => mark.every((byte, index) => bytes[index] === byte);

/**
 * A NUL is never text: a binary file under a text name, or UTF-16 saved without its BOM. Left
 * in, it is invisible, and a quote beside it fails with a "closest passage" that looks the same.
 */
export function refuseNul(decoded: DecodedText, format: SourceFormat): DecodedText {
  const nul = decoded.text.indexOf('\u0000');
  if (nul >= 0) {
    throw new FormatError(format, `it contains a NUL character (${nul === 0 ? 'at its start' : `after “${decoded.text.slice(Math.max(0, nul - 40), nul).replace(/\s+/g, ' ').trim()}”`}), so it is a binary file or text saved as UTF-16 without a byte-order mark`);
  }
  return decoded;
}

/**
 * A text or Markdown document read as decode-text.ts's `decodeDocument` reads it, when that
 * needs no legacy decoder: it has no UTF-16 byte-order mark. Undefined for an HTML page or a
 * UTF-16 file (decode-text.ts reads those). A UTF-8 BOM is dropped; bad UTF-8 is a FormatError
 * with the offset of the first bad byte.
 */
export function plainUtf8(bytes: Uint8Array, format: SourceFormat): DecodedText | undefined {
  if (format === 'html' || startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) return undefined;
  const start = startsWith(bytes, 0xef, 0xbb, 0xbf) ? 3 : 0;
  const body = bytes.subarray(start);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  // A UTF-8 BOM says what the file should be, not that it is: bad bytes after one are still
  // reported, not turned into U+FFFD inside quotable text.
  const invalidAt = text.includes('\ufffd') ? firstInvalidUtf8(body, text) : undefined;
  if (invalidAt !== undefined) throw new FormatError(format, `it is not valid UTF-8 text (first bad byte at offset ${start + invalidAt})`);
  return refuseNul({ text, encoding: 'utf-8' }, format);
}
