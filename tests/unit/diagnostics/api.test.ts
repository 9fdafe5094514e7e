import { describe, expect, it } from 'vitest';

describe('diagnostics', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/diagnostics/index.js')).sort()).toEqual([
      'BuildError',
      'InternalError',
      'codes',
      'createMessage',
      'diagnosticsTable',
      'failOnFatal',
      'formatMessage',
      'formatMessages',
      'hasFatal',
      'reportError',
      'reportWarning',
      'updateReadme',
    ]);
  });
});
