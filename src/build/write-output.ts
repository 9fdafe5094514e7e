import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';

/** A file the build will write. */
export interface OutputFile {
  readonly path: string;
  readonly data: string | Uint8Array;
}

/**
 * Write every output atomically (temporary file, then rename): a reader never sees half a
 * file, and a failure leaves the previous file in place. Called only after every stage
 * succeeded.
 */
export async function writeOutputs(files: readonly OutputFile[]): Promise<void> {
  for (const file of files) {
    try {
      const bytes = typeof file.data === 'string' ? Buffer.from(file.data) : Buffer.from(file.data);
      // Same bytes as on disk: leave the file (and its modification time) alone.
      const existing = await readFile(file.path).catch(() => undefined);
      if (existing?.equals(bytes)) continue;
      await mkdir(path.dirname(file.path), { recursive: true });
      await writeFileAtomic(file.path, bytes);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const message = createMessage(codes.outputWrite, [file.path, detail], { stage: 'build', cause: error });
      message.file = file.path;
      throw new BuildError([message], { cause: error });
    }
  }
}
