import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';

/** A file the build will write: text, bytes, or text in pieces (an HTML document, see HtmlParts). */
export interface OutputFile {
  readonly path: string;
  readonly data: string | Uint8Array | readonly string[];
}

/**
 * The file system calls a write makes: `node:fs/promises`, or, in a test, a stand-in that fails
 * on cue (a rename that fails midway, a folder that refuses new files).
 */
export type OutputFs = Pick<typeof fsPromises, 'copyFile' | 'link' | 'lstat' | 'mkdir' | 'open' | 'readFile' | 'rename' | 'rm'>;

/** The real file system. */
export const nodeOutputFs: OutputFs = fsPromises;

/** What else a write does, and through what. */
export interface WriteOptions {
  /** Outputs to delete in the same change (absolute paths; missing ones are ignored). */
  readonly remove?: readonly string[];
  readonly fs?: OutputFs;
}

/** An `output-write` error for a file that could not be written (`note`: what to do about this one). */
export function writeError(file: string, error: unknown, note?: string): BuildError {
  return new BuildError([writeMessage(file, error, note)], { cause: error });
}

/** A folder where an output file goes: renaming the file onto it would fail, so nothing starts. */
class FolderInTheWay extends Error {
  constructor() {
    super('a folder of that name is in its place');
  }
}

/** An output that refuses every change (immutable, append-only): renaming onto it would fail. */
class Unchangeable extends Error {
  constructor(cause: unknown) {
    super('the file is marked immutable or append-only, so it cannot be replaced (EPERM)', { cause });
  }
}

/** What to do about a target that stopped the change before it started, if there is more to say. */
const noteFor = (error: unknown): string | undefined =>
  error instanceof FolderInTheWay
    ? 'Move or delete that folder: the build writes a file there.'
    : error instanceof Unchangeable
      ? 'Clear the mark (`chattr -i` or `chattr -a` on Linux, `chflags nouchg` on macOS) or move the file away.'
      : undefined;

function writeMessage(file: string, error: unknown, note?: string): VFileMessage {
  const detail = error instanceof Error ? error.message : String(error);
  const message = createMessage(codes.outputWrite, [file, detail], { stage: 'build', cause: error, ...(note ? { note } : {}) });
  message.file = file;
  return message;
}

/** One change to one output: a new version staged beside it, its previous version kept. */
interface Change {
  readonly target: string;
  /** The new version, written and fsynced (none: the output is removed). */
  readonly temp?: string;
  /** The previous version, a hard link (or a copy) beside it (none: the output is new). */
  readonly backup?: string;
}

