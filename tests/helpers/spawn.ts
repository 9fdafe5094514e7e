import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './project.js';

/** A `briefs` process running in the background, with its output collected as it comes. */
export interface BriefsProcess {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr together). */
  readonly output: () => string;
  /** Resolves when the output matches (rejects if the process exits first). */
  readonly waitFor: (pattern: RegExp) => Promise<void>;
  /** Resolves to the exit code. */
  readonly exited: Promise<number | null>;
}

/**
 * Start `bin/briefs.js` with arguments in `cwd` (a real process, for signals and locks), running
 * the bundle as `npm ci` installs it (BRIEFS_ENTRY=bundle: never the sources by accident).
 */
export function spawnBriefs(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): BriefsProcess {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'briefs.js'), ...args], {
    cwd,
    env: { ...process.env, ...env, BRIEFS_ENTRY: 'bundle' },
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
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) {
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
        check();
        // No deadline (a busy machine is slow, the test's own limit stops a hang); a process
        // that ends without printing it fails at once.
        void exited.then((code) => {
          if (!listeners.has(check)) return;
          listeners.delete(check);
          reject(new Error(`The process exited (${String(code)}) before printing ${pattern}:\n${text}`));
        });
      }),
  };
}
