import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import { writeError } from './write-output.js';

/** How long a second build waits for the first before giving up. */
export const lockWaitSeconds = 180;

/** How often a waiting build tries the lock again. */
export const lockRetryMs = 250;

/** The held lock: release it when the build ends (whatever the outcome). */
export interface OutputLock {
  readonly release: () => Promise<void>;
  /** Set if the lock was lost (its folder removed or taken over): the build must not write. */
  readonly lost: () => Error | undefined;
}

/** How the lock waits, and through what it reaches the disk (a test makes it fail on cue). */
export interface LockOptions {
  readonly waitSeconds?: number;
  readonly retryMs?: number;
  /** The callback-style `fs` proper-lockfile uses (default: graceful-fs). */
  readonly fs?: unknown;
}

/**
 * Lock the output folder with proper-lockfile (a `.build.lock` folder inside it, refreshed
 * while held, stale after 20 s if its owner died). A second build waits for the first, and
 * only for it: any failure but a held lock (`ELOCKED`) — a folder that cannot be written, a
 * read-only disk, a file where a folder should be — is an `output-write` error at once.
 */
export async function lockOutput(outDir: string, onWait: () => void, options: LockOptions = {}): Promise<OutputLock> {
  const { waitSeconds = lockWaitSeconds, retryMs = lockRetryMs } = options;
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw writeError(outDir, error);
  }
  const lockfilePath = path.join(outDir, '.build.lock');
  const base = { lockfilePath, realpath: false, stale: 20_000, update: 5_000, ...(options.fs ? { fs: options.fs } : {}) };
  let lost: Error | undefined;
  const onCompromised = (error: Error) => {
    lost = error;
  };
  let waiting = false;
  try {
    waiting = await lockfile.check(outDir, base);
  } catch (error) {
    throw writeError(lockfilePath, error);
  }
  if (waiting) onWait();
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      // One attempt at a time: proper-lockfile's own retries retry every error alike, so an
      // unwritable folder would look like a busy one for the whole wait.
      const release = await lockfile.lock(outDir, { ...base, onCompromised, retries: 0 });
      return { release: () => release().catch(() => undefined), lost: () => lost };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw writeError(lockfilePath, error);
      if (Date.now() >= deadline) {
        const message = createMessage(codes.outputLocked, [outDir, waitSeconds], { stage: 'build', cause: error });
        message.file = lockfilePath;
        throw new BuildError([message], { cause: error });
      }
      if (!waiting) onWait();
      waiting = true;
      await sleep(retryMs);
    }
  }
}
