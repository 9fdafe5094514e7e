import { describe, expect, it } from 'vitest';

describe('ingest', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../../src/ingest/index.js')).sort()).toEqual([
      'FormatError',
      'describeLocator',
      'fold',
      'foldForMatch',
      'folderCache',
      'formatLocator',
      'isPdf',
      'locatorOf',
      'maxDocumentBytes',
      'maxPdfBytes',
      'normalizeText',
      'pageAnchor',
      'paragraphAnchor',
      'passageAnchor',
      'passageHref',
      'readSources',
      'readVersion',
      'sha256',
      'sourcePagePath',
      'sourcesFolder',
    ]);
  });
});
