import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Config } from '../config/index.js';
import { imposeBooklet } from '../render/pdf/booklet.js';
import { writeError } from './write-output.js';

/** The booklet's file name: the pack's, `-booklet` before `.pdf`. */
export const bookletName = (packFile: string): string => `${packFile.replace(/\.pdf$/i, '')}-booklet.pdf`;

const readOrUndefined = (file: string): Promise<Buffer | undefined> =>
  readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });

/**
 * With `--booklet` (or `pack: { booklet: true }`), impose the handout pack in the output folder
 * for saddle-stitch printing and write it beside the pack, atomically (temp file and rename),
 * only when its bytes differ from the booklet already there. Returns the file written and its
 * number of sheets, or undefined when nothing was written (not wanted, no pack, up to date).
 */
export async function writeBooklet(config: Config): Promise<{ readonly file: string; readonly sheets: number } | undefined> {
  if (!config.booklet) return undefined;
  const pack = await readOrUndefined(path.join(config.out, config.collection.pack.file));
  if (!pack) return undefined;
  const bytes = await imposeBooklet(pack, config.paper, { date: config.pinnedDate });
  const file = path.join(config.out, bookletName(config.collection.pack.file));
  const existing = await readOrUndefined(file);
  if (existing && Buffer.compare(existing, bytes) === 0) return undefined;
  const temp = path.join(config.out, `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw writeError(file, error);
  }
  // Each sheet has two sides, each side is a page of the booklet.
  const sheets = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount() / 2;
  return { file, sheets };
}
