import { describe, expect, it } from 'vitest';
import { formatRanges, toRanges } from '../../../src/curation/index.js';

describe('toRanges', () => {
  it('should join consecutive numbers into runs', () => {
    expect(toRanges([1, 2, 3, 4, 7, 9, 10, 11, 12])).toEqual([[1, 4], [7, 7], [9, 12]]);
  });

  it('should sort and ignore repeats', () => {
    expect(toRanges([12, 3, 2, 2, 1, 12, 5])).toEqual([[1, 3], [5, 5], [12, 12]]);
  });

  it('should give no runs for no numbers', () => {
    expect(toRanges([])).toEqual([]);
  });
});

describe('formatRanges', () => {
  it('should write runs with an en dash and singles alone', () => {
    expect(formatRanges([1, 2, 3, 4, 7, 9, 10, 11, 12])).toBe('1–4, 7, 9–12');
  });

  it('should write a run of two as a range', () => {
    expect(formatRanges([5, 6])).toBe('5–6');
  });

  it('should give an empty string for no numbers', () => {
    expect(formatRanges([])).toBe('');
  });

  it('should find runs on the numbers and write them with the labels', () => {
    const labels = ['i', 'ii', 'iii', '1', '2'];
    expect(formatRanges([1, 2, 4, 5], (n) => labels[n - 1]!)).toBe('i–ii, 1–2');
  });
});
