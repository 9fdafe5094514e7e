import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ExportedMarkdown } from './export-markdown.js';
import type { Command } from './measure.js';

/**
 * A tool the pipeline is compared with. The equal-feature peers get the same HTML the pipeline
 * prints (notes floated to the page foot, contents added: see footnote-html.ts) and typeset the
 * same pages; they are the ones the pipeline must beat. The others get the same words as
 * Markdown and typeset them their own way (no contents, other notes, their own stylesheet):
 * references, not equals.
 */
export interface Peer {
  readonly id: 'weasyprint' | 'pagedjs-cli' | 'pandoc-weasyprint' | 'md-to-pdf';
  readonly label: string;
  /** Version(s), or why it is skipped. */
  readonly version: string | undefined;
  readonly skipped: string | undefined;
  /** Whether it gets the same HTML (<brief>.html in its dir) rather than the same Markdown (<brief>.md). */
  readonly equalFeatures: boolean;
  /** One process (tree) converting every brief of `dir` to <brief>.pdf there. */
  readonly command: (dir: string, briefs: readonly string[], concurrency: number) => Command;
}

/** What the peers are run with: the pipeline's browser, flags and page concurrency. */
export interface PeerSetup {
  readonly browser: string | undefined;
  readonly flags: readonly string[];
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && existsSync(file)) return file;
  }
  return undefined;
}

const firstLine = (file: string, args: readonly string[]) =>
  spawnSync(file, [...args], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim() || undefined;

interface Manifest {
  readonly name?: string;
  readonly version: string;
  readonly bin?: string | Record<string, string>;
}

/**
 * A package's folder and package.json, resolved from the repository as Node would; undefined
 * when it is not installed. A package whose "exports" leave out package.json (pagedjs-cli's
 * do) is found from its entry point, up to the folder whose package.json names it.
 */
function resolvePackage(repo: string, name: string): { dir: string; manifest: Manifest } | undefined {
  const require = createRequire(path.join(repo, 'package.json'));
  const read = (dir: string) => ({ dir, manifest: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest });
  try {
    return read(path.dirname(require.resolve(`${name}/package.json`)));
  } catch {
    // Not exported, or not installed: try the entry point.
  }
  try {
    for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, 'package.json')) && read(dir).manifest.name === name) return read(dir);
    }
  } catch {
    // Not installed.
  }
  return undefined;
}

/**
 * WeasyPrint on the same HTML: `weasyprint <brief>.html <brief>.pdf` for each brief, as many at
 * once as the pipeline renders pages (xargs -P), all under one shell process. It reads the
 * brief's print sheet itself: `float: footnote`, margin boxes, `target-counter` in the contents.
 */
function weasyprintPeer(): Peer {
  const weasyprint = onPath('weasyprint');
  return {
    id: 'weasyprint',
    label: 'WeasyPrint (same HTML, float: footnote)',
    version: weasyprint ? firstLine(weasyprint, ['--version']) : undefined,
    skipped: weasyprint ? undefined : 'not installed (apt-get install weasyprint): weasyprint not found',
    equalFeatures: true,
    command: (dir, briefs, concurrency) => ({
      file: '/bin/sh',
      args: ['-c', `printf '%s\\n' "$@" | xargs -P ${concurrency} -I{} weasyprint {}.html {}.pdf`, 'weasyprint-peer', ...briefs],
      cwd: dir,
    }),
  };
}

/**
 * pagedjs-cli (a devDependency) on the same HTML: the layout engine the pipeline runs (Paged.js
 * in Chromium), driven the way most Paged.js users print. Its CLI takes one file, so it runs
 * once per brief, as many at once as the pipeline renders pages (xargs -P under one shell: one
 * measured process tree), each run launching its own Chromium: the pipeline's, with its flags
 * (PUPPETEER_EXECUTABLE_PATH through merge-features.sh, --browserArgs).
 */
