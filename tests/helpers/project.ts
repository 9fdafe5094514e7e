import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The collection the tests build: a frozen copy of the Kosovo collection as it shipped (its
 * sources and its brief templates), so that what a user adds to `sources/` or `templates/` never
 * makes a test fail. `npm run check` checks the user's own collection.
 */
export const collectionRoot = path.join(repoRoot, 'tests', 'fixtures', 'kosovo');

/** A throw-away copy of the project's sources and templates in a temporary directory. */
export interface TempProject {
  readonly root: string;
  readonly path: (...parts: string[]) => string;
  readonly read: (relative: string) => Promise<string>;
  readonly write: (relative: string, text: string) => Promise<void>;
  readonly edit: (relative: string, change: (text: string) => string) => Promise<void>;
  readonly remove: () => Promise<void>;
}

/**
 * Copy a fixture's `sources/`, `templates/` and `briefs.yaml` (if it has one) into a new
 * temporary directory: by default the Kosovo collection (`tests/fixtures/kosovo`). The layouts,
 * styles, partials and citation style the fixture does not override come from the tool's
 * built-in `defaults/templates/`, as for any collection.
 */
export async function makeProject(fixture = 'kosovo'): Promise<TempProject> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'briefs-test-'));
  const from = path.join(repoRoot, 'tests', 'fixtures', fixture);
  await cp(path.join(from, 'sources'), path.join(root, 'sources'), { recursive: true });
  await cp(path.join(from, 'templates'), path.join(root, 'templates'), { recursive: true });
  // The collection file (title, language, metrics), where the fixture has one.
  await cp(path.join(from, 'briefs.yaml'), path.join(root, 'briefs.yaml')).catch(() => undefined);
  const at = (...parts: string[]) => path.join(root, ...parts);
  return {
    root,
    path: at,
    read: (relative) => readFile(at(relative), 'utf8'),
    write: (relative, text) => writeFile(at(relative), text),
    edit: async (relative, change) => writeFile(at(relative), change(await readFile(at(relative), 'utf8'))),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${JSON.stringify(needle)} is not in the text`);
  return text.slice(0, index).split('\n').length;
}
