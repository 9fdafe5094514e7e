import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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

/** Everything in templates/: briefs, partials, layouts and styles. */
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

async function readFolder(dir: string, suffix: string): Promise<Map<string, TemplateFile>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return new Map();
  }
  const files = await Promise.all(
    names
      .filter((name) => name.endsWith(suffix))
      .sort()
      .map(async (name) => {
        const file = path.join(dir, name);
        const source = await readFile(file, 'utf8');
        return { name: name.slice(0, -suffix.length), path: file, source, digest: sha256(source) } satisfies TemplateFile;
      }),
  );
  return new Map(files.map((file) => [file.name, file]));
}

/** Read every template under `templatesDir`. A new brief is just a new file in briefs/. */
export async function loadTemplates(templatesDir: string): Promise<TemplateSet> {
  const [briefs, partials, layouts, styles] = await Promise.all([
    readFolder(path.join(templatesDir, 'briefs'), '.md.hbs'),
    readFolder(path.join(templatesDir, 'partials'), '.md.hbs'),
    readFolder(path.join(templatesDir, 'layouts'), '.html.hbs'),
    readFolder(path.join(templatesDir, 'styles'), '.css'),
  ]);
  return { briefs, partials, layouts, styles };
}
