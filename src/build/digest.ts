import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'safe-stable-stringify';

/** sha256 (hex) of text or bytes, or of text in pieces (the digest of the pieces joined). */
export function digest(data: string | Uint8Array | readonly string[]): string {
  const hash = createHash('sha256');
  if (typeof data === 'string' || data instanceof Uint8Array) hash.update(data);
  else for (const piece of data) hash.update(piece);
  return hash.digest('hex');
}

/** sha256 of a value's canonical JSON (keys sorted), so equal data gives equal digests. */
export function digestJson(value: unknown): string {
  return digest(stringify(value) ?? 'undefined');
}

/** sha256 of a file, or undefined when it cannot be read. */
export async function digestFile(file: string): Promise<string | undefined> {
  try {
    return digest(await readFile(file));
  } catch {
    return undefined;
  }
}

/** Every file under `dir` (recursive), as paths relative to `dir`, sorted. Missing dir: none. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return [];
  }
}
