import { z } from 'zod';
// Straight from its module: the yaml folder's index loads the YAML parser, which a no-op build never needs.
import { isoDateSchema } from '../yaml/iso-date.js';
import { fetchSchema } from './fetch-entry.js';

const isoDate = isoDateSchema;

const name = z.union([
  z.strictObject({ family: z.string().min(1), given: z.string().min(1).optional() }),
  z.strictObject({ literal: z.string().min(1) }),
]);

const cslTypes = [
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'book', 'chapter', 'dataset',
  'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'interview', 'legal_case', 'legislation',
  'manuscript', 'pamphlet', 'post', 'post-weblog', 'report', 'speech', 'webpage',
] as const;

// The flags a chrome pattern may take: `g` and `y` would make each test start where the one
// before stopped, and `m` has nothing to do on a single line.
const patternFlags = /^[isuv]*$/;

/** The reason a regular expression does not compile, without the engine's preamble. */
function regexProblem(pattern: string, flags: string | undefined): string | undefined {
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}

/**
 * One item of a source's `chrome:` list: a line of the document to set aside as page chrome,
 * written as the document has it, or `{ pattern: …, flags: i }` for a regular expression.
 * Either must match a whole line (a whole block in HTML, Markdown and PDF documents) once white
 * space is trimmed and each run of it is one space.
 */
const chromeEntrySchema = z.union(
  [
    z.string().trim().min(1, 'write the line to set aside as the document has it'),
    z
      .strictObject({
        pattern: z.string().min(1, 'write a regular expression'),
        flags: z.string().regex(patternFlags, 'the flags may be i, s, u and v').optional(),
      })
      .superRefine((entry, context) => {
        const problem = regexProblem(entry.pattern, entry.flags);
        if (problem) context.addIssue({ code: 'custom', path: ['pattern'], message: `not a valid regular expression (${problem})` });
      }),
  ],
  { error: 'write a line of the document as text, or `{ pattern: … }` for a regular expression' },
);

/** One entry of sources/sources.yaml: an id, a document file, and CSL-JSON metadata. */
export const sourceEntrySchema = z.strictObject({
  /** Stable id that facts cite, e.g. `tip-2011`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'),
  /** The document, relative to the sources folder. */
  file: z.string().min(1),
  /** CSL item type. */
  type: z.enum(cslTypes),
  title: z.string().min(1),
  /**
   * Not CSL: the short name briefs use for the source in running text and tables, such as
   * `2011 TIP report`. Optional; the title is used without it. citeproc-js ignores it.
   */
  label: z.string().trim().min(1).optional(),
  /**
   * Not CSL: what kind of source it is, as "About the evidence" counts them (`primary report`,
   * `news summary`, `encyclopedia article`, `campaign page` …). Optional; the CSL type gives one.
   */
  kind: z.string().trim().min(1).optional(),
  /**
   * Not CSL: lines of the document that are page chrome the built-in rules miss (a site's own
   * header, a navigation line), set aside so no fact quotes them and ¶ numbers skip them.
   */
  chrome: z.array(chromeEntrySchema).min(1, 'list at least one line or pattern, or leave `chrome` out').optional(),
  /**
   * Not CSL: where the live copy is and how `briefs fetch` watches it: `true` (fetch `URL`) or
   * `{ url, format, api, every, accept, max-bytes, series }` (see fetch-entry.ts).
   */
  fetch: fetchSchema.optional(),
  /** CSL: the version read, e.g. a Wikipedia revision id. */
  version: z.union([z.string().min(1), z.number().int()]).transform(String).optional(),
  /** CSL: a short form of the title, used in later notes of the same source. */
  'title-short': z.string().min(1).optional(),
  author: z.array(name).optional(),
  editor: z.array(name).optional(),
  publisher: z.string().optional(),
  'publisher-place': z.string().optional(),
  'container-title': z.string().optional(),
  archive: z.string().optional(),
  genre: z.string().optional(),
  language: z.string().optional(),
  issued: isoDate.optional(),
  accessed: isoDate.optional(),
  // Only web addresses: a `javascript:` or `file:` URL would become a link in every note.
  URL: z.url({ protocol: /^https?$/, error: 'write a web address starting with http:// or https://' }).optional(),
  DOI: z.string().optional(),
});

/** The whole bibliography file. */
export const bibliographySchema = z.array(sourceEntrySchema).min(1, 'list at least one source');

/** An entry as written in sources.yaml. */
export type SourceEntry = z.output<typeof sourceEntrySchema>;

/** One item of a source entry's `chrome:` list. */
export type SourceChrome = z.output<typeof chromeEntrySchema>;

/** A CSL date. */
export interface CslDate {
  readonly 'date-parts': readonly (readonly number[])[];
}

/** A CSL-JSON item, as citeproc-js takes it. */
export type CslItem = Readonly<Omit<SourceEntry, 'file' | 'chrome' | 'fetch' | 'issued' | 'accessed'>> & {
  readonly issued?: CslDate;
  readonly accessed?: CslDate;
};

function toCslDate(iso: string): CslDate {
  return { 'date-parts': [iso.split('-').map((part) => Number(part))] };
}

/** Turn an entry into a CSL-JSON item (dates as date-parts, no `file`, `chrome` or `fetch`). */
export function toCslItem(entry: SourceEntry): CslItem {
  const { file: _file, chrome: _chrome, fetch: _fetch, issued, accessed, ...rest } = entry;
  return {
    ...rest,
    ...(issued ? { issued: toCslDate(issued) } : {}),
    ...(accessed ? { accessed: toCslDate(accessed) } : {}),
  };
}
