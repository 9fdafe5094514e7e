import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectionFile } from '../collection/schema.js';
import { UsageError } from '../config/errors.js';
import { collectionFiles, optionalFiles } from './files.js';

/** The tool's own folder: two up from this file (src/init/, or dist/bundle/ in the bundle). */
export const toolRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The JSON Schema of briefs.yaml that editors read (yaml-language-server). */
export const schemaFile = path.join(toolRoot, 'schemas', 'briefs.schema.json');

/** `human-trafficking_moldova` → `Human Trafficking Moldova`; `Policy briefs` for a folder without a name. */
export function titleFromFolder(dir: string): string {
  const words = path.basename(path.resolve(dir)).replace(/[-_.]+/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Policy briefs';
  return words.map((word) => `${word.charAt(0).toLocaleUpperCase('en')}${word.slice(1)}`).join(' ');
}

/** The schema as briefs.yaml's first line names it: relative to the collection, with forward slashes. */
export function schemaReference(dir: string, schema: string = schemaFile): string {
  const relative = path.relative(path.resolve(dir), schema);
  // On another drive (Windows) there is no relative path: a file URL then.
  if (path.isAbsolute(relative)) return pathToFileURL(schema).href;
  const slashed = relative.split(path.sep).join('/');
  return slashed.startsWith('../') ? slashed : `./${slashed}`;
}

/** What `briefs init` did. */
export interface InitResult {
  /** The collection's folder, absolute. */
  readonly dir: string;
  readonly title: string;
  /** The files written, relative to `dir` (forward slashes), in order. */
  readonly written: readonly string[];
  /** Files the folder already had (a README, a .gitignore), left as they were. */
  readonly kept: readonly string[];
}

type Kind = 'folder' | 'file' | 'missing';

const kindOf = (file: string): Promise<Kind> =>
  stat(file).then(
    (info) => (info.isDirectory() ? 'folder' : 'file'),
    () => 'missing' as const,
  );

const q = (value: string) => JSON.stringify(value);

/**
 * Write a new collection into `dir` (created if need be): briefs.yaml, an example source, fact
 * and brief, a README and a .gitignore. Refuses, with a UsageError and before writing anything,
 * a folder that already holds a briefs.yaml, or a sources/ or templates/ with anything in it;
 * never overwrites a file (a README or .gitignore already there is kept). `shown` names the
 * folder in messages, as the user gave it.
 */
export async function initCollection(dir: string, options: { readonly title?: string; readonly shown?: string } = {}): Promise<InitResult> {
  const at = path.resolve(dir);
  const shown = options.shown ?? dir;
  const where = (part: string) => (shown === '.' ? part : path.join(shown, part));
  const kind = await kindOf(at);
  if (kind === 'file') throw new UsageError(`${q(shown)} is a file: give \`briefs init\` a folder to start the collection in.`);
  if (kind === 'folder') {
    if ((await kindOf(path.join(at, collectionFile))) !== 'missing') {
      throw new UsageError(
        `${q(shown)} already holds a collection (${where(collectionFile)}): \`briefs init\` never overwrites one. Give it a new folder, or edit that collection.`,
      );
    }
    for (const part of ['sources', 'templates']) {
      const inner = path.join(at, part);
      const partKind = await kindOf(inner);
      const taken = partKind === 'file' || (partKind === 'folder' && (await readdir(inner)).length > 0);
      if (taken) {
        throw new UsageError(
          `${q(where(part))} already exists${partKind === 'folder' ? ' and is not empty' : ' (a file)'}: \`briefs init\` never overwrites anything. Give it a new folder, or add a briefs.yaml to this one by hand.`,
        );
      }
    }
  }
  const title = options.title ?? titleFromFolder(at);
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of collectionFiles({ title, schema: schemaReference(at) })) {
    const target = path.join(at, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    try {
      // `wx`: fail rather than replace a file, even one that appeared since the checks above.
      await writeFile(target, file.text, { flag: 'wx' });
      written.push(file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!optionalFiles.has(file.path)) throw new UsageError(`${q(where(file.path))} already exists: \`briefs init\` never overwrites a file.`);
      kept.push(file.path);
    }
  }
  return { dir: at, title, written, kept };
}
