import { spawn } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli/index.js';
import { repoRoot } from './project.js';

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What runs `bin/briefs.js`: the esbuild bundle users get from `npm ci`, or the TypeScript sources. */
export type CliEntry = 'bundle' | 'sources';

/**
 * Run the `briefs` command as a user does: `node bin/briefs.js …` in `cwd`, a process of its
 * own. `entry` makes bin/briefs.js run the bundle (the default: what `npm ci` installs, which
 * tests/setup/bundle.ts has made current) or the TypeScript sources, and fail rather than fall
 * back to the other. Each test project is a fresh folder, so the extraction cache starts empty.
 */
export function runCli(
  argv: readonly string[],
  cwd: string,
  options: { readonly env?: NodeJS.ProcessEnv; readonly entry?: CliEntry } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'briefs.js'), ...argv], {
      cwd,
      env: { ...process.env, ...options.env, BRIEFS_ENTRY: options.entry ?? 'bundle' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8').replace(/\n$/, '');
      resolve({ code: code ?? (signal ? 128 : 1), stdout: text(out), stderr: text(err) });
    });
  });
}

/** Run the CLI's `main` in this process, from the TypeScript sources (unit tests of the CLI). */
export async function runCliInProcess(argv: readonly string[], cwd: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
