import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../../src/ingest/decode-text.js';
import { FormatError } from '../../../src/ingest/formats/types.js';
import { plainUtf8 } from '../../../src/ingest/utf8-text.js';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part)))));

// What the legacy decoders would make of the same bytes: plainUtf8 must agree wherever it answers.
const failure = (read: () => unknown) => {
  try {
    read();
    return undefined;
  } catch (error) {
    return error instanceof FormatError ? error.message : String(error);
  }
};

describe('plainUtf8', () => {
  const cases: Array<[string, Uint8Array]> = [
    ['plain text', bytes('In 2010 the code prohibited trafficking – “over 300 bars”.')],
    ['a UTF-8 byte-order mark', bytes([0xef, 0xbb, 0xbf], 'Kosovë')],
    ['a bad byte after valid text', bytes('Prishtinë ', [0xe9], ' police')],
    ['a bad byte after a byte-order mark', bytes([0xef, 0xbb, 0xbf], 'ok ', [0xc3])],
    ['a NUL', bytes('binary', [0x00], 'junk')],
    ['a replacement character the file really holds', bytes('a \ufffd b')],
  ];
  for (const [name, input] of cases) {
    for (const format of ['text', 'markdown'] as const) {
      it(`reads ${format} with ${name} as decodeDocument does`, () => {
        const error = failure(() => plainUtf8(input, format));
        expect(error).toBe(failure(() => decodeDocument(input, format)));
        if (error === undefined) expect(plainUtf8(input, format)).toEqual(decodeDocument(input, format));
      });
    }
  }

  it('names the offset of the first bad byte, counting the byte-order mark', () => {
    expect(() => plainUtf8(bytes([0xef, 0xbb, 0xbf], 'ok ', [0xc3]), 'text')).toThrow(/offset 6\b/);
  });

  it('leaves HTML pages and UTF-16 files to the legacy decoders', () => {
    expect(plainUtf8(bytes('<p>hi</p>'), 'html')).toBeUndefined();
    expect(plainUtf8(bytes([0xff, 0xfe], [0x68, 0x00]), 'text')).toBeUndefined();
    expect(plainUtf8(bytes([0xfe, 0xff], [0x00, 0x68]), 'markdown')).toBeUndefined();
  });
});
