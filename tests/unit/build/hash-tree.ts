import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every entry under `dir`, hidden ones included, as relative path → sha256 of its bytes (or
 * `folder`, or where a link points): two equal results mean the folder is byte for byte as it was, leftovers and all.
 */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const hashed = await Promise.all(
    entries.sort().map(async (name) => {
      const file = path.join(dir, name);
      const info = await lstat(file);
      if (info.isDirectory()) return [name, 'folder'] as const;
      if (info.isSymbolicLink()) return [name, `link to ${await readlink(file)}`] as const;
      return [name, createHash('sha256').update(await readFile(file)).digest('hex')] as const;
    }),
  );
  return Object.fromEntries(hashed);
}
