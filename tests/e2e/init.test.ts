import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { pdfInfo, pdfPages } from '../helpers/pdf-text.js';

/**
 * `briefs init` as a user runs it, through the bundle: a new collection that checks and builds
 * at once, from the tool's built-in layouts, styles, partials and citation style alone (the new
 * collection has only its brief template), and shows nothing of the Kosovo collection.
 */
describe('briefs init (end to end)', () => {
  let tmp: string;
  let collection: string;
  let init: CliRun;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'briefs-init-e2e-'));
    collection = path.join(tmp, 'moldova');
    init = await runCli(['init', collection], tmp);
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('should write a collection and say what to run next', async () => {
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^Started the collection "Moldova" in moldova:\n {2}briefs\.yaml\n/);
    expect(init.stdout).toContain('npx briefs --root moldova check');
    expect(init.stdout).toContain('npx briefs --root moldova build');
    expect((await readdir(collection)).sort()).toEqual(['.gitignore', 'README.md', 'briefs.yaml', 'sources', 'templates']);
    expect(await readdir(path.join(collection, 'templates'))).toEqual(['briefs']);
  });

  it('should refuse to start a collection over one (exit 2), changing nothing', async () => {
    const before = await readFile(path.join(collection, 'briefs.yaml'), 'utf8');
    const again = await runCli(['init', 'moldova'], tmp);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^"moldova" already holds a collection/);
    expect(await readFile(path.join(collection, 'briefs.yaml'), 'utf8')).toBe(before);
  });

  it('should pass `check --root` from another folder at once', async () => {
    const run = await runCli(['check', '--root', collection], tmp);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✓ 1 sources?, 1 facts?, 1 quotes? verified; 1 briefs? render/);
  });

  describe('a full build', () => {
    let build: CliRun;
    const out = (...parts: string[]) => path.join(collection, 'output', ...parts);

    beforeAll(async () => {
      build = await runCli(['-C', 'moldova', 'build'], tmp, { env: { SOURCE_DATE_EPOCH: '1718000000' } });
    });

    it('should build the new collection with the built-in templates', () => {
      expect(build.stderr).not.toMatch(/error/);
      expect(build.code, build.stderr).toBe(0);
      // Paths as seen from the collection (`-C`: as if started there).
      expect(build.stdout).toMatch(/^✓ first-brief\s+rebuilt: no previous build\n\s+output\/first-brief\.html, output\/first-brief\.pdf\s+\d+ notes/m);
    });

    it("should carry the collection's title, and nothing of Kosovo, in the PDF", async () => {
      const text = (await pdfPages(out('first-brief.pdf'))).join('\n');
      expect(text).toMatch(/Moldova/i);
      expect(text).toContain('First brief');
      expect(text).toContain('each cited passage is looked up in the document it comes from');
      expect(text).not.toMatch(/kosovo/i);
      const info = await pdfInfo(out('first-brief.pdf'));
      expect(JSON.stringify(info)).not.toMatch(/kosovo/i);
    });

    it("should carry the collection's title, and nothing of Kosovo, in the HTML", async () => {
      for (const file of ['first-brief.html', 'index.html']) {
        const html = await readFile(out(file), 'utf8');
        expect(html, file).toContain('Moldova');
        expect(html, file).not.toMatch(/kosovo/i);
      }
      expect(await readFile(out('first-brief.html'), 'utf8')).toContain('First brief');
    });

    it('should be up to date on a second build, printing nothing with --quiet', async () => {
      const again = await runCli(['build', '--root', collection, '--quiet'], tmp, { env: { SOURCE_DATE_EPOCH: '1718000000' } });
      expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
    });
  });
});
