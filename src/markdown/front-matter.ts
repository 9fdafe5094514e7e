import { z } from 'zod';

/** The front matter of a brief template. */
export const frontMatterSchema = z.strictObject({
  /** The brief's title, on its first page, in the page header and the PDF metadata. */
  title: z.string().trim().min(1),
  /** A line under the title. */
  subtitle: z.string().trim().min(1).optional(),
  /** One or two sentences on what the brief covers (PDF subject, HTML description). */
  summary: z.string().trim().min(1).optional(),
  /** PDF and HTML keywords. */
  keywords: z.array(z.string().trim().min(1)).default([]),
  /**
   * Facts of the brief's topic it leaves out on purpose, each with the reason (`fact-id: why`):
   * every other fact that names the brief in `topics` must be printed in it.
   */
  omit: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use fact ids'), z.string().trim().min(1, 'say why the brief leaves the fact out')).default({}),
  /** Language tag of the brief; default `en`. */
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/).default('en'),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
