import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/index.js';
import { maxYamlBytes } from '../yaml/limits.js';
import type { YamlMemo } from '../yaml/parse-yaml.js';
import { digest, digestJson, listFiles } from './digest.js';

/** A fact as the snapshot sees it: its content digest and the briefs it belongs to. */
export interface FactStamp {
  readonly digest: string;
  readonly topics: readonly string[];
}

/**
 * Digests of everything a brief can depend on, taken cheaply (no template rendering, no quote
 * verification, no browser) so a build can tell what is out of date in milliseconds.
 */
export interface Snapshot {
  /** Project-relative path → digest, for every file under templates/ (the collection's; the built-in ones count in `tool`) and sources/documents/. */
  readonly files: ReadonlyMap<string, string>;
  /** Source id → project-relative path of its document. */
  readonly documents: ReadonlyMap<string, string>;
  /** Source id → digest of its sources.yaml entry. */
  readonly bibliography: ReadonlyMap<string, string>;
  /** Fact id → digest and topics; empty if facts.yaml could not be read (the build reports why). */
  readonly facts: ReadonlyMap<string, FactStamp>;
  /** Whether sources.yaml and facts.yaml parsed; if not, every brief is rebuilt (and fails). */
  readonly readable: boolean;
  /** Digest of the tool itself: its version, its code, its built-in templates and locales (defaults/) and its locked dependencies. */
  readonly tool: string;
  /** Brief ids: the templates in templates/briefs/. */
  readonly briefIds: readonly string[];
  /** What the two YAML files gave, kept in the manifest so an unchanged file is not parsed again. */
  readonly yaml?: YamlStamps;
  /**
   * Project-relative path → digest of every input a build reads and checks whatever it
   * rebuilds: sources.yaml, facts.yaml and each document they name (empty when they do not
   * parse: then every brief is rebuilt anyway). The manifest keeps the last checked ones.
   */
  readonly checked: ReadonlyMap<string, string>;
}

/**
 * The snapshot's reading of sources.yaml and facts.yaml, keyed by the digests of their text:
 * a no-op build finds both unchanged and skips the YAML parser altogether.
 */
export interface YamlStamps {
  readonly sourcesDigest: string;
  readonly factsDigest: string;
  /** Source id → [project-relative document path, digest of its entry]. */
  readonly sources: Record<string, [string, string]>;
  /** Fact id → [digest, topics]. */
  readonly facts: Record<string, [string, string[]]>;
}

const toolRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The tool's digest: its code, its built-in files and its locked dependencies. */
export async function toolDigest(): Promise<string> {
  // The built-in templates and locales (defaults/) are the tool's too: a change to one rebuilds
  // what it may show up in, as a change of the code does.
  const folders = await Promise.all(['src', 'defaults'].map(async (dir) => (await listFiles(path.join(toolRoot, dir))).map((file) => path.join(dir, file))));
  const files = folders.flat();
  files.push('package.json', 'package-lock.json');
  const parts = await Promise.all(
    files.map(async (file) => `${file}\0${digest(await readFile(path.join(toolRoot, file)).catch(() => Buffer.alloc(0)))}`),
  );
  return digest(parts.join('\n'));
}

