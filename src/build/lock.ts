import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import { writeError } from './write-output.js';

/** How long a second build waits for the first before giving up. */
export const lockWaitSeconds = 180;

/** The held lock: release it when the build ends (whatever the outcome). */
export interface OutputLock {
  readonly release: () => Promise<void>;
  /** Set if the lock was lost (its folder removed or taken over): the build must not write. */
  readonly lost: () => Error | undefined;
}

/**
 * Lock the output folder with proper-lockfile (a `.build.lock` folder inside it, refreshed
 * while held, stale after 20 s if its owner died). A second build waits for the first.
 */
export async function lockOutput(outDir: string, onWait: () => void): Promise<OutputLock> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw writeError(outDir, error);
  }
  const lockfilePath = path.join(outDir, '.build.lock');
  const options = { lockfilePath, realpath: false, stale: 20_000, update: 5_000 };
  let lost: Error | undefined;
  const onCompromised = (error: Error) => {
    lost = error;
  };
  if (await lockfile.check(outDir, options)) onWait();
  try {
    const release = await lockfile.lock(outDir, {
      ...options,
      onCompromised,
      retries: { retries: lockWaitSeconds * 4, factor: 1, minTimeout: 250, maxTimeout: 250 },
    });
    return { release: () => release().catch(() => undefined), lost: () => lost };
  } catch (error) {
    // Not a busy lock but an unwritable folder (permissions, read-only disk …): say so.
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw writeError(lockfilePath, error);
    const message = createMessage(codes.outputLocked, [outDir, lockWaitSeconds], { stage: 'build', cause: error });
    message.file = lockfilePath;
    throw new BuildError([message], { cause: error });
  }
}
