import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';

/** A file the build will write: text, bytes, or text in pieces (an HTML document, see HtmlParts). */
export interface OutputFile {
  readonly path: string;
  readonly data: string | Uint8Array | readonly string[];
}

/** An `output-write` error for a file that could not be written. */
export function writeError(file: string, error: unknown): BuildError {
  const detail = error instanceof Error ? error.message : String(error);
  const message = createMessage(codes.outputWrite, [file, detail], { stage: 'build', cause: error });
  message.file = file;
  return new BuildError([message], { cause: error });
}

/**
 * Write a set of outputs as one change. Every file goes first to a temporary file beside its
 * target (written and fsynced); only when all of them are on disk are they renamed into place.
 * A failure while writing (disk full, no permission) removes the temporary files and leaves
 * every previous output as it was. Files whose bytes are unchanged are not touched.
 */
export async function writeOutputs(files: readonly OutputFile[]): Promise<void> {
  const staged: { readonly temp: string; readonly target: string }[] = [];
  try {
    for (const file of files) {
      const { data } = file;
      const bytes = typeof data === 'string' ? Buffer.from(data) : data instanceof Uint8Array ? Buffer.from(data) : Buffer.from(data.join(''));
      const existing = await readFile(file.path).catch(() => undefined);
      if (existing?.equals(bytes)) continue;
      const temp = path.join(path.dirname(file.path), `.${path.basename(file.path)}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        await mkdir(path.dirname(file.path), { recursive: true });
        const handle = await open(temp, 'w');
        staged.push({ temp, target: file.path });
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        throw writeError(file.path, error);
      }
    }
    for (const { temp, target } of staged) {
      try {
        await rename(temp, target);
      } catch (error) {
        throw writeError(target, error);
      }
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
}
