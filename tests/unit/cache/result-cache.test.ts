import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderResultCache, noResultCache } from '../../../src/cache/index.js';

const isText = (value: unknown): value is { text: string } =>
  typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string';

describe('folderResultCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-results-'));
  });
  afterEach(async () => {
    await chmod(dir, 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('should give back what was kept for the same inputs, in any key order, in a later build', () => {
    folderResultCache(dir, 'tool-1').entry('notes', { a: 1, b: [1, 2] }).set({ text: 'kept' });
    expect(folderResultCache(dir, 'tool-1').entry('notes', { b: [1, 2], a: 1 }).get(isText)).toEqual({ text: 'kept' });
  });

  it('should miss for other inputs, another kind or another version of the tool', () => {
    folderResultCache(dir, 'tool-1').entry('notes', { a: 1 }).set({ text: 'kept' });
    expect(folderResultCache(dir, 'tool-1').entry('notes', { a: 2 }).get(isText)).toBeUndefined();
    expect(folderResultCache(dir, 'tool-1').entry('chart-panel', { a: 1 }).get(isText)).toBeUndefined();
    expect(folderResultCache(dir, 'tool-2').entry('notes', { a: 1 }).get(isText)).toBeUndefined();
  });

  it('should keep a result where it was looked for, though the step changed its inputs meanwhile', () => {
    const inputs = { items: [{ id: 'x' }] as Record<string, unknown>[] };
    const entry = folderResultCache(dir, 'tool-1').entry('notes', inputs);
    expect(entry.get(isText)).toBeUndefined();
    // (citeproc-js adds its own fields to the citations it is given)
    inputs.items[0]!.position = 0;
    entry.set({ text: 'kept' });
    expect(folderResultCache(dir, 'tool-1').entry('notes', { items: [{ id: 'x' }] }).get(isText)).toEqual({ text: 'kept' });
  });

  it('should treat a damaged entry or one of another shape as missing, and replace it', async () => {
    const cache = folderResultCache(dir, 'tool-1');
    cache.entry('notes', { a: 1 }).set({ text: 'kept' });
    const [file] = await readdir(path.join(dir, 'notes'));
    await writeFile(path.join(dir, 'notes', file!), '{"text": "cut sho');
    expect(cache.entry('notes', { a: 1 }).get(isText)).toBeUndefined();
    await writeFile(path.join(dir, 'notes', file!), '{"svg": "<svg/>"}');
    expect(cache.entry('notes', { a: 1 }).get(isText)).toBeUndefined();
    cache.entry('notes', { a: 1 }).set({ text: 'again' });
    expect(cache.entry('notes', { a: 1 }).get(isText)).toEqual({ text: 'again' });
  });

  it.skipIf(process.getuid?.() === 0)('should go on without keeping anything in a folder it cannot write', async () => {
    await chmod(dir, 0o555);
    const cache = folderResultCache(path.join(dir, 'results'), 'tool-1');
    expect(() => cache.entry('notes', { a: 1 }).set({ text: 'kept' })).not.toThrow();
    expect(cache.entry('notes', { a: 1 }).get(isText)).toBeUndefined();
  });

  it('should go on without keeping anything where a file stands in the way of its folder', async () => {
    await writeFile(path.join(dir, 'results'), 'not a folder');
    const cache = folderResultCache(path.join(dir, 'results'), 'tool-1');
    expect(() => cache.entry('notes', { a: 1 }).set({ text: 'kept' })).not.toThrow();
    expect(cache.entry('notes', { a: 1 }).get(isText)).toBeUndefined();
    expect(await readdir(dir)).toEqual(['results']);
  });

  it('should refuse a kind that is not a plain folder name', () => {
    expect(() => folderResultCache(dir, 'tool-1').entry('../notes', {})).toThrow(/not a folder name/);
  });
});

describe('noResultCache', () => {
  it('should keep nothing', () => {
    noResultCache.entry('notes', { a: 1 }).set({ text: 'kept' });
    expect(noResultCache.entry('notes', { a: 1 }).get(isText)).toBeUndefined();
  });
});
