import { describe, expect, it } from 'vitest';
import { numbersIn } from '../../../src/lint/figure-checks.js';

describe('numbersIn', () => {
  it('should read numbers in digits, with thousands separators and per cent', () => {
    expect([...numbersIn('In total, the government provided $216,234 for victim care; 60% were children.')]).toEqual(
      expect.arrayContaining([216234, 60]),
    );
  });

  it('should read numbers in words, with hundred, thousand and million', () => {
    const numbers = numbersIn('nine shelters, two victims, nearly one hundred child beggars, more than one million subscribers');
    for (const value of [9, 2, 100, 1_000_000]) expect(numbers.has(value)).toBe(true);
  });

  it('should read "no" and "none" as zero', () => {
    expect(numbersIn('No labor trafficking offenders were convicted this year.').has(0)).toBe(true);
    expect(numbersIn('Eleven convictions.').has(0)).toBe(false);
  });

  it('should not read the article "a" as one unless a scale follows', () => {
    expect(numbersIn('a shelter').has(1)).toBe(false);
    expect(numbersIn('a million').has(1_000_000)).toBe(true);
  });
});
