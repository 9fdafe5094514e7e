import { describe, expect, it } from 'vitest';

describe('config', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/config/index.js')).sort()).toEqual([
      'UsageError',
      'builtinTemplatesDir',
      'configSchema',
      'editionDate',
      'evidencePlacements',
      'listTemplates',
      'locateTemplate',
      'resolveConfig',
      'resolveTemplate',
      'sourceDateEpoch',
    ]);
  });
});