const besideName = (target: string, suffix: string) =>
  path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.${suffix}`);

const bytesOf = (data: OutputFile['data']): Buffer =>
  typeof data === 'string' ? Buffer.from(data) : data instanceof Uint8Array ? Buffer.from(data) : Buffer.from(data.join(''));

/** What is at `file` now: nothing, a folder, or a file (or link). */
async function kindOf(fs: OutputFs, file: string): Promise<'none' | 'folder' | 'file'> {
  try {
    return (await fs.lstat(file)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}

/** Whether `file` refuses to be changed at all (immutable or append-only: `EPERM` even to open it for writing). */
async function refusesChange(fs: OutputFs, file: string): Promise<boolean> {
  try {
    await (await fs.open(file, 'r+')).close();
    return false;
  } catch (error) {
    // EACCES (a read-only file) is no obstacle: a rename replaces it all the same.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Keep the previous version of `target` beside it: a hard link costs nothing and proves the
 * folder takes new entries; where links are not possible (a file system without them, a file
 * of another user), a copy. A file that cannot be linked because it cannot be changed at all
 * (immutable, append-only) cannot be replaced either: that stops the change before it starts.
 */
async function keepPrevious(fs: OutputFs, target: string): Promise<string> {
  const backup = besideName(target, 'bak');
  try {
    await fs.link(target, backup);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM' && (await refusesChange(fs, target))) throw new Unchangeable(error);
    await fs.copyFile(target, backup, fsPromises.constants.COPYFILE_EXCL);
  }
  return backup;
}

/**
 * Write a set of outputs, and delete others, as one change: either every file is replaced or
 * none is. Each new version goes first to a temporary file beside its target (written and
 * fsynced), and each previous version is kept beside it, so every folder is known to take the
 * renames before the first one; a folder (or anything else that is not a file) where an output
 * goes stops the build here. Then the new versions are renamed into place, in order, and the
 * removed outputs deleted. If one rename fails, the renames already done are undone from the kept
 * versions and the folder is exactly as before. Files whose bytes are unchanged are not touched.
 */
export async function writeOutputs(files: readonly OutputFile[], options: WriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeOutputFs;
  const changes: Change[] = [];
  // Folders made for new outputs (the source viewer's `sources/`): gone again if the change fails.
  const made: string[] = [];
  const discard = async () => {
    const leftovers = changes.flatMap((change) => [change.temp, change.backup]).filter((file): file is string => file !== undefined);
    await Promise.all(leftovers.map((file) => fs.rm(file, { force: true }).catch(() => undefined)));
    for (const dir of made.reverse()) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  };

  try {
    for (const file of files) {
      const bytes = bytesOf(file.data);
      const existing = await fs.readFile(file.path).catch(() => undefined);
      if (existing?.equals(bytes)) continue;
      try {
        const kind = await kindOf(fs, file.path);
        if (kind === 'folder') throw new FolderInTheWay();
        const dir = await fs.mkdir(path.dirname(file.path), { recursive: true });
        if (dir !== undefined) made.push(dir);
        const temp = besideName(file.path, 'tmp');
        const handle = await fs.open(temp, 'wx');
        changes.push({ target: file.path, temp });
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        if (kind === 'file') changes[changes.length - 1] = { target: file.path, temp, backup: await keepPrevious(fs, file.path) };
      } catch (error) {
        throw writeError(file.path, error, noteFor(error));
      }
    }
    for (const target of options.remove ?? []) {
      try {
        // Only a file is removed: a folder of that name is not the output the manifest knew.
        if ((await kindOf(fs, target)) !== 'file') continue;
        changes.push({ target, backup: await keepPrevious(fs, target) });
      } catch (error) {
        throw writeError(target, error, noteFor(error));
      }
    }
  } catch (error) {
    await discard();
    throw error;
  }

  const done: Change[] = [];
  for (const change of changes) {
    try {
      if (change.temp !== undefined) await fs.rename(change.temp, change.target);
      else await fs.rm(change.target);
      done.push(change);
    } catch (error) {
      const failures = await undo(fs, done);
      // A version that could not be put back stays where its message says it is.
      const kept = new Set(failures.map((failure) => failure.kept));
      const leftovers = changes.flatMap((each) => [each.temp, each.backup]).filter((file): file is string => file !== undefined && !kept.has(file));
      await Promise.all(leftovers.map((file) => fs.rm(file, { force: true }).catch(() => undefined)));
      // Whatever is in a folder this change made is this change's own: it goes with the folder.
      for (const dir of made.reverse()) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      throw new BuildError([writeMessage(change.target, error), ...failures.map((failure) => failure.message)], { cause: error });
    }
  }
  // Committed: the previous versions are no longer needed.
  await Promise.all(changes.map((change) => (change.backup ? fs.rm(change.backup, { force: true }).catch(() => undefined) : undefined)));
}

/** A committed change that could not be undone, and where its previous version is. */
interface UndoFailure {
  readonly message: VFileMessage;
  readonly kept: string | undefined;
}

/** Undo committed changes, last first; an `output-restore` message for each that cannot be. */
async function undo(fs: OutputFs, done: readonly Change[]): Promise<UndoFailure[]> {
  const failures: UndoFailure[] = [];
  for (const change of [...done].reverse()) {
    try {
      if (change.backup !== undefined) await fs.rename(change.backup, change.target);
      else await fs.rm(change.target, { force: true });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const message = createMessage(codes.outputRestore, [change.target, detail, change.backup], { stage: 'build', cause: error });
      message.file = change.target;
      failures.push({ message, kept: change.backup });
    }
  }
  return failures;
}
