import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse } from 'yaml';
import { z } from 'zod';

/** The folder of the built-in locale files (`<lang>.yaml`). */
export const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'defaults', 'locales');

const localeFileSchema = z.strictObject({
  /** The Intl locale dates, numbers and lists are formatted in (`en-GB` for English dates as `27 June 2011`). */
  intl: z.string().min(2),
  /** The CSL locale of the notes and the Sources list (`en-US`, `sq-AL`). */
  csl: z.string().min(2),
  messages: z.record(z.string(), z.string()),
});

/** Values a message takes. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** The interface language: its messages, and Intl formatting in it. */
export interface Locale {
  /** The language tag the collection asked for (`sq`). */
  readonly lang: string;
  /** The locale file used (`sq`, or `en` when none is shipped for the language). */
  readonly file: string;
  readonly intl: string;
  readonly csl: string;
  /** A message, formatted (English when the language lacks it; the key itself if English does too). */
  readonly t: (key: string, values?: MessageValues) => string;
  /** The message keys there are (English's, which every locale falls back to). */
  readonly keys: readonly string[];
  /** `2011-06-27` → `27 June 2011` (`27 qershor 2011`); `2011-06` → `June 2011`; `2011` → `2011`. */
  readonly date: (iso: string) => string;
  /** `2022, 2023 and 2024` (`2022, 2023 dhe 2024`). */
  readonly list: (items: readonly string[], type?: 'conjunction' | 'disjunction') => string;
  readonly number: (value: number) => string;
}

function readLocaleFile(dir: string, name: string): z.output<typeof localeFileSchema> | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, `${name}.yaml`), 'utf8');
  } catch {
    return undefined;
  }
  return localeFileSchema.parse(parse(text));
}

/** `sr-Latn-RS` → `sr-Latn-RS`, `sr-Latn`, `sr`. */
function fallbacks(lang: string): string[] {
  const parts = lang.split('-');
  return parts.map((_, index) => parts.slice(0, parts.length - index).join('-'));
}

/**
 * The locale for a language: the built-in file of the language or of its nearest parent
 * (`sr-Latn-RS` → `sr-Latn` → `sr`), else English; messages missing from it come from English.
 * `dirs` are looked in first (a collection's own `templates/locales/`).
 */
export function loadLocale(lang: string, dirs: readonly string[] = []): Locale {
  const folders = [...dirs, localesDir];
  // Each file read and parsed once (English is looked for three times: itself, as a fallback, as the choice).
  const found = new Map<string, ReturnType<typeof readLocaleFile>>();
  const find = (name: string) => {
    if (found.has(name)) return found.get(name);
    let file: ReturnType<typeof readLocaleFile>;
    for (const dir of folders) {
      file = readLocaleFile(dir, name);
      if (file) break;
    }
    found.set(name, file);
    return file;
  };
  const english = find('en');
  if (!english) throw new Error(`The English locale file is missing from ${localesDir}.`);
  const name = fallbacks(lang).find((candidate) => find(candidate) !== undefined) ?? 'en';
  const chosen = find(name)!;
  const messages = { ...english.messages, ...chosen.messages };
  const intl = chosen.intl;
  const compiled = new Map<string, IntlMessageFormat>();
  const t = (key: string, values?: MessageValues) => {
    const source = messages[key];
    if (source === undefined) return key;
    // A message with no argument, tag or quote is its own text (no formatter to make).
    if (!/[{}<']/.test(source)) return source;
    let format = compiled.get(key);
    if (!format) {
      format = new IntlMessageFormat(source, intl);
      compiled.set(key, format);
    }
    return String(format.format(values as Record<string, string | number> | undefined));
  };
  // The formatters are made on first use: making one loads the language's data, which a
  // command that formats nothing (a no-op build) need not wait for.
  const once = <T>(make: () => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const dayFormat = once(() => new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
  const monthFormat = once(() => new Intl.DateTimeFormat(intl, { month: 'long', year: 'numeric', timeZone: 'UTC' }));
  const date = (iso: string) => {
    const [year, month, day] = iso.split('-').map(Number);
    if (!year) return iso;
    if (!month) return String(year);
    const when = new Date(Date.UTC(year, month - 1, day || 1));
    return day ? dayFormat().format(when) : monthFormat().format(when);
  };
  const lists = {
    conjunction: once(() => new Intl.ListFormat(intl, { type: 'conjunction' })),
    disjunction: once(() => new Intl.ListFormat(intl, { type: 'disjunction' })),
  };
  const numbers = once(() => new Intl.NumberFormat(intl));
  return {
    lang,
    file: name,
    intl,
    csl: chosen.csl,
    t,
    keys: Object.keys(messages),
    date,
    list: (items, type = 'conjunction') => lists[type]().format([...items]),
    number: (value) => numbers().format(value),
  };
}

let english: Locale | undefined;

/**
 * The built-in English locale, loaded once: the default of functions that take a locale, for
 * callers with no collection (tests, the command line's own messages). The pipeline passes
 * `config.language`.
 */
export function englishLocale(): Locale {
  english ??= loadLocale('en');
  return english;
}
