import path from 'node:path';
import { z } from 'zod';
import { UsageError } from './errors.js';
import { loadCollection } from '../collection/load-collection.js';
import { loadLocale } from '../locale/index.js';
import { checkOutputApart } from './folders.js';
import { configSchema, type Config, type ConfigInput } from './schema.js';

export { UsageError };

/** `SOURCE_DATE_EPOCH` (seconds) as a date, if set. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be a number of seconds, not ${JSON.stringify(epoch)}.`);
  const date = new Date(Number(epoch) * 1000);
  // A date a brief can carry: 1970 to 9999 (JavaScript's own limit is far beyond any edition).
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) {
    throw new UsageError(`SOURCE_DATE_EPOCH must be seconds since 1970 up to the year 9999, not ${JSON.stringify(epoch)}.`);
  }
  return date;
}

/** The edition date: `SOURCE_DATE_EPOCH` (seconds) when set, else today, as YYYY-MM-DD in UTC. */
export function editionDate(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  return (sourceDateEpoch(env) ?? now).toISOString().slice(0, 10);
}

/**
 * Validate options once, resolve paths against `root`, fill defaults and freeze. An output
 * folder inside the sources or templates folder (or holding one of them) is a UsageError.
 */
export function resolveConfig(input: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) throw new UsageError(z.prettifyError(result.error));
  const given = result.data;
  const root = path.resolve(given.root);
  // briefs.yaml fills what the caller left out; the caller (the command line) wins.
  const { entry, collection } = loadCollection(root);
  const options = {
    ...given,
    sources: given.sources ?? entry.sources ?? 'sources',
    templates: given.templates ?? entry.templates ?? 'templates',
    out: given.out ?? entry.out ?? 'output',
    paper: given.paper ?? entry.paper ?? 'a4',
    notes: given.notes ?? entry.notes ?? 'footnotes',
    evidence: given.evidence ?? entry.evidence ?? 'annex',
    booklet: given.booklet ?? entry.pack?.booklet ?? false,
    citationStyle: given.citationStyle ?? entry['citation-style'] ?? 'chicago-fullnote-bibliography',
    author: given.author ?? collection.author,
  };
  const sources = path.resolve(root, options.sources);
  const templates = path.resolve(root, options.templates);
  // A collection's own templates/locales/<lang>.yaml wins over the built-in one.
  const language = loadLocale(collection.lang, [path.join(templates, 'locales')]);
  const out = path.resolve(root, options.out);
  checkOutputApart({
    out: { given: options.out, at: out },
    sources: { given: options.sources, at: sources },
    templates: { given: options.templates, at: templates },
  });
  return Object.freeze({
    ...options,
    locale: given.locale ?? language.csl,
    collection,
    language,
    root,
    sources,
    templates,
    out,
    briefs: Object.freeze([...options.briefs]) as string[],
    formats: Object.freeze([...new Set(options.formats)]) as Array<'html' | 'pdf' | 'docx'>,
    edition: options.edition ?? editionDate(env),
    editionPinned: options.edition !== undefined || sourceDateEpoch(env) !== undefined,
    pinnedDate: sourceDateEpoch(env) ?? (options.edition ? new Date(`${options.edition}T00:00:00Z`) : undefined),
    factsPath: path.join(sources, 'facts.yaml'),
  });
}
