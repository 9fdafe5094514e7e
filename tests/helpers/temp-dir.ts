import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Run `work` with a new empty folder (named `briefs-<name>-…` in the system's temp folder), removed afterwards. */
export async function withTempDir(name: string, work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `briefs-${name}-`));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
