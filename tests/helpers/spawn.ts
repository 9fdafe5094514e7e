import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './project.js';

/** A `briefs` process running in the background, with its output collected as it comes. */
export interface BriefsProcess {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr together). */
  readonly output: () => string;
  /** Resolves when the output matches, or rejects after `ms`. */
  readonly waitFor: (pattern: RegExp, ms?: number) => Promise<void>;
  /** Resolves to the exit code. */
  readonly exited: Promise<number | null>;
}

/** Start `bin/briefs.js` with arguments in `cwd` (a real process, for signals and locks). */
export function spawnBriefs(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): BriefsProcess {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'briefs.js'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (pattern, ms = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`Timed out waiting for ${pattern} in:\n${text}`));
        }, ms);
        listeners.add(check);
        check();
      }),
  };
}
