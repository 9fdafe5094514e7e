import { describe, expect, it } from 'vitest';
import { excerpt } from '../../../src/cite/index.js';

const long =
  'Kosovo prohibits all forms of trafficking in persons in Articles 137 and 139 of the 2004 criminal code, and prescribes a maximum sentence of 12 years imprisonment, with a sentence of 20 years imprisonment available for organizers.';

describe('excerpt', () => {
  it('should keep a short quote whole', () => {
    expect(excerpt('Kosovo (Tier 2)')).toBe('Kosovo (Tier 2)');
  });

  it('should collapse white space and trim', () => {
    expect(excerpt('  one\n  two\tthree ')).toBe('one two three');
  });

  it('should keep a quote of exactly the limit whole', () => {
    const text = 'a'.repeat(140);
    expect(excerpt(text)).toBe(text);
  });

  it('should cut a long quote at a word boundary and end it with an ellipsis', () => {
    const result = excerpt(long);
    expect(result.endsWith('…')).toBe(true);
    expect(result.length).toBeLessThanOrEqual(141);
    const kept = result.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    expect(long.slice(kept.length)).toMatch(/^[\s,;:.]/);
    expect(kept).toBe(
      'Kosovo prohibits all forms of trafficking in persons in Articles 137 and 139 of the 2004 criminal code, and prescribes a maximum sentence',
    );
  });

  it('should drop punctuation before the ellipsis', () => {
    expect(excerpt('alpha beta, gamma delta epsilon', 12)).toBe('alpha beta…');
  });

  it('should cut a single long word at the limit', () => {
    expect(excerpt('x'.repeat(200), 20)).toBe(`${'x'.repeat(20)}…`);
  });
});
