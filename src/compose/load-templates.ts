import { readFile } from 'node:fs/promises';
import { listTemplates } from '../config/template-folders.js';
import { sha256 } from '../ingest/index.js';

/** A template file, read. */
export interface TemplateFile {
  /** Its name: the brief id, partial name, layout name or style name. */
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
  /** Its text. */
  readonly source: string;
  /** sha256 of its text. */
  readonly digest: string;
}

/** The collection's briefs, and its partials, layouts and styles over the built-in ones. */
export interface TemplateSet {
  /** `briefs/<id>.md.hbs`, by brief id, sorted. */
  readonly briefs: ReadonlyMap<string, TemplateFile>;
  /** `partials/<name>.md.hbs`, by partial name. */
  readonly partials: ReadonlyMap<string, TemplateFile>;
  /** `layouts/<name>.html.hbs`, by layout name. */
  readonly layouts: ReadonlyMap<string, TemplateFile>;
  /** `styles/<name>.css`, by file name, sorted. */
  readonly styles: ReadonlyMap<string, TemplateFile>;
}

async function readFolder(templatesDir: string, folder: string, suffix: string): Promise<Map<string, TemplateFile>> {
  // The collection's files, and the tool's built-in ones it does not override (same file name).
  const located = await listTemplates({ templates: templatesDir }, folder, suffix);
  const files = await Promise.all(
    [...located].map(async ([name, { path: file }]) => {
      const source = await readFile(file, 'utf8');
      return { name: name.slice(0, -suffix.length), path: file, source, digest: sha256(source) } satisfies TemplateFile;
    }),
  );
  return new Map(files.map((file) => [file.name, file]));
}

/**
 * Read every template of the collection's `templatesDir`, with the tool's built-in partials,
 * layouts and styles (`defaults/templates/`) wherever the collection has no file of that name.
 * A new brief is just a new file in briefs/.
 */
export async function loadTemplates(templatesDir: string): Promise<TemplateSet> {
  const [briefs, partials, layouts, styles] = await Promise.all([
    readFolder(templatesDir, 'briefs', '.md.hbs'),
    readFolder(templatesDir, 'partials', '.md.hbs'),
    readFolder(templatesDir, 'layouts', '.html.hbs'),
    readFolder(templatesDir, 'styles', '.css'),
  ]);
  return { briefs, partials, layouts, styles };
}
