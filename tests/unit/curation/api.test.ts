import { describe, expect, it } from 'vitest';

describe('curation', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/curation/index.js')).sort()).toEqual([
      'briefCoverage',
      'citingFacts',
      'coverage',
      'documentCoverage',
      'formatRanges',
      'juneRule',
      'latestPublishedReport',
      'listSources',
      'locatorText',
      'reportYearCoverage',
      'toRanges',
    ]);
  });
});
