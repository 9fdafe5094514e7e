import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { processesMatching, waitUntil } from '../helpers/processes.js';
import { makeProject, type TempProject } from '../helpers/project.js';

/** No timing is asserted but this: a build that meets a broken browser ends, and in minutes. */
const generousMs = 6 * 60_000;

/**
 * A fake browser for PUPPETEER_EXECUTABLE_PATH: a shell script that notes each start in
 * `starts.log` beside it, then runs `body` with the browser's arguments.
 */
async function fakeBrowser(dir: string, name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\necho started >> ${JSON.stringify(path.join(dir, 'starts.log'))}\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

/**
 * The real Chromium behind a relay of its DevTools pipe (fd 3 in, fd 4 out), frozen
 * (SIGSTOP) as soon as it is asked to print: it has started, laid the brief out, and then
 * never answers again.
 */
const freezeOnPrint = String.raw`import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
const chromium = spawn('/usr/bin/chromium', process.argv.slice(2), { stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'] });
const toClient = createWriteStream(null, { fd: 4 });
createReadStream(null, { fd: 3 }).on('data', (chunk) => {
  if (chunk.includes('Page.printToPDF')) process.kill(chromium.pid, 'SIGSTOP');
  chromium.stdio[3].write(chunk);
});
chromium.stdio[4].on('data', (chunk) => toClient.write(chunk));
chromium.on('exit', (code) => process.exit(code ?? 1));
`;

/** Every file under `dir` (the site's sources/ pages too), by relative path, with its digest. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const names = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
  const hashed = await Promise.all(
    names.map(async (name) => [name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex')] as const),
  );
  return Object.fromEntries(hashed);
}

describe('browser faults (bundled CLI)', () => {
  let project: TempProject;
  let good: Record<string, string>;
  let fakes: string;

  beforeAll(async () => {
    project = await makeProject('mini');
    // Six briefs on two pages of the browser: a build that retried every brief in turn would
    // take 45 s × 2 × 3 on each page, far past the bound.
    const main = await project.read('templates/briefs/main.md.hbs');
    for (const id of ['second', 'third', 'fourth', 'fifth', 'sixth']) await project.write(`templates/briefs/${id}.md.hbs`, main);
    const built = await runCli(['build'], project.root);
    expect(built.code, built.stderr).toBe(0);
    good = await snapshot(project.path('output'));
    fakes = await mkdtemp(path.join(os.tmpdir(), 'briefs-fake-browsers-'));
  });

  afterAll(async () => {
    await project?.remove();
    if (fakes) await rm(fakes, { recursive: true, force: true });
  });

  /**
   * Build with `fake` as the browser and a fresh TMPDIR; check what every broken browser must
   * give: exit 1, one line, no stack, output/ as it was, within the bound, and nothing left
   * behind (no folder in TMPDIR, no process of the browser or the fake).
   */
  async function buildWith(fake: string): Promise<CliRun & { readonly first: string; readonly starts: number }> {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'briefs-faults-tmp-'));
    await rm(path.join(fakes, 'starts.log'), { force: true });
    try {
      const t0 = Date.now();
      const run = await runCli(['build', '--force'], project.root, { env: { PUPPETEER_EXECUTABLE_PATH: fake, TMPDIR: tmp } });
      expect(Date.now() - t0, run.stderr).toBeLessThan(generousMs);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).not.toMatch(/SyntaxError|^\s+at /m);
      expect(run.stderr).toMatch(/✗ 1 problem; nothing was written and earlier output is unchanged\./);
      expect(await snapshot(project.path('output'))).toEqual(good);
      expect(await readdir(tmp)).toEqual([]);
      // Killed with its process group before the build exits; reaped as soon as the kernel gets to it.
      await waitUntil(() => processesMatching(tmp) === 0 && processesMatching(fakes) === 0);
      const starts = (await readFile(path.join(fakes, 'starts.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
      // The first line of the failure (a line saying the browser started may come before it).
      return { ...run, first: run.stderr.split('\n').find((line) => !line.startsWith('Browser started:')) ?? '', starts };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  it('should fail a build whose browser hangs mid-print in one line naming a brief, after one retry in one fresh browser', async () => {
    const relay = path.join(fakes, 'freeze-on-print.mjs');
    await writeFile(relay, freezeOnPrint);
    const fake = await fakeBrowser(fakes, 'hangs-printing', `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(relay)} "$@"`);
    const run = await buildWith(fake);
    expect(run.first).toMatch(
      /^error {2}Could not render the PDF of brief "\w+": the browser did not finish within 45 s \(tried twice, the second time in a fresh browser\) {2}\[pdf-render\]$/,
    );
    // One retry for the build, not one per brief.
    expect(run.starts).toBe(2);
  });

  it('should fail a build whose browser hangs on start in one line naming the browser, after one retry', async () => {
    const fake = await fakeBrowser(fakes, 'hangs-starting', '/usr/bin/chromium "$@" &\nkill -STOP $!\nwait');
    const run = await buildWith(fake);
    expect(run.first).toBe(
      `${path.relative(project.root, fake)}  error  The browser did not start: it did not answer on its DevTools pipe within 30 s (tried twice).  [browser-start]`,
    );
    expect(run.starts).toBe(2);
  });

  it('should report a browser that prints garbage and exits in one line located at the browser', async () => {
    const fake = await fakeBrowser(fakes, 'prints-garbage', "echo 'garbage {{{ not json'\necho 'Segmentation fault?' >&2\nexit 3");
    const run = await buildWith(fake);
    const located = `${path.relative(project.root, fake)}  error  The browser did not start: it exited with code 3 after printing `;
    // The last line it printed, from either stream (which one is read first is up to the system).
    expect([`${located}"Segmentation fault?" (tried twice).  [browser-start]`, `${located}"garbage {{{ not json" (tried twice).  [browser-start]`]).toContain(run.first);
    expect(run.starts).toBe(2);
  });

  it('should report a browser that writes garbage on its DevTools pipe in one line, with no SyntaxError', async () => {
    const fake = await fakeBrowser(fakes, 'garbles-pipe', "echo 'garbage on stdout'\nprintf 'garbage{\\0' >&4\nsleep 600");
    const run = await buildWith(fake);
    expect(run.first).toBe(
      `${path.relative(project.root, fake)}  error  The browser did not start: it sent "garbage{" on its DevTools pipe, which is not DevTools protocol (tried twice).  [browser-start]`,
    );
    expect(run.starts).toBe(2);
  });
});