function pagedjsCliPeer(repo: string, { browser, flags }: PeerSetup): Peer {
  const found = resolvePackage(repo, 'pagedjs-cli');
  const bin = typeof found?.manifest.bin === 'string' ? found.manifest.bin : found?.manifest.bin?.['pagedjs-cli'];
  const cli = found && bin ? path.join(found.dir, bin) : undefined;
  return {
    id: 'pagedjs-cli',
    label: 'pagedjs-cli (same HTML, same engine)',
    version: found ? `pagedjs-cli ${found.manifest.version}` : undefined,
    skipped: !cli ? 'not installed (npm ci installs it: it is a devDependency)' : !browser ? 'no Chromium found' : undefined,
    equalFeatures: true,
    command: (dir, briefs, concurrency) => ({
      file: '/bin/sh',
      // Node, the CLI and the flags come in as $1–$3, so no path needs quoting in the script.
      // pagedjs-cli splits --browserArgs at commas: a flag with a comma in its value (none of
      // the pipeline's has one) would arrive as two. Its puppeteer 20 does not merge our
      // --disable-features flags into its own, as the pipeline's puppeteer does:
      // merge-features.sh does, in front of the browser.
      args: [
        '-c',
        `node="$1" cli="$2" flags="$3"; shift 3; printf '%s\\n' "$@" | xargs -P ${concurrency} -I{} "$node" "$cli" {}.html -o {}.pdf --browserArgs "$flags"`,
        'pagedjs-cli-peer',
        process.execPath,
        cli ?? '',
        flags.join(','),
        ...briefs,
      ],
      cwd: dir,
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: path.join(repo, 'bench', 'merge-features.sh'), BENCH_BROWSER: browser },
    }),
  };
}

/**
 * pandoc + weasyprint: `pandoc in.md -o out.pdf --pdf-engine=weasyprint` for each brief, as
 * many at once as the pipeline renders pages (xargs -P), all under one shell process.
 */
function pandocPeer(): Peer {
  const pandoc = onPath('pandoc');
  const weasyprint = onPath('weasyprint');
  const missing = [pandoc ? undefined : 'pandoc', weasyprint ? undefined : 'weasyprint'].filter(Boolean);
  return {
    id: 'pandoc-weasyprint',
    label: 'pandoc + weasyprint',
    version: pandoc && weasyprint ? `${firstLine(pandoc, ['--version'])}; ${firstLine(weasyprint, ['--version'])}` : undefined,
    skipped: missing.length > 0 ? `not installed (apt-get install pandoc weasyprint): ${missing.join(' and ')} not found` : undefined,
    equalFeatures: false,
    command: (dir, briefs, concurrency) => ({
      file: '/bin/sh',
      args: [
        '-c',
        `printf '%s\\n' "$@" | xargs -P ${concurrency} -I{} pandoc {}.md -o {}.pdf --pdf-engine=weasyprint --metadata pagetitle={}`,
        'pandoc-peer',
        ...briefs,
      ],
      cwd: dir,
    }),
  };
}

/**
 * md-to-pdf (a devDependency), through its CLI with every file at once: it converts them
 * concurrently in one browser. It is given the pipeline's Chromium and launch flags.
 */
function mdToPdfPeer(repo: string, { browser, flags }: PeerSetup): Peer {
  const found = resolvePackage(repo, 'md-to-pdf');
  const cli = found ? path.join(found.dir, 'dist', 'cli.js') : '';
  return {
    id: 'md-to-pdf',
    label: 'md-to-pdf',
    version: found ? `md-to-pdf ${found.manifest.version}` : undefined,
    skipped: !found ? 'not installed (npm ci installs it: it is a devDependency)' : !browser ? 'no Chromium found' : undefined,
    equalFeatures: false,
    command: (dir, briefs) => ({
      file: process.execPath,
      args: [cli, ...briefs.map((brief) => `${brief}.md`), '--launch-options', JSON.stringify({ executablePath: browser, args: flags })],
      cwd: dir,
    }),
  };
}

/** The peers, each installed or with the reason it is skipped: the equal-feature ones first. */
export function findPeers(repo: string, setup: PeerSetup): Peer[] {
  return [weasyprintPeer(), pagedjsCliPeer(repo, setup), pandocPeer(), mdToPdfPeer(repo, setup)];
}

/** Write the same HTML (see footnote-html.ts) of each brief into `dir`, as <brief>.html. */
export async function writeHtml(dir: string, html: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all([...html].map(([brief, text]) => writeFile(path.join(dir, `${brief}.html`), text)));
}

/** Write the exported Markdown (and chart SVGs) of each brief into `dir`. */
export async function writeMarkdown(dir: string, exported: ReadonlyMap<string, ExportedMarkdown>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(
    [...exported].flatMap(([brief, { markdown, assets }]) => [
      writeFile(path.join(dir, `${brief}.md`), markdown),
      ...assets.map((asset) => writeFile(path.join(dir, asset.name), asset.content)),
    ]),
  );
}
