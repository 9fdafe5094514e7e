import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldForMatch, normalizeText } from '../../../src/ingest/index.js';
import { findClosestPassage } from '../../../src/facts/index.js';

// Text with the characters that normalisation treats specially, mixed with ordinary ones.
const tricky = fc.constantFrom(
  ' ', '\t', '\n', '\r\n', '\u00a0', '\u200b', '\ufeff', '\u2028', '“', '”', '‘', '’', '–', '—', '-', '"', "'",
  'e\u0301', 'é', 'ë', 'ç', 'Ж', 'ђ', '¶', '€', '\ud83d\ude00', 'a', 'B', '7', '.', ',',
);
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.array(tricky, { maxLength: 120 }).map((parts) => parts.join('')));

describe('text normalisation (property-based)', () => {
  it('should never throw, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        normalizeText(input);
        foldForMatch(input);
      }),
    );
  });

  it('should be idempotent', () => {
    fc.assert(
      fc.property(text, (input) => {
        const once = normalizeText(input);
        expect(normalizeText(once)).toBe(once);
        expect(fold(fold(input))).toBe(fold(input));
      }),
    );
  });

  it('should keep a map with one offset per folded code unit, ascending, inside the input', () => {
    fc.assert(
      fc.property(text, (input) => {
        const { text: folded, map } = foldForMatch(input);
        expect(map).toHaveLength(folded.length + 1);
        expect(map.at(-1)).toBe(input.length);
        for (let index = 1; index < map.length; index++) expect(map[index]!).toBeGreaterThanOrEqual(map[index - 1]!);
        for (const offset of map) expect(offset).toBeLessThanOrEqual(input.length);
      }),
    );
  });

  it('should leave no run of white space, no curly quote and no dash but the hyphen-minus', () => {
    fc.assert(
      fc.property(text, (input) => {
        const folded = fold(input);
        expect(folded).not.toMatch(/\s{2,}|^\s|\s$/u);
        expect(folded).not.toMatch(/[“”‘’–—]/);
      }),
    );
  });

  it('should not change case or letters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', 'ë', 'Ç', 'ж', 'Ђ', ' '), maxLength: 80 }), (input) => {
        expect(fold(input).replace(/ /g, '')).toBe(input.normalize('NFC').replace(/ /g, ''));
      }),
    );
  });
});

describe('quote matching (property-based)', () => {
  const words = fc.array(fc.constantFrom('the', 'report', 'Kosovo', 'victims', '“shelters”', '2010', 'officials', '—', 'trafficking', 'Tier', '2', 'ë'), {
    minLength: 8,
    maxLength: 60,
  });

  it('should always find a quote cut from a document, whatever white space, quote marks or dashes it uses', () => {
    fc.assert(
      fc.property(words, fc.nat(), fc.nat(), fc.constantFrom(' ', '\n', '  ', '\u00a0'), (parts, a, b, gap) => {
        const documentText = normalizeText(parts.join(' '));
        const start = a % parts.length;
        const end = start + 1 + (b % (parts.length - start));
        // The curator's copy: other spacing, straight quotes, hyphens for dashes.
        const quote = parts
          .slice(start, end)
          .join(gap)
          .replace(/[“”]/g, '"')
          .replace(/—/g, '-');
        expect(fold(documentText).includes(fold(quote))).toBe(true);
      }),
    );
  });

  it('should rank the passage a quote was taken from first when one word is changed', () => {
    fc.assert(
      fc.property(fc.array(fc.lorem({ maxCount: 1 }), { minLength: 3, maxLength: 6 }), (sentences) => {
        const paragraphs = sentences.map((sentence, index) => ({
          n: index + 1,
          text: `Sentence ${index} says that ${sentence} happened in ${2000 + index} across many districts of the country.`,
          line: index * 2 + 1,
        }));
        const target = paragraphs[paragraphs.length - 1]!;
        const quote = target.text.replace('many', 'several');
        expect(findClosestPassage(quote, paragraphs)?.paragraph).toBe(target.n);
      }),
    );
  });
});
