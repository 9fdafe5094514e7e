import ms from 'ms';
import { z } from 'zod';

/** The formats a fetched version may be required to have (the archive's file extension follows it). */
export const fetchFormats = ['text', 'markdown', 'html', 'pdf'] as const;

const webAddress = z.url({ protocol: /^https?$/, error: 'write a web address starting with http:// or https://' });

/** `7d`, `1w`, `12h`, `30 days`: how long a fetched source is left alone (the `ms` package reads it). */
const duration = z
  .string()
  .trim()
  .refine((text) => {
    const value = ms(text as ms.StringValue);
    return typeof value === 'number' && Number.isFinite(value) && value > 0;
  }, 'write a duration such as 1d, 7d, 2w or 12h')
  .transform((text) => ({ text, ms: ms(text as ms.StringValue) }));

/**
 * A yearly series the source belongs to, such as the TIP report's country narrative: `url`
 * with `{year}` where the year goes; `id` the id a new year's document is archived under
 * (default: this entry's id with its year replaced, or `<id>-<year>`).
 */
const seriesSchema = z.strictObject({
  url: z
    .string()
    .includes('{year}', { error: 'put {year} where the year goes in the address' })
    .refine((text) => webAddress.safeParse(text.replaceAll('{year}', '2000')).success, 'write a web address starting with http:// or https://'),
  id: z.string().includes('{year}', { error: 'put {year} where the year goes in the id' }).regex(/^[a-z0-9{}][a-z0-9{}-]*$/, 'use lower-case letters, digits, hyphens and {year}').optional(),
  /** The first year to look for when the collection holds no document of the series. */
  from: z.number().int().min(1900).max(2200).optional(),
});

/**
 * How `briefs fetch` watches a source's live copy: `fetch: true` (its `URL`, any format, every
 * run, pins moved only with `--accept`), or the settings (every one optional):
 * - `url`: where the live copy is (default: the entry's `URL`);
 * - `format`: the format a version must have (`pdf` refuses an HTML error page);
 * - `api: mediawiki`: fetch the latest revision through the MediaWiki API (found by itself for
 *   wikipedia.org addresses);
 * - `every`: check no more often than this (`7d`);
 * - `accept: auto`: move the pin whenever every quote still verifies, without `--accept`;
 * - `max-bytes`: refuse a larger body (default: the limits of `briefs check`);
 * - `series`: a yearly series whose new documents to report.
 */
export const fetchSchema = z.preprocess(
  // `fetch: true` is every setting at its default; anything else is checked field by field.
  (value) => (value === true ? {} : value),
  z.strictObject(
    {
      url: webAddress.optional(),
      format: z.enum(fetchFormats).optional(),
      api: z.enum(['mediawiki']).optional(),
      every: duration.optional(),
      accept: z.enum(['auto', 'manual']).optional(),
      'max-bytes': z.number().int().positive().optional(),
      series: seriesSchema.optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'write `fetch: true`, or `fetch:` with url, format, api, every, accept, max-bytes or series' : undefined) },
  ),
);

/** A `fetch:` value as sources.yaml gives it. */
export type FetchEntry = z.output<typeof fetchSchema>;
