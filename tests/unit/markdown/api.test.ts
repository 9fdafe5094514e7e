import { describe, expect, it } from 'vitest';

describe('markdown', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/markdown/index.js')).sort()).toEqual([
      'createProcessor',
      'frontMatterSchema',
      'markdownToHtml',
    ]);
  });
});
