// The edit loop an analyst lives in: `briefs build --watch` running, one word of one fact
// saved, and the time until that brief's HTML and PDF are replaced on disk. The watcher is
// started once (its browser warm after the first build); each edit flips one word of a
// statement and waits for the files to be replaced, then for the build to finish (the pack and
// the site follow), so every edit starts from an idle watcher.
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** One saved edit, and when its brief's files were replaced (ms after the save). */
export interface EditSample {
  readonly htmlMs: number;
  readonly pdfMs: number;
  /** Until the watcher said it was watching again: pack and site written too. */
  readonly settledMs: number;
}

/** What to edit: in `file`, the text `from` becomes `to` and back again, edit after edit. */
export interface EditLoopSetup {
  readonly bin: string;
  readonly dir: string;
  readonly out: string;
  readonly brief: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  readonly edits: number;
  /** How long one edit may take before the scenario fails (not a measurement: a guard). */
  readonly limitMs?: number;
}

/** The file's identity: a build replaces a file by renaming a new one onto it. */
async function identity(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  return info ? `${info.ino}:${info.mtimeMs}:${info.size}` : 'none';
}

/** Run the edit loop; resolves to one sample per edit. */
export async function measureEditLoop(setup: EditLoopSetup): Promise<EditSample[]> {
  const limit = setup.limitMs ?? 120_000;
  const child = spawn(process.execPath, [setup.bin, 'build', '--watch'], { cwd: setup.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let watching = 0;
  child.stdout.resume();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    watching = (stderr.match(/^Watching /gm) ?? []).length;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const until = async (done: () => boolean | Promise<boolean>, what: string, started: number) => {
    while (!(await done())) {
      if (child.exitCode !== null) throw new Error(`briefs build --watch exited (${child.exitCode}) while waiting for ${what}:\n${stderr}`);
      if (performance.now() - started > limit) throw new Error(`no ${what} within ${limit / 1000} s:\n${stderr}`);
      await sleep(5);
    }
  };
  const samples: EditSample[] = [];
  try {
    await until(() => watching >= 1, 'first build', performance.now());
    const html = path.join(setup.out, `${setup.brief}.html`);
    const pdf = path.join(setup.out, `${setup.brief}.pdf`);
    for (let edit = 0; edit < setup.edits; edit++) {
      const text = await readFile(setup.file, 'utf8');
      const [from, to] = text.includes(setup.from) ? [setup.from, setup.to] : [setup.to, setup.from];
      if (!text.includes(from)) throw new Error(`${setup.file} holds neither "${setup.from}" nor "${setup.to}"`);
      const before = { html: await identity(html), pdf: await identity(pdf), watching };
      const saved = performance.now();
      await writeFile(setup.file, text.replace(from, to));
      let htmlMs: number | undefined;
      let pdfMs: number | undefined;
      await until(async () => {
        if (htmlMs === undefined && (await identity(html)) !== before.html) htmlMs = performance.now() - saved;
        if (pdfMs === undefined && (await identity(pdf)) !== before.pdf) pdfMs = performance.now() - saved;
        return htmlMs !== undefined && pdfMs !== undefined;
      }, `new ${setup.brief}.html and .pdf after edit ${edit + 1}`, saved);
      await until(() => watching > before.watching, `the end of rebuild ${edit + 1}`, saved);
      samples.push({ htmlMs: htmlMs!, pdfMs: pdfMs!, settledMs: performance.now() - saved });
    }
  } finally {
    child.kill('SIGINT');
    await exited;
  }
  return samples;
}
