import { z } from 'zod';

const isoDate = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value))
  .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'write dates as YYYY, YYYY-MM or YYYY-MM-DD'));

const name = z.union([
  z.strictObject({ family: z.string().min(1), given: z.string().min(1).optional() }),
  z.strictObject({ literal: z.string().min(1) }),
]);

const cslTypes = [
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'book', 'chapter', 'dataset',
  'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'interview', 'legal_case', 'legislation',
  'manuscript', 'pamphlet', 'post', 'post-weblog', 'report', 'speech', 'webpage',
] as const;

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
  URL: z.url().optional(),
  DOI: z.string().optional(),
});

/** The whole bibliography file. */
export const bibliographySchema = z.array(sourceEntrySchema).min(1, 'list at least one source');

/** An entry as written in sources.yaml. */
export type SourceEntry = z.output<typeof sourceEntrySchema>;

/** A CSL date. */
export interface CslDate {
  readonly 'date-parts': readonly (readonly number[])[];
}

/** A CSL-JSON item, as citeproc-js takes it. */
export type CslItem = Readonly<Omit<SourceEntry, 'file' | 'issued' | 'accessed'>> & {
  readonly issued?: CslDate;
  readonly accessed?: CslDate;
};

function toCslDate(iso: string): CslDate {
  return { 'date-parts': [iso.split('-').map((part) => Number(part))] };
}

/** Turn an entry into a CSL-JSON item (dates as date-parts, no `file`). */
export function toCslItem(entry: SourceEntry): CslItem {
  const { file: _file, issued, accessed, ...rest } = entry;
  return {
    ...rest,
    ...(issued ? { issued: toCslDate(issued) } : {}),
    ...(accessed ? { accessed: toCslDate(accessed) } : {}),
  };
}
