import fs from 'node:fs';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockOutput } from '../../../src/build/lock.js';
import { BuildError } from '../../../src/diagnostics/index.js';

/** Root ignores file modes: the test with real permissions needs another user. */
const asRoot = process.getuid?.() === 0;

/** The callback `fs` proper-lockfile uses, whose `mkdir` of the lock folder fails with `code`. */
function refusingMkdir(code: string): typeof fs {
  const mkdir = (dir: fs.PathLike, ...rest: unknown[]) => {
    const callback = rest[rest.length - 1] as (error: NodeJS.ErrnoException) => void;
    callback(Object.assign(new Error(`${code}: cannot make ${String(dir)}`), { code }));
  };
  return { ...fs, mkdir } as unknown as typeof fs;
}

async function failure(promise: Promise<unknown>): Promise<BuildError> {
  const error: unknown = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

describe('lockOutput', () => {
  let out: string;

  beforeEach(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'briefs-lock-'));
  });

  afterEach(async () => {
    await chmod(out, 0o755).catch(() => undefined);
    await rm(out, { recursive: true, force: true });
  });

  it.each(['EACCES', 'EROFS', 'ENOTDIR', 'EPERM'])(
    'should give up at once with output-write when the lock cannot be made (%s), not wait as for another build',
    async (code) => {
      let waited = false;
      const started = Date.now();
      const error = await failure(lockOutput(out, () => (waited = true), { fs: refusingMkdir(code), waitSeconds: 60 }));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(waited).toBe(false);
      expect(error.messages.map((message) => message.ruleId)).toEqual(['output-write']);
      expect(error.messages[0]!.file).toBe(path.join(out, '.build.lock'));
      expect(error.messages[0]!.reason).toBe(`Could not write ${JSON.stringify(path.join(out, '.build.lock'))}: ${code}: cannot make ${path.join(out, '.build.lock')}`);
    },
  );

  it('should wait for a lock another build holds, then say how long it waited', async () => {
    const options = { lockfilePath: path.join(out, '.build.lock'), realpath: false, stale: 20_000, update: 5_000 };
    const release = await lockfile.lock(out, options);
    try {
      let waited = 0;
      const error = await failure(lockOutput(out, () => waited++, { waitSeconds: 0.3, retryMs: 50 }));
      expect(waited).toBe(1);
      expect(error.messages.map((message) => message.ruleId)).toEqual(['output-locked']);
      expect(error.messages[0]!.reason).toBe(`Another build is writing to ${JSON.stringify(out)}; waited 0.3 s for it to finish.`);
    } finally {
      await release();
    }
  });

  it('should take the lock once the other build lets it go', async () => {
    const options = { lockfilePath: path.join(out, '.build.lock'), realpath: false, stale: 20_000, update: 5_000 };
    const release = await lockfile.lock(out, options);
    setTimeout(() => void release(), 200);
    const lock = await lockOutput(out, () => undefined, { waitSeconds: 10, retryMs: 50 });
    expect(lock.lost()).toBeUndefined();
    await lock.release();
    expect(await readdir(out)).toEqual([]);
  });

  it('should name the output folder when it cannot be made (a file in its place)', async () => {
    const file = path.join(out, 'not-a-folder');
    await writeFile(file, 'x');
    const error = await failure(lockOutput(file, () => undefined));
    expect(error.messages[0]!.ruleId).toBe('output-write');
    expect(error.messages[0]!.file).toBe(file);
  });

  it.skipIf(asRoot)('should give up at once on a read-only output folder', async () => {
    await chmod(out, 0o555);
    const started = Date.now();
    const error = await failure(lockOutput(out, () => undefined));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.messages[0]!.ruleId).toBe('output-write');
    expect(error.messages[0]!.reason).toContain('EACCES');
  });
});
