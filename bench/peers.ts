import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ExportedMarkdown } from './export-markdown.js';
import type { Command } from './measure.js';

/** A tool the pipeline is compared with, on the same Markdown. */
export interface Peer {
  readonly id: 'pandoc-weasyprint' | 'md-to-pdf';
  readonly label: string;
  /** Version(s), or why it is skipped. */
  readonly version: string | undefined;
  readonly skipped: string | undefined;
  /** One process converting every brief of `dir` (which holds <brief>.md and its SVGs). */
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
  const require = createRequire(path.join(repo, 'package.json'));
  let manifest: string | undefined;
  try {
    manifest = require.resolve('md-to-pdf/package.json');
  } catch {
    manifest = undefined;
  }
  const version = manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
  const cli = manifest ? path.join(path.dirname(manifest), 'dist', 'cli.js') : '';
  return {
    id: 'md-to-pdf',
    label: 'md-to-pdf',
    version: version ? `md-to-pdf ${version}` : undefined,
    skipped: !manifest ? 'not installed (npm ci installs it: it is a devDependency)' : !browser ? 'no Chromium found' : undefined,
    command: (dir, briefs) => ({
      file: process.execPath,
      args: [cli, ...briefs.map((brief) => `${brief}.md`), '--launch-options', JSON.stringify({ executablePath: browser, args: flags })],
      cwd: dir,
    }),
  };
}

/** The peers, each installed or with the reason it is skipped. */
export function findPeers(repo: string, setup: PeerSetup): Peer[] {
  return [pandocPeer(), mdToPdfPeer(repo, setup)];
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
