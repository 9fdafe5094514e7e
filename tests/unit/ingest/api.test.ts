import { describe, expect, it } from 'vitest';

describe('ingest', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/ingest/index.js')).sort()).toEqual([
      'fold',
      'foldForMatch',
      'normalizeText',
      'readSources',
      'sha256',
    ]);
  });
});
