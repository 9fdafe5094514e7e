import { execFileSync } from 'node:child_process';
import * as fsPromises from 'node:fs/promises';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOutputs, type OutputFs } from '../../../src/build/write-output.js';
import { BuildError } from '../../../src/diagnostics/index.js';
import { hashTree } from './hash-tree.js';

/** Root ignores file modes: the tests with real permissions need another user. */
const asRoot = process.getuid?.() === 0;

/** Whether this machine can mark a file immutable (root, and a file system that has the flag). */
async function canMarkImmutable(): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-chattr-'));
  const file = path.join(dir, 'probe');
  try {
    await writeFile(file, '');
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const immutable = await canMarkImmutable();

const errno = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });

/** The real file system, but `rename` fails when `fails` says so (counting from 1). */
function failingRename(fails: (to: string, call: number) => boolean): OutputFs {
  let calls = 0;
  return {
    ...fsPromises,
    rename: async (from, to) => {
      calls++;
      if (fails(String(to), calls)) throw errno('EPERM', `operation not permitted, rename '${String(from)}' -> '${String(to)}'`);
      return fsPromises.rename(from, to);
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<BuildError> {
  const error: unknown = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

describe('writeOutputs: one change for every output', () => {
  let out: string;

  beforeEach(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'briefs-write-'));
    await writeFile(path.join(out, 'main.html'), 'old html');
    await writeFile(path.join(out, 'main.pdf'), 'old pdf');
    await writeFile(path.join(out, 'build-manifest.json'), '{"old":true}');
  });

  afterEach(async () => {
    await chmod(out, 0o755).catch(() => undefined);
    await rm(out, { recursive: true, force: true });
  });

  const at = (...names: string[]) => path.join(out, ...names);
  const next = () => [
    { path: at('main.html'), data: 'new html' },
    { path: at('main.pdf'), data: new Uint8Array([1, 2, 3]) },
    { path: at('sources', 'report.html'), data: ['new ', 'viewer'] },
    { path: at('build-manifest.json'), data: '{"new":true}' },
    { path: at('CHANGES.md'), data: '# new' },
  ];

  it('should replace every file and leave no temporary or kept file behind', async () => {
    await writeOutputs(next());
    expect(await readFile(at('main.html'), 'utf8')).toBe('new html');
    expect(await readFile(at('sources/report.html'), 'utf8')).toBe('new viewer');
    expect(Object.keys(await hashTree(out))).toEqual(['CHANGES.md', 'build-manifest.json', 'main.html', 'main.pdf', 'sources', 'sources/report.html']);
  });

  it('should write nothing when a folder is in the way of one output, naming it', async () => {
    await mkdir(at('CHANGES.md'));
    const before = await hashTree(out);
    const error = await failure(writeOutputs(next()));
    expect(error.messages.map((message) => message.ruleId)).toEqual(['output-write']);
    expect(error.messages[0]!.file).toBe(at('CHANGES.md'));
    expect(error.messages[0]!.reason).toBe(`Could not write ${JSON.stringify(at('CHANGES.md'))}: a folder of that name is in its place`);
    expect(error.messages[0]!.note).toContain('Move or delete that folder: the build writes a file there.');
    expect(await hashTree(out)).toEqual(before);
  });

  it('should undo the renames already done when one fails midway, so the folder is as before', async () => {
    const before = await hashTree(out);
    // main.html and main.pdf are in place, the viewer page (a new file) too, when the manifest's rename fails.
    const fs = failingRename((to) => path.basename(to) === 'build-manifest.json');
    const error = await failure(writeOutputs(next(), { fs }));
    expect(error.messages.map((message) => message.ruleId)).toEqual(['output-write']);
    expect(error.messages[0]!.file).toBe(at('build-manifest.json'));
    expect(error.messages[0]!.reason).toMatch(/^Could not write ".*build-manifest\.json": EPERM: operation not permitted, rename /);
    expect(await hashTree(out)).toEqual(before);
  });

  it('should undo a removal with the rest when a later step fails', async () => {
    await writeFile(at('retired.html'), 'retired');
    await writeFile(at('retired.pdf'), 'retired pdf');
    const before = await hashTree(out);
    const removed: string[] = [];
    const fs: OutputFs = {
      ...fsPromises,
      rm: async (file, options) => {
        // Removing an output (no options: a file, not a leftover) fails for the second one.
        if (options === undefined) {
          if (path.basename(String(file)) === 'retired.pdf') throw errno('EBUSY', 'resource busy or locked');
          removed.push(path.basename(String(file)));
        }
        return fsPromises.rm(file, options);
      },
    };
    const error = await failure(writeOutputs(next(), { fs, remove: [at('retired.html'), at('retired.pdf')] }));
    expect(removed).toEqual(['retired.html']);
    expect(error.messages.map((message) => [message.ruleId, message.file])).toEqual([['output-write', at('retired.pdf')]]);
    expect(await hashTree(out)).toEqual(before);
  });

  it('should remove outputs in the same change as it writes the others', async () => {
    await writeFile(at('retired.html'), 'retired');
    await writeOutputs(next(), { remove: [at('retired.html'), at('never-there.pdf')] });
    expect(Object.keys(await hashTree(out))).not.toContain('retired.html');
    expect(await readFile(at('main.html'), 'utf8')).toBe('new html');
  });

  it('should stop before any rename when a folder takes no new file (a read-only folder)', async () => {
    const before = await hashTree(out);
    let renames = 0;
    const fs: OutputFs = {
      ...fsPromises,
      // The output folder refuses new entries, as a read-only one does: no temporary file can be made there.
      open: async (file, flags) => {
        if (path.dirname(String(file)) === out) throw errno('EACCES', `permission denied, open '${String(file)}'`);
        return fsPromises.open(file, flags);
      },
      rename: async (from, to) => {
        renames++;
        return fsPromises.rename(from, to);
      },
    };
    const error = await failure(writeOutputs(next(), { fs }));
    expect(renames).toBe(0);
    expect(error.messages[0]!.ruleId).toBe('output-write');
    expect(error.messages[0]!.file).toBe(at('main.html'));
    expect(error.messages[0]!.reason).toContain('EACCES: permission denied');
    expect(await hashTree(out)).toEqual(before);
  });

  it.skipIf(asRoot)('should leave a read-only file in a read-only folder and everything else as it was', async () => {
    await mkdir(at('sub'));
    await writeFile(at('sub/CHANGES.md'), 'old changes');
    await chmod(at('sub/CHANGES.md'), 0o444);
    await chmod(at('sub'), 0o555);
    try {
      const before = await hashTree(out);
      const error = await failure(writeOutputs([...next(), { path: at('sub/CHANGES.md'), data: 'new changes' }]));
      expect(error.messages[0]!.file).toBe(at('sub/CHANGES.md'));
      expect(await hashTree(out)).toEqual(before);
    } finally {
      await chmod(at('sub'), 0o755);
    }
  });

  it('should stop before any rename when an output refuses every change (immutable)', async () => {
    const before = await hashTree(out);
    let renames = 0;
    const fs: OutputFs = {
      ...fsPromises,
      // CHANGES.md is immutable: it can be neither linked nor opened for writing (nor replaced).
      link: async (from, to) => {
        if (path.basename(String(from)) === 'CHANGES.md') throw errno('EPERM', 'operation not permitted, link');
        return fsPromises.link(from, to);
      },
      open: async (file, flags) => {
        if (path.basename(String(file)) === 'CHANGES.md') throw errno('EPERM', 'operation not permitted, open');
        return fsPromises.open(file, flags);
      },
      rename: async (from, to) => {
        renames++;
        return fsPromises.rename(from, to);
      },
    };
    await writeFile(at('CHANGES.md'), '# old');
    const withChanges = await hashTree(out);
    const error = await failure(writeOutputs(next(), { fs }));
    expect(renames).toBe(0);
    expect(error.messages.map((message) => [message.ruleId, message.file])).toEqual([['output-write', at('CHANGES.md')]]);
    expect(error.messages[0]!.reason).toBe(`Could not write ${JSON.stringify(at('CHANGES.md'))}: the file is marked immutable or append-only, so it cannot be replaced (EPERM)`);
    expect(error.messages[0]!.note).toContain('chattr -i');
    expect(await hashTree(out)).toEqual(withChanges);
    expect(Object.keys(before).every((name) => name in withChanges)).toBe(true);
  });

  it.runIf(immutable)('should leave an output marked immutable (chattr +i) and everything else as it was', async () => {
    await writeFile(at('CHANGES.md'), '# old');
    execFileSync('chattr', ['+i', at('CHANGES.md')]);
    try {
      const before = await hashTree(out);
      const error = await failure(writeOutputs(next()));
      expect(error.messages[0]!.file).toBe(at('CHANGES.md'));
      expect(await hashTree(out)).toEqual(before);
    } finally {
      execFileSync('chattr', ['-i', at('CHANGES.md')]);
    }
  });

  it('should keep a copy where a file cannot be linked but can be replaced', async () => {
    const fs: OutputFs = { ...fsPromises, link: async () => Promise.reject(errno('EPERM', 'operation not permitted, link')) };
    await writeOutputs(next(), { fs });
    expect(await readFile(at('main.html'), 'utf8')).toBe('new html');
    expect(Object.keys(await hashTree(out)).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });

  it('should say which previous version it could not put back, and keep it', async () => {
    const fs: OutputFs = {
      ...fsPromises,
      rename: async (from, to) => {
        // The manifest's rename fails; then putting the previous main.html back fails too.
        if (path.basename(String(to)) === 'build-manifest.json') throw errno('ENOSPC', 'no space left on device');
        if (String(from).endsWith('.bak') && path.basename(String(to)) === 'main.html') throw errno('EIO', 'i/o error');
        return fsPromises.rename(from, to);
      },
    };
    const error = await failure(writeOutputs(next(), { fs }));
    expect(error.messages.map((message) => message.ruleId)).toEqual(['output-write', 'output-restore']);
    const restore = error.messages[1]!;
    expect(restore.file).toBe(at('main.html'));
    expect(restore.reason).toMatch(
      /^The build failed while replacing its outputs, and the previous ".*main\.html" could not be put back \(EIO: i\/o error\); it is kept as ".*\.main\.html\.[0-9a-f]{8}\.bak"\.$/,
    );
    const kept = /it is kept as "(.*)"/.exec(restore.reason)![1]!;
    expect(await readFile(kept, 'utf8')).toBe('old html');
    // Everything else was put back.
    expect(await readFile(at('main.pdf'), 'utf8')).toBe('old pdf');
    expect(Object.keys(await hashTree(out)).filter((name) => name.endsWith('.tmp') || name.startsWith('sources'))).toEqual([]);
  });

  it('should not touch a file whose bytes are unchanged', async () => {
    const renamed: string[] = [];
    const fs: OutputFs = {
      ...fsPromises,
      rename: async (from, to) => {
        renamed.push(path.basename(String(to)));
        return fsPromises.rename(from, to);
      },
    };
    await writeOutputs([{ path: at('main.html'), data: 'old html' }, { path: at('main.pdf'), data: 'new pdf' }], { fs });
    expect(renamed).toEqual(['main.pdf']);
  });
});
