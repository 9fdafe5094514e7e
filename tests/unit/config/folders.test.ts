import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFolders, isWithin, nearMiss } from '../../../src/config/folders.js';
import { resolveConfig, UsageError } from '../../../src/config/index.js';

const root = path.join(path.sep, 'tmp', 'briefs-project');

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('no UsageError was thrown');
}

describe('resolveConfig: the output folder apart from the inputs', () => {
  it('should refuse an output folder inside the sources folder, naming both', () => {
    const error = usageError(() => resolveConfig({ root, out: 'sources/x' }));
    expect(error.message).toBe(
      'The output folder "sources/x" (--out) is inside the sources folder "sources" (--sources): the build would write its files among the files it reads, and --watch would rebuild itself in a loop. Choose an output folder outside "sources".',
    );
  });

  it('should refuse an output folder that is the templates folder, or holds it', () => {
    expect(usageError(() => resolveConfig({ root, out: 'tpl', templates: 'tpl' })).message).toMatch(/^The output folder "tpl" \(--out\) is inside the templates folder "tpl"/);
    expect(usageError(() => resolveConfig({ root, out: 'site', templates: 'site/templates' })).message).toMatch(
      /^The templates folder "site\/templates" \(--templates\) is inside the output folder "site" \(--out\): .* Choose an output folder that does not hold "site\/templates"\.$/,
    );
  });

  it('should take folders side by side, and names that only begin alike', () => {
    expect(resolveConfig({ root, out: 'sources-out' }).out).toBe(path.join(root, 'sources-out'));
    expect(resolveConfig({ root, out: '../output' }).out).toBe(path.join(path.dirname(root), 'output'));
  });
});

describe('isWithin', () => {
  it('should tell a folder inside another from one beside it', () => {
    expect(isWithin('/a/b/c', '/a/b')).toBe(true);
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/bc', '/a/b')).toBe(false);
    expect(isWithin('/a', '/a/b')).toBe(false);
    expect(isWithin('/a/..b', '/a')).toBe(true);
  });
});

describe('nearMiss and checkFolders', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-folders-'));
    for (const name of ['sources', 'templates', 'output', '.git']) await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, 'template'), 'a file, not a folder');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should find the folder a typo was meant to be, and nothing for a different name', async () => {
    expect(await nearMiss(path.join(dir, 'templatse'))).toBe('templates');
    expect(await nearMiss(path.join(dir, 'Template'))).toBe('templates');
    expect(await nearMiss(path.join(dir, 'sorces'))).toBe('sources');
    expect(await nearMiss(path.join(dir, 'layouts'))).toBeUndefined();
    expect(await nearMiss(path.join(dir, 'missing', 'templates'))).toBeUndefined();
  });

  it('should pass folders that exist and options left out', async () => {
    await expect(checkFolders({ templates: 'templates' }, resolveConfig({ root: dir }))).resolves.toBeUndefined();
    await rm(path.join(dir, 'templates'), { recursive: true });
    // The default folder is not a command-line path: the build reports it missing (exit 1).
    await expect(checkFolders({}, resolveConfig({ root: dir }))).resolves.toBeUndefined();
  });

  it('should refuse a --sources that does not exist with a usage error naming it', async () => {
    const config = resolveConfig({ root: dir, sources: 'sourcse' });
    await expect(checkFolders({ sources: 'sourcse' }, config)).rejects.toThrow(
      new UsageError(`The sources folder "sourcse" (--sources) does not exist: there is no ${path.join(dir, 'sourcse')}. Did you mean \`sources\`?`),
    );
  });
});
