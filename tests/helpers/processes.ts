import { execFileSync } from 'node:child_process';

/** Chromium (or any) processes whose command line mentions `marker` (their profile lives under it). */
export function processesMatching(marker: string): number {
  try {
    return execFileSync('pgrep', ['-f', marker]).toString().trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

/**
 * Resolve once `condition()` holds, checking every `every` ms. No deadline of its own: on a busy
 * machine things take as long as they take, and the test's own limit stops a real hang.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, every = 50): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, every));
}
