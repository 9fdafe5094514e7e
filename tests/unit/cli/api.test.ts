import { describe, expect, it } from 'vitest';

describe('cli', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/cli/index.js')).sort()).toEqual(['main', 'parseCommand', 'usage']);
  });
});
