import { describe, expect, it } from 'vitest';

describe('compose', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/compose/index.js')).sort()).toEqual([
      'checkConflicts',
      'checkDisagreementsShown',
      'findConflicts',
      'findDroppedFacts',
      'formatIsoDate',
      'latestPossibleReport',
      'loadTemplates',
      'noteJoiner',
      'renderBrief',
      'withLayout',
    ]);
  });
});
