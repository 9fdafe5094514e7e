// The floor: the least any tool must do to turn the briefs' final HTML into PDFs with Chromium.
// One browser, launched as the pipeline launches it (its flags, a fresh profile, a pipe), a pool
// of `concurrency` reused pages, and for each file setContent + page.pdf with the pipeline's
// options, written to disk. No pipeline: no sources, no facts, no Markdown, no layout script,
// no PDF metadata.
//
// Usage (the benchmark compiles this file to JavaScript first, so that no TypeScript loader is
// timed): node floor.js --browser PATH --flags JSON --concurrency N --out DIR FILE.html…
// Prints one JSON line: how long the launch, the renders and the close took.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer';
import { pdfOptions } from './chromium.js';

/** What the floor reports on stdout. */
export interface FloorTimings {
  readonly launchMs: number;
  readonly renderMs: number;
  readonly closeMs: number;
  readonly files: number;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { browser: { type: 'string' }, flags: { type: 'string' }, concurrency: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.browser || !values.out || !values.flags || positionals.length === 0) {
    throw new Error('usage: floor.js --browser PATH --flags JSON --concurrency N --out DIR FILE.html…');
  }
  const flags: unknown = JSON.parse(values.flags);
  if (!Array.isArray(flags) || !flags.every((flag): flag is string => typeof flag === 'string')) throw new Error('--flags takes a JSON list of strings');
  const concurrency = Math.max(1, Number(values.concurrency ?? '1'));
  await mkdir(values.out, { recursive: true });
  const t0 = performance.now();
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-floor-'));
  const browser = await puppeteer.launch({
    executablePath: values.browser,
    headless: true,
    userDataDir,
    args: flags,
    pipe: true,
  });
  const t1 = performance.now();
  const queue = [...positionals];
  const worker = async () => {
    const page = await browser.newPage();
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const html = await readFile(file, 'utf8');
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf(pdfOptions);
      await writeFile(path.join(values.out!, `${path.basename(file, '.html')}.pdf`), pdf);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, positionals.length) }, worker));
  const t2 = performance.now();
  await browser.close();
  await rm(userDataDir, { recursive: true, force: true });
  const timings: FloorTimings = { launchMs: t1 - t0, renderMs: t2 - t1, closeMs: performance.now() - t2, files: positionals.length };
  process.stdout.write(`${JSON.stringify(timings)}\n`);
}

await main();
