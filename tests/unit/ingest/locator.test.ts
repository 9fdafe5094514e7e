import { describe, expect, it } from 'vitest';
import { foldForMatch, formatLocator, locatorOf, type Paragraph } from '../../../src/ingest/index.js';

const text = 'The project catalogued nearly one hundred child beggars in a database with photos and family details.';
const broken: Paragraph = {
  n: 9,
  text,
  line: 17,
  page: 3,
  pageLabel: '3',
  pageBreaks: [{ offset: text.indexOf('photos'), page: 4, label: '4' }],
};

describe('locatorOf', () => {
  it('should cite a paragraph of a text document by its ¶', () => {
    expect(locatorOf({ n: 12, text: 'A.', line: 3 })).toEqual({ label: 'paragraph', value: '12' });
    expect(formatLocator({ n: 12, text: 'A.', line: 3 })).toBe('¶ 12');
  });

  it('should cite a PDF passage by the page it is printed on, across a page break', () => {
    const at = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
    expect(locatorOf(broken, at('nearly one hundred'))).toEqual({ label: 'page', value: '3' });
    expect(locatorOf(broken, at('family details'))).toEqual({ label: 'page', value: '4' });
    expect(locatorOf(broken, at('a database with photos'))).toEqual({ label: 'page', value: '3–4' });
    expect(formatLocator(broken)).toBe('p. 3');
  });

  it('should use the printed page label where the PDF defines one', () => {
    expect(locatorOf({ ...broken, pageLabel: 'iv', pageBreaks: [] })).toEqual({ label: 'page', value: 'iv' });
  });
});

describe('foldForMatch with loose hyphens', () => {
  it('should treat a soft hyphen as nothing and a hyphen inside a word as optional, keeping offsets', () => {
    expect(foldForMatch('trans\u00adnational').text).toBe('transnational');
    const folded = foldForMatch('an anti\u2010trafficking law', { looseHyphens: true });
    expect(folded.text).toBe('an antitrafficking law');
    expect(folded.map[folded.text.indexOf('law')]).toBe('an anti‐trafficking law'.indexOf('law'));
    // A dash between words stays.
    expect(foldForMatch('2010 - 2011', { looseHyphens: true }).text).toBe('2010 - 2011');
  });
});
