import { execFileSync } from 'node:child_process';

/** Chromium (or any) processes whose command line mentions `marker` (their profile lives under it). */
export function processesMatching(marker: string): number {
  try {
    return execFileSync('pgrep', ['-f', marker]).toString().trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}
