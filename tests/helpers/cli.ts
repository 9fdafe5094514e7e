import { main } from '../../src/cli/index.js';

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the `briefs` CLI in-process in `cwd`, capturing its output. */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
