import { access, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

/** The parts of `templates/` that belong to the tool (layouts, styles, citation style), not to a collection. */
const toolTemplates = ['layouts', 'styles', 'csl'] as const;

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
 * Copy a fixture's `sources/` and `templates/` into a new temporary directory: by default the
 * Kosovo collection (`tests/fixtures/kosovo`), with the tool's own layouts, styles and citation
 * style from `templates/` wherever the fixture has none of its own.
 */
export async function makeProject(fixture = 'kosovo'): Promise<TempProject> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'briefs-test-'));
  const from = path.join(repoRoot, 'tests', 'fixtures', fixture);
  await cp(path.join(from, 'sources'), path.join(root, 'sources'), { recursive: true });
  await cp(path.join(from, 'templates'), path.join(root, 'templates'), { recursive: true });
  // The collection file (title, language, metrics), where the fixture has one.
  await cp(path.join(from, 'briefs.yaml'), path.join(root, 'briefs.yaml')).catch(() => undefined);
  for (const part of fixture === 'kosovo' ? toolTemplates : []) {
    const own = await access(path.join(from, 'templates', part)).then(() => true, () => false);
    if (!own) await cp(path.join(repoRoot, 'templates', part), path.join(root, 'templates', part), { recursive: true });
  }
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
