import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import { UsageError } from './errors.js';
import type { Config, ConfigInput } from './schema.js';

const q = (value: string): string => JSON.stringify(value);

/** The folders a build reads, each with its flag and what it must hold. */
const inputFolders = [
  { key: 'sources', flag: '--sources', holds: 'sources.yaml, facts.yaml and documents/' },
  { key: 'templates', flag: '--templates', holds: 'briefs/ (and whatever overrides the built-in partials/, layouts/, styles/ and csl/)' },
] as const;

/** Whether `inner` is `outer` or lies inside it (both absolute). */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** The folders as the user named them (the option values, or the defaults), and where they are. */
export interface NamedFolders {
  readonly out: { readonly given: string; readonly at: string };
  readonly sources: { readonly given: string; readonly at: string };
  readonly templates: { readonly given: string; readonly at: string };
}

/**
 * Refuse an output folder inside a folder the build reads, or one that holds it: the build would
 * write among its own inputs (the source viewer writes `sources/<id>.html`), and `--watch`
 * would see its own writes and rebuild in a loop. Throws a UsageError naming both folders.
 */
export function checkOutputApart(folders: NamedFolders): void {
  for (const { key, flag } of inputFolders) {
    const input = folders[key];
    const { out } = folders;
    if (isWithin(out.at, input.at)) {
      throw new UsageError(
        `The output folder ${q(out.given)} (--out) is inside the ${key} folder ${q(input.given)} (${flag}): the build would write its files among the files it reads, and --watch would rebuild itself in a loop. Choose an output folder outside ${q(input.given)}.`,
      );
    }
    if (isWithin(input.at, out.at)) {
      throw new UsageError(
        `The ${key} folder ${q(input.given)} (${flag}) is inside the output folder ${q(out.given)} (--out): the build would write its files among the files it reads, and --watch would rebuild itself in a loop. Choose an output folder that does not hold ${q(input.given)}.`,
      );
    }
  }
}

/** Largest edit distance still taken for a typo of a name this long. */
const typoDistance = (name: string) => Math.min(2, Math.max(1, Math.floor(name.length / 3)));

/** The folder next to `dir` whose name is a near miss of its own (a typo), if there is one. */
export async function nearMiss(dir: string): Promise<string | undefined> {
  const name = path.basename(dir);
  const entries = await readdir(path.dirname(dir), { withFileTypes: true }).catch(() => []);
  const candidates = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== name).map((entry) => entry.name);
  if (candidates.length === 0) return undefined;
  const lower = name.toLowerCase();
  const best = closest(lower, candidates.map((candidate) => candidate.toLowerCase()));
  if (distance(lower, best) > typoDistance(name)) return undefined;
  return candidates.find((candidate) => candidate.toLowerCase() === best);
}

/** `given` with its last part replaced by `name`, as the user would type it. */
const beside = (given: string, name: string) => {
  const parent = path.dirname(given.replace(/[\\/]+$/, ''));
  return parent === '.' ? name : path.join(parent, name);
};

/** The real path of `file`, or of its nearest existing folder with the rest appended. */
async function realOrResolved(file: string): Promise<string> {
  const missing: string[] = [];
  let at = file;
  for (;;) {
    try {
      return path.join(await realpath(at), ...missing.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return file;
      missing.push(path.basename(at));
      at = parent;
    }
  }
}

/**
 * Check the folders named on the command line before anything runs: a `--sources` or
 * `--templates` that does not exist (or is a file) is a usage error naming it, with the folder
 * it was probably meant to be ("did you mean `templates`?"), and an output folder that is, through
 * a symbolic link, inside a folder the build reads is refused as `resolveConfig` refuses it by
 * name. Without this, a typo would build from no templates at all.
 */
export async function checkFolders(input: ConfigInput, config: Config): Promise<void> {
  for (const { key, flag, holds } of inputFolders) {
    const given = input[key];
    if (given === undefined) continue;
    const at = config[key];
    const kind = await stat(at).then((info) => (info.isDirectory() ? 'folder' : 'file'), () => 'missing' as const);
    if (kind === 'folder') continue;
    const problem = kind === 'file' ? `is a file, not a folder (${at})` : `does not exist: there is no ${at}`;
    const suggestion = await nearMiss(at);
    const help = suggestion ? `Did you mean \`${beside(given, suggestion)}\`?` : `Point ${flag} at the folder that holds ${holds}.`;
    throw new UsageError(`The ${key} folder ${q(given)} (${flag}) ${problem}. ${help}`);
  }
  const [out, sources, templates] = await Promise.all([config.out, config.sources, config.templates].map(realOrResolved));
  const named = (given: string | undefined, at: string) => given ?? (path.relative(config.root, at) || '.');
  checkOutputApart({
    out: { given: named(input.out, config.out), at: out! },
    sources: { given: named(input.sources, config.sources), at: sources! },
    templates: { given: named(input.templates, config.templates), at: templates! },
  });
}
