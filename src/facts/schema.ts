import { z } from 'zod';

const kebab = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');

const isoDate = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value))
  .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'write dates as YYYY, YYYY-MM or YYYY-MM-DD'));

/** A citation of a fact: a verbatim passage of one source document. */
export const citationSchema = z.strictObject({
  /** The id of the document in sources.yaml. */
  source: kebab,
  /** The passage, verbatim; only white space, quote marks and dashes may differ. */
  quote: z.string().trim().min(8, 'quote at least a few words so the passage can be found'),
  /** Where in the document, e.g. `¶ 12`. Optional: the build finds the ¶ itself. */
  locator: z
    .string()
    .regex(/^¶\s*\d+$/, 'write the locator as "¶ 12" (or leave it out: the build finds it)')
    .optional(),
});

/** One fact of sources/facts.yaml. */
export const factSchema = z.strictObject({
  /** Unique kebab-case id, used by templates. */
  id: kebab,
  /** The briefs (template ids) the fact belongs to. */
  topics: z.array(kebab).min(1, 'name at least one brief'),
  /** Free labels templates select by, such as `penalty` or `figure`. */
  tags: z.array(kebab).default([]),
  /** The year the fact describes. */
  year: z.number().int().min(1900).max(2100).optional(),
  /** The exact date the fact belongs to, where a source gives one. */
  date: isoDate.optional(),
  /** The claim, in Markdown and neutral words. */
  statement: z.string().trim().min(1),
  /** One or more passages that support the statement. */
  citations: z.array(citationSchema).min(1, 'cite at least one passage'),
  /** A caveat shown with the fact: a conflict between sources, a garbled source … */
  note: z.string().trim().min(1).optional(),
});

/** The whole facts file: a list of facts. */
export const factsFileSchema = z.array(factSchema);

export type FactEntry = z.output<typeof factSchema>;
