import { describe, expect, it } from 'vitest';

describe('facts', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/facts/index.js')).sort()).toEqual([
      'attachMetrics',
      'boundedOccurrences',
      'checkDates',
      'checkStatementMarkup',
      'checkStatements',
      'createQuoteFinder',
      'currencies',
      'findClosestPassage',
      'keysStatedBy',
      'loadFacts',
      'locateInStatement',
      'minQuoteWords',
      'numbersIn',
      'subjectTags',
      'tiers',
      'tokensIn',
      'unitScale',
      'verifyQuotes',
    ]);
  });
});
