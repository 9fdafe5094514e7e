import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The tool's own templates: `layouts/`, `styles/`, `partials/` and `csl/`, two folders up from
 * this file (src/config/ under tsx, dist/config/ compiled, dist/bundle/ in the bundle).
 */
export const builtinTemplatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'defaults', 'templates');

/** Where a build looks for template files: the collection's templates folder. */
export interface TemplateFolders {
  readonly templates: string;
}

/** A template file and where it comes from. */
export interface TemplateLocation {
  /** Absolute path. */
  readonly path: string;
  /** Whether it is the tool's (no file of the collection overrides it). */
  readonly builtIn: boolean;
}

const isFile = (file: string) => stat(file).then((info) => info.isFile(), () => false);

/** `layouts/brief.html.hbs`, written with `/` (or the platform's separator), in segments. */
const parts = (relative: string): string[] => relative.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');

/**
 * Where a template file comes from: the collection's (`<templates>/layouts/brief.html.hbs`) if
 * it has one, else the tool's (`defaults/templates/layouts/brief.html.hbs`). `path` is the
 * collection's own path when neither exists, so a report names where the file belongs.
 */
export async function locateTemplate(folders: TemplateFolders, relative: string, builtIn = builtinTemplatesDir): Promise<TemplateLocation & { readonly exists: boolean }> {
  const segments = parts(relative);
  const own = path.join(folders.templates, ...segments);
  if (await isFile(own)) return { path: own, builtIn: false, exists: true };
  const shipped = path.join(builtIn, ...segments);
  if (await isFile(shipped)) return { path: shipped, builtIn: true, exists: true };
  return { path: own, builtIn: false, exists: false };
}

/**
 * The path of a template file: the collection's if it exists, else the built-in one (the
 * collection's path when neither exists, for the report of a missing file).
 */
export async function resolveTemplate(folders: TemplateFolders, relative: string, builtIn = builtinTemplatesDir): Promise<string> {
  return (await locateTemplate(folders, relative, builtIn)).path;
}

/** The files (not folders) at the top of `dir` whose names end with `suffix`. */
async function filesIn(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(suffix)).map((entry) => entry.name);
}

/**
 * The files of a template folder (`styles`, `layouts/`…), by file name, sorted: the union of
 * the collection's and the tool's, a collection's file replacing the built-in one of its name.
 * `suffix` keeps only names ending so (`.css`).
 */
export async function listTemplates(
  folders: TemplateFolders,
  folder: string,
  suffix = '',
  builtIn = builtinTemplatesDir,
): Promise<ReadonlyMap<string, TemplateLocation>> {
  const segments = parts(folder);
  const ownDir = path.join(folders.templates, ...segments);
  const shippedDir = path.join(builtIn, ...segments);
  const [own, shipped] = await Promise.all([filesIn(ownDir, suffix), filesIn(shippedDir, suffix)]);
  const found = new Map<string, TemplateLocation>();
  for (const name of shipped) found.set(name, { path: path.join(shippedDir, name), builtIn: true });
  for (const name of own) found.set(name, { path: path.join(ownDir, name), builtIn: false });
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