async function readText(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

async function parseYamlList(text: string | undefined, memo: YamlMemo | undefined, kept: KeptReadings): Promise<unknown[] | undefined> {
  // Past the limit the real read refuses the file: make it look changed so the build says so.
  if (text === undefined || Buffer.byteLength(text) > maxYamlBytes) return undefined;
  try {
    // Loaded only when a file changed: a no-op build never loads the YAML parser.
    const [{ parseYaml }, { folderResultCache }, tool] = await Promise.all([import('../yaml/parse-yaml.js'), import('../cache/index.js'), kept.tool]);
    // A reading kept by an earlier build is not parsed again (see parseYaml).
    const parsed = parseYaml(text, memo, folderResultCache(kept.dir, tool));
    if (parsed.errors.length > 0) return undefined;
    const data = parsed.data();
    return Array.isArray(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

const idOf = (entry: unknown): string | undefined =>
  typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string'
    ? (entry as { id: string }).id
    : undefined;

/** Where readings of YAML texts are kept between builds: the result cache's folder, and the tool's digest that keys it. */
interface KeptReadings {
  readonly dir: string;
  readonly tool: Promise<string>;
}

/** Read sources.yaml and facts.yaml into stamps, reusing `previous` for a file whose text is unchanged. */
async function readYamlStamps(config: Config, previous: YamlStamps | undefined, memo: YamlMemo | undefined, kept: KeptReadings): Promise<YamlStamps | undefined> {
  const rel = (file: string) => path.relative(config.root, file).split(path.sep).join('/');
  const [sourcesText, factsText] = await Promise.all([readText(path.join(config.sources, 'sources.yaml')), readText(config.factsPath)]);
  if (sourcesText === undefined || factsText === undefined) return undefined;
  // Document paths are relative to the project: the sources folder is part of the key.
  const sourcesDigest = digest(`${rel(config.sources)}\0${sourcesText}`);
  const factsDigest = digest(factsText);
  let sources = previous?.sourcesDigest === sourcesDigest ? previous.sources : undefined;
  if (!sources) {
    const entries = await parseYamlList(sourcesText, memo, kept);
    if (!entries) return undefined;
    const read: Record<string, [string, string]> = {};
    for (const entry of entries) {
      const id = idOf(entry);
      const file = (entry as { file?: unknown }).file;
      if (!id || typeof file !== 'string') continue;
      read[id] = [rel(path.resolve(config.sources, file)), digestJson(entry)];
    }
    sources = read;
  }
  let facts = previous?.factsDigest === factsDigest ? previous.facts : undefined;
  if (!facts) {
    const entries = await parseYamlList(factsText, memo, kept);
    if (!entries) return undefined;
    const read: Record<string, [string, string[]]> = {};
    for (const entry of entries) {
      const id = idOf(entry);
      if (!id) continue;
      const topics = (entry as { topics?: unknown }).topics;
      read[id] = [digestJson(entry), Array.isArray(topics) ? topics.filter((topic): topic is string => typeof topic === 'string') : []];
    }
    facts = read;
  }
  return { sourcesDigest, factsDigest, sources, facts };
}

/**
 * Take the snapshot. Problems are not reported here: they make inputs look changed instead.
 * `previous` (from the manifest) spares parsing YAML files whose text has not changed; what is
 * parsed goes into `memo`, where the pipeline finds it.
 */
export async function takeSnapshot(config: Config, previous?: YamlStamps, memo?: YamlMemo): Promise<Snapshot> {
  const rel = (file: string) => path.relative(config.root, file).split(path.sep).join('/');
  const templateFiles = (await listFiles(config.templates)).map((file) => path.join(config.templates, file));
  const digesting = toolDigest();
  const kept = { dir: path.join(config.root, '.cache', 'briefs', 'results'), tool: digesting };
  const [yaml, tool] = await Promise.all([readYamlStamps(config, previous, memo, kept), digesting]);

  const documents = new Map<string, string>();
  const bibliography = new Map<string, string>();
  for (const [id, [file, entry]] of Object.entries(yaml?.sources ?? {})) {
    documents.set(id, file);
    bibliography.set(id, entry);
  }
  const facts = new Map<string, FactStamp>();
  for (const [id, [factDigest, topics]] of Object.entries(yaml?.facts ?? {})) facts.set(id, { digest: factDigest, topics });

  const hashed = await Promise.all(
    [...templateFiles, ...[...documents.values()].map((file) => path.join(config.root, file))].map(async (file) => {
      try {
        // Only regular files are read: a named pipe named as a document would block here.
        if (!(await stat(file)).isFile()) return [rel(file), 'missing'] as const;
        return [rel(file), digest(await readFile(file))] as const;
      } catch {
        return [rel(file), 'missing'] as const;
      }
    }),
  );
  const briefsDir = rel(path.join(config.templates, 'briefs'));
  const briefIds = hashed
    .map(([file]) => file)
    .filter((file) => file.startsWith(`${briefsDir}/`) && file.endsWith('.md.hbs') && !file.slice(briefsDir.length + 1).includes('/'))
    .map((file) => path.basename(file, '.md.hbs'))
    .sort();

  const files = new Map(hashed);
  const checked = new Map<string, string>();
  if (yaml) {
    checked.set(rel(path.join(config.sources, 'sources.yaml')), yaml.sourcesDigest);
    checked.set(rel(config.factsPath), yaml.factsDigest);
    for (const file of documents.values()) checked.set(file, files.get(file) ?? 'missing');
  }

  return {
    files,
    checked,
    documents,
    bibliography,
    facts,
    readable: yaml !== undefined,
    tool,
    briefIds,
    ...(yaml ? { yaml } : {}),
  };
}

/** The browser's identity without starting it: its path, size and modification time. */
export async function browserStamp(executablePath: string | undefined): Promise<string> {
  if (!executablePath) return 'none';
  try {
    const info = await stat(executablePath);
    return `${executablePath}:${info.size}:${Math.round(info.mtimeMs)}`;
  } catch {
    return `${executablePath}:missing`;
  }
}
