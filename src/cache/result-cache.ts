import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'safe-stable-stringify';

/**
 * Results of pure, costly steps (a chart drawn, a brief's notes formatted), kept between builds
 * by a digest of everything they are made from: the same inputs give the same result, so an
 * unchanged chart is not drawn again and unchanged notes are not formatted again. Each entry's
 * key also holds the tool's digest (its code, built-in files and locked dependencies), so a
 * new version of the tool, or of a library it uses, never reads an entry an older one wrote.
 *
 * Reads and writes are synchronous and small (one JSON file per entry): the steps that use
 * the cache run synchronously inside the Markdown pipeline. A missing, unreadable or malformed
 * entry is a miss; a failed write (read-only checkout, full disk) is ignored.
 */
export interface ResultCache {
  /**
   * The entry for `inputs` of this `kind`. Its key is taken now, so a step that changes its
   * inputs as it runs (citeproc-js adds to the citations it is given) stores its result
   * where the next build looks for it.
   */
  readonly entry: (kind: string, inputs: unknown) => CacheEntry;
}

/** One entry of a result cache. */
export interface CacheEntry {
  /** The value kept, if there is one and it passes `valid`. */
  readonly get: <T>(valid: (value: unknown) => value is T) => T | undefined;
  /** Keep `value` (plain JSON). */
  readonly set: (value: unknown) => void;
}

const noEntry: CacheEntry = { get: () => undefined, set: () => undefined };

/** A cache that keeps nothing: every step runs. */
export const noResultCache: ResultCache = { entry: () => noEntry };

/** Entry kinds are folder names: letters, digits and hyphens. */
const kindPattern = /^[a-z0-9-]+$/;

/**
 * A cache in `dir` (the collection's `.cache/briefs/results`), its entries keyed by `tool`
 * (the tool's digest) and the inputs' canonical JSON (keys sorted).
 */
export function folderResultCache(dir: string, tool: string): ResultCache {
  const file = (kind: string, inputs: unknown) => {
    if (!kindPattern.test(kind)) throw new Error(`internal: cache kind "${kind}" is not a folder name`);
    const key = createHash('sha256').update(tool).update('\0').update(kind).update('\0').update(stringify(inputs) ?? 'undefined').digest('hex');
    return path.join(dir, kind, `${key}.json`);
  };
  return { entry: (kind, inputs) => fileEntry(file(kind, inputs)) };
}

function fileEntry(entry: string): CacheEntry {
  return {
    get: (valid) => {
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(entry, 'utf8'));
      } catch {
        return undefined;
      }
      if (valid(value)) return value;
      // Damaged or of another shape: the step's result replaces it.
      return undefined;
    },
    set: (value) => {
      const temp = `${entry}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        mkdirSync(path.dirname(entry), { recursive: true });
        // Written aside and renamed: a build reading the entry meanwhile sees all of it or none.
        writeFileSync(temp, JSON.stringify(value));
        renameSync(temp, entry);
      } catch {
        // Read-only checkout, full disk: the next build makes it again.
        try {
          rmSync(temp, { force: true });
        } catch {
          // Nothing was written.
        }
      }
    },
  };
}
