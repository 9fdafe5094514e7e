// The WHATWG Encoding standard's decoders: Node's own TextDecoder maps windows-1252's 0x80–0x9F
// to C1 controls (0x92 becomes U+0092, not ’), so saved pages would lose apostrophes and dashes.
import { getBOMEncoding, legacyHookDecode, normalizeEncoding, TextDecoder } from '@exodus/bytes/encoding.js';
// Imported by default, then called: a CommonJS package (module.exports is the function).
import sniffHtmlEncoding from 'html-encoding-sniffer';
import type { SourceFormat } from './formats/types.js';
import { firstInvalidUtf8, plainUtf8, refuseNul, type DecodedText } from './utf8-text.js';

export type { DecodedText } from './utf8-text.js';

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
  return plainUtf8(bytes, format) ?? refuseNul(decodeBytes(bytes, format), format);
}

function decodeBytes(bytes: Uint8Array, format: SourceFormat): DecodedText {
  const bom = getBOMEncoding(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return { text: legacyHookDecode(bytes, bom), encoding: bom };
  // An HTML page (plainUtf8 reads the other formats).
  const start = bom === 'utf-8' ? 3 : 0;
  const utf8 = decodeUtf8(bytes.subarray(start));
  if (bom === 'utf-8') return { text: utf8.text, encoding: 'utf-8' };
  const encoding = declaredHtmlEncoding(bytes, utf8.invalidAt === undefined ? 'utf-8' : 'windows-1252');
  return { text: encoding === 'utf-8' ? utf8.text : new TextDecoder(encoding).decode(bytes), encoding };
}
