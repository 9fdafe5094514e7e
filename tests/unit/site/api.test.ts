import { describe, expect, it } from 'vitest';

describe('site', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/site/index.js')).sort()).toEqual([
      'extractKeyPoints',
      'pageAnchor',
      'paragraphAnchor',
      'passageAnchor',
      'passageHref',
      'renderIndexPage',
      'renderSourcePage',
      'sourcePagePath',
      'sourcesFolder',
    ]);
  });
});
