import { describe, expect, it } from 'vitest';
import { decodeDocument, declaredHtmlEncoding } from '../../../src/ingest/decode-text.js';
import { FormatError } from '../../../src/ingest/formats/types.js';
import { readDocument } from '../../../src/ingest/read-document.js';

const ascii = (text: string) => Buffer.from(text, 'latin1');
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
/** An HTML page whose body is `body` (raw bytes), with `head` markup before it. */
const page = (head: string, body: Uint8Array) => concat(ascii(`<!DOCTYPE html><html><head>${head}<title>T</title></head><body><p>`), body, ascii('</p></body></html>'));
const c1Controls = /[\u0080-\u009f]/;

describe('decodeDocument', () => {
  it('should decode windows-1252 punctuation as the curly quotes and dashes it stands for', () => {
    const { text, encoding } = decodeDocument(page('<meta charset="windows-1252">', Uint8Array.of(0x92, 0x20, 0x96, 0x20, 0x93, 0x94)), 'html');
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('’ – “”');
    expect(text).not.toMatch(c1Controls);
  });

  it('should read a page declaring ISO-8859-1 as windows-1252, as browsers do', () => {
    const { text, encoding } = decodeDocument(page('<meta charset="ISO-8859-1">', Uint8Array.of(0x4b, 0x6f, 0x73, 0x6f, 0x76, 0xeb, 0x92, 0x73)), 'html');
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('Kosovë’s');
  });

  it('should take the charset from a `<meta http-equiv="Content-Type">`', () => {
    const { text, encoding } = decodeDocument(page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">', Uint8Array.of(0xb1, 0xea, 0xb9, 0x20, 0xe8, 0xf8)), 'html');
    expect(encoding).toBe('iso-8859-2');
    expect(text).toContain('ąęš čř');
  });

  it('should look for the declaration in the first 1024 bytes, as the prescan does, then fall back', () => {
    // The HTML standard has a page declare its encoding within its first 1024 bytes; a later
    // <meta> is not seen, and the bytes (not UTF-8 here) are read as windows-1252.
    const head = `<script>${'var a = 1;\n'.repeat(300)}</script><meta charset="iso-8859-2">`;
    const { text, encoding } = decodeDocument(page(head, Uint8Array.of(0xb1)), 'html');
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('±');
  });

  it('should read a page without a declaration as UTF-8 when its bytes are valid UTF-8', () => {
    const { text, encoding } = decodeDocument(page('', new TextEncoder().encode('Kosovo’s – “Prishtinë”')), 'html');
    expect(encoding).toBe('utf-8');
    expect(text).toContain('Kosovo’s – “Prishtinë”');
  });

  it('should read a page without a declaration as windows-1252 when its bytes are not UTF-8', () => {
    const { text, encoding } = decodeDocument(page('', Uint8Array.of(0x4b, 0x6f, 0x73, 0x6f, 0x76, 0x6f, 0x92, 0x73)), 'html');
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('Kosovo’s');
  });

  it('should fall back to UTF-8 or windows-1252 for a charset label it does not know', () => {
    expect(decodeDocument(page('<meta charset="klingon-8">', new TextEncoder().encode('Kosovo’s')), 'html')).toMatchObject({ encoding: 'utf-8' });
    const legacy = decodeDocument(page('<meta charset="klingon-8">', Uint8Array.of(0x4b, 0x92, 0x73)), 'html');
    expect(legacy.encoding).toBe('windows-1252');
    expect(legacy.text).toContain('K’s');
  });

  it('should not turn a page with a "replacement" label into a single U+FFFD', () => {
    const { text, encoding } = decodeDocument(page('<meta charset="iso-2022-kr">', ascii('Kosovo')), 'html');
    expect(encoding).toBe('utf-8');
    expect(text).toContain('<p>Kosovo</p>');
  });

  it('should let a BOM win over the declared charset and drop it', () => {
    const { text, encoding } = decodeDocument(concat(Uint8Array.of(0xef, 0xbb, 0xbf), page('<meta charset="windows-1252">', new TextEncoder().encode('Kosovo’s'))), 'html');
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain('Kosovo’s');
  });

  it('should decode UTF-16LE and UTF-16BE with a BOM, in any format', () => {
    const words = 'Kosovo’s “victims” – ąč';
    const le = concat(Uint8Array.of(0xff, 0xfe), Buffer.from(words, 'utf16le'));
    const be = concat(Uint8Array.of(0xfe, 0xff), Buffer.from(words, 'utf16le').swap16());
    expect(decodeDocument(le, 'text')).toEqual({ text: words, encoding: 'utf-16le' });
    expect(decodeDocument(be, 'markdown')).toEqual({ text: words, encoding: 'utf-16be' });
    const html = `<html><head><meta charset="windows-1252"></head><body><p>${words}</p></body></html>`;
    expect(decodeDocument(concat(Uint8Array.of(0xff, 0xfe), Buffer.from(html, 'utf16le')), 'html')).toEqual({ text: html, encoding: 'utf-16le' });
  });

  it('should drop a UTF-8 BOM from plain text', () => {
    expect(decodeDocument(concat(Uint8Array.of(0xef, 0xbb, 0xbf), new TextEncoder().encode('Kosovo’s report')), 'text')).toEqual({ text: 'Kosovo’s report', encoding: 'utf-8' });
  });

  it('should keep U+FFFD that the bytes really spell in plain text', () => {
    expect(decodeDocument(new TextEncoder().encode('a \ufffd b'), 'text').text).toBe('a \ufffd b');
  });

  it('should refuse plain text and Markdown that is not valid UTF-8, with the offset of the first bad byte', () => {
    const bytes = concat(new TextEncoder().encode('Kosovë \ufffd '), Uint8Array.of(0x92, 0x73));
    for (const format of ['text', 'markdown'] as const) {
      let error: unknown;
      try {
        decodeDocument(bytes, format);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FormatError);
      expect((error as FormatError).format).toBe(format);
      expect((error as FormatError).detail).toBe('it is not valid UTF-8 text (first bad byte at offset 12)');
    }
  });

  it('should count the offset of a bad byte after a UTF-8 BOM from the start of the file', () => {
    const bytes = concat(Uint8Array.of(0xef, 0xbb, 0xbf), ascii('Kosovo'), Uint8Array.of(0x92, 0x73));
    expect(() => decodeDocument(bytes, 'markdown')).toThrow(/^it is not valid UTF-8 text \(first bad byte at offset 9\)$/);
  });
});

describe('declaredHtmlEncoding', () => {
  it('should give the fallback when a page declares nothing', () => {
    expect(declaredHtmlEncoding(ascii('<html><body><p>Text</p></body></html>'), 'utf-8')).toBe('utf-8');
    expect(declaredHtmlEncoding(ascii('<html><body><p>Text</p></body></html>'), 'windows-1252')).toBe('windows-1252');
  });

  it('should ignore a `<meta charset>` inside a comment', () => {
    expect(declaredHtmlEncoding(ascii('<html><head><!-- <meta charset="iso-8859-2"> --></head></html>'), 'utf-8')).toBe('utf-8');
  });
});

describe('readDocument with a legacy encoding', () => {
  it('should keep the curly apostrophes of a windows-1252 saved page', async () => {
    const paragraph =
      'Kosovo’s authorities reported that the Government’s anti-trafficking police unit identified more victims this year than last, ' +
      'and that the country’s shelters, run by non-governmental organisations, cared for women and children who had been trafficked for sexual exploitation.';
    const html =
      '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' +
      `<title>Kosovo</title></head><body><article><h1>Kosovo</h1><p>${paragraph}</p></article></body></html>`;
    const bytes = Buffer.from(html.replace(/’/g, '\x92'), 'latin1');
    expect(bytes.includes(0x92)).toBe(true);
    const content = await readDocument('kosovo.html', bytes);
    expect(content.format).toBe('html');
    const found = content.paragraphs.find((p) => p.text.includes('anti-trafficking police unit'));
    expect(found?.text).toContain('’');
    expect(found?.text).toContain('Government’s');
    expect(content.text).not.toMatch(c1Controls);
  });
});
