import { describe, expect, it } from 'vitest';
import * as chart from '../../../src/chart/index.js';

describe('chart', () => {
  it('should expose the public api', () => {
    expect(Object.keys(chart).sort()).toEqual(['chartSpecs', 'renderChart']);
  });
});
