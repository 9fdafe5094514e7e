import { describe, expect, it } from 'vitest';

describe('cite', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/cite/index.js')).sort()).toEqual([
      'createCiter',
      'excerpt',
      'formatCitations',
      'formatReferences',
      'readCitationStyle',
    ]);
  });
});
