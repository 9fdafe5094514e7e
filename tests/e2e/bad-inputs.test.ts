import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { runCli } from '../helpers/cli.js';
import { lineOf, repoRoot } from '../helpers/project.js';

const fixtures = path.join(repoRoot, 'tests', 'fixtures');

/** One bad-input case: edits applied to a copy of tests/fixtures/mini, and what must happen. */
const caseSchema = z.strictObject({
  description: z.string(),
  args: z.array(z.string()).default(['build']),
  edits: z.array(
    z.strictObject({
      file: z.string(),
      replace: z.string().optional(),
      with: z.string().optional(),
      write: z.string().optional(),
      append: z.string().optional(),
      append_repeat: z.string().optional(),
      times: z.number().int().optional(),
      bytes: z.string().optional(),
      delete: z.boolean().optional(),
    }),
  ),
  expect: z.strictObject({
    code: z.string(),
    file: z.string(),
    /** The expected line, or text whose first line is the expected line (in the edited file). */
    line: z.number().int().optional(),
    at: z.string().optional(),
    message: z.string().optional(),
  }),
});
type BadCase = z.output<typeof caseSchema>;

const caseFiles = (await readdir(path.join(fixtures, 'bad'))).filter((name) => name.endsWith('.yaml')).sort();
const cases = await Promise.all(
  caseFiles.map(async (name) => ({ name, ...caseSchema.parse(parse(await readFile(path.join(fixtures, 'bad', name), 'utf8'))) })),
);

/** Every file under `dir` (the site's sources/ pages too), by relative path, with its digest. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const names = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
  const hashed = await Promise.all(
    names.map(async (name) => [name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex')] as const),
  );
  return Object.fromEntries(hashed);
}

async function applyEdits(root: string, edits: BadCase['edits']): Promise<void> {
  for (const edit of edits) {
    const file = path.join(root, edit.file);
    if (edit.delete) await rm(file, { force: true });
    else if (edit.write !== undefined) await writeFile(file, edit.write);
    else if (edit.bytes !== undefined) await writeFile(file, Buffer.from(edit.bytes, 'base64'));
    else if (edit.append !== undefined) await appendFile(file, edit.append);
    else if (edit.append_repeat !== undefined) await appendFile(file, edit.append_repeat.repeat(edit.times ?? 1));
    else if (edit.replace !== undefined) {
      const text = await readFile(file, 'utf8');
      if (!text.includes(edit.replace)) throw new Error(`${edit.file} does not contain ${JSON.stringify(edit.replace)}`);
      await writeFile(file, text.replace(edit.replace, edit.with ?? ''));
    }
  }
}

describe('bad inputs (tests/fixtures/bad)', () => {
  let base: string;
  let good: Record<string, string>;

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'briefs-bad-base-'));
    await cp(path.join(fixtures, 'mini'), base, { recursive: true });
    const built = await runCli(['build'], base);
    expect(built.code, built.stderr).toBe(0);
    good = await snapshot(path.join(base, 'output'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('should hold more than 30 cases', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(cases)('$name: should exit 1 with [$expect.code] at its place and keep output/', async (badCase) => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'briefs-bad-'));
    try {
      await cp(base, root, { recursive: true });
      await applyEdits(root, badCase.edits);
      const run = await runCli(badCase.args, root);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`[${badCase.expect.code}]`);
      const edited = await readFile(path.join(root, badCase.expect.file), 'utf8').catch(() => '');
      const line = badCase.expect.line ?? (badCase.expect.at ? lineOf(edited, badCase.expect.at) : undefined);
      const where = line === undefined ? badCase.expect.file : `${badCase.expect.file}:${line}:`;
      const first = run.stderr.split('\n')[0] ?? '';
      expect(first.startsWith(where), `expected the first line to start with ${where}:\n${run.stderr}`).toBe(true);
      if (badCase.expect.message) expect(run.stderr).toContain(badCase.expect.message);
      expect(await snapshot(path.join(root, 'output'))).toEqual(good);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
