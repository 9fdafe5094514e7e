import { describe, expect, it } from 'vitest';
import { fold, foldForMatch, normalizeText } from '../../../src/ingest/index.js';

describe('normalizeText', () => {
  it('should compose characters to NFC', () => {
    const decomposed = 'Prishtine\u0308 and e\u0301';
    expect(normalizeText(decomposed)).toBe('Prishtinë and é');
    expect(normalizeText(decomposed)).toBe(normalizeText(decomposed).normalize('NFC'));
  });

  it('should turn CRLF, lone CR and Unicode line separators into LF', () => {
    expect(normalizeText('one\r\ntwo\rthree\u2028four')).toBe('one\ntwo\nthree\nfour');
  });

  it('should collapse runs of spaces and tabs into one space', () => {
    expect(normalizeText('a  b\t\tc \t d')).toBe('a b c d');
  });

  it('should turn no-break and other Unicode spaces into a plain space', () => {
    expect(normalizeText('up\u00a0to 12\u202fyears\u2003in\u00a0\u00a0prison')).toBe('up to 12 years in prison');
  });

  it('should drop spaces at the end and the start of lines but keep blank lines', () => {
    expect(normalizeText('first   \n   second\u00a0\n\nthird')).toBe('first\nsecond\n\nthird');
  });

  it('should leave quote marks, dashes and case as they are', () => {
    const text = 'The “Tier 2” report – 2011 — It’s OK';
    expect(normalizeText(text)).toBe(text);
  });
});

describe('foldForMatch', () => {
  it('should turn curly double and single quote marks into straight ones', () => {
    expect(fold('“source” and ‘destination’ it’s «x» „y“')).toBe('"source" and \'destination\' it\'s "x" "y"');
  });

  it('should turn en dashes, em dashes and the minus sign into a hyphen-minus', () => {
    expect(fold('2010–2011 — a \u2212 b \u2011 c')).toBe('2010-2011 - a - b - c');
  });

  it('should turn every run of white space into one space and trim the ends', () => {
    expect(fold('  source,\n\n  destination \t and\u00a0transit  ')).toBe('source, destination and transit');
  });

  it('should leave the case of letters unchanged', () => {
    expect(fold('Kosovo KOSOVO kosovo')).toBe('Kosovo KOSOVO kosovo');
    expect(fold('Kosovo')).not.toBe(fold('kosovo'));
  });

  it('should map every folded code unit back to its offset in the input', () => {
    const input = '  a  “b”\n–c ';
    const { text, map } = foldForMatch(input);
    expect(text).toBe('a "b" -c');
    expect(map).toHaveLength(text.length + 1);
    expect(map.at(-1)).toBe(input.length);
    // Letters map to themselves; folded marks map to the character they came from.
    expect([...text].map((char, index) => [char, input[map[index]!]])).toEqual([
      ['a', 'a'],
      [' ', ' '],
      ['"', '“'],
      ['b', 'b'],
      ['"', '”'],
      [' ', '\n'],
      ['-', '–'],
      ['c', 'c'],
    ]);
  });

  it('should let a folded match be located in the original text', () => {
    const input = 'The report calls Kosovo a “source,\n  destination” country.';
    const { text, map } = foldForMatch(input);
    const needle = fold('"source, destination"');
    const start = text.indexOf(needle);
    expect(start).toBeGreaterThan(0);
    const end = start + needle.length;
    expect(input.slice(map[start], map[end - 1]! + 1)).toBe('“source,\n  destination”');
  });

  it('should map offsets into the input even when the input is not NFC', () => {
    const input = 'Cafe\u0301 “x”';
    const { text, map } = foldForMatch(input);
    expect(text).toBe('Café "x"');
    expect(map.at(-1)).toBe(input.length);
    expect(input[map[text.indexOf('x')]!]).toBe('x');
  });

  it('should return the same text from fold as from foldForMatch', () => {
    const input = 'It’s a “test” – really';
    expect(fold(input)).toBe(foldForMatch(input).text);
  });
});
