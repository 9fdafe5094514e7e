import type { SourceEntry } from '../ingest/index.js';
import { FormatError } from '../ingest/index.js';
import { readDocument } from '../ingest/read-document.js';
import { archiveVersion, extensionOf, formatOfFetched, type FetchRecord } from './archive.js';
import { httpGet, type GetOptions } from './http-get.js';
import type { NewDocument, SeriesFailure } from './types.js';

/** A yearly series declared by an entry's `fetch.series`. */
export interface Series {
  /** The declaring entry's id. */
  readonly of: string;
  /** The address with `{year}`. */
  readonly url: string;
  /** How a new year's document is named: `{year}` in it. */
  readonly id: string;
  readonly from?: number;
}

/** Most years looked for in one run (a series declared with an early `from`). */
const maxYears = 30;

const yearIn = (text: string) => {
  const found = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(text);
  return found ? Number(found[1]) : undefined;
};

/** The series an entry declares, with the id pattern filled in (its id with the year replaced, or `<id>-{year}`). */
export function seriesOf(entry: SourceEntry): Series | undefined {
  const series = entry.fetch?.series;
  if (!series) return undefined;
  const year = yearIn(entry.id);
  const id = series.id ?? (year !== undefined ? entry.id.replace(String(year), '{year}') : `${entry.id}-{year}`);
  return { of: entry.id, url: series.url, id, ...(series.from !== undefined ? { from: series.from } : {}) };
}

/** The year an address of the series is for, if it is one. */
function yearOfAddress(series: Series, address: string | undefined): number | undefined {
  if (!address) return undefined;
  const [before, after] = series.url.split('{year}') as [string, string];
  if (!address.startsWith(before) || !address.endsWith(after)) return undefined;
  const year = address.slice(before.length, address.length - after.length);
  return /^\d{4}$/.test(year) ? Number(year) : undefined;
}

/**
 * The years of a series the collection already has: entries whose address is one of the
 * series', the declaring entry's own year (in its id, or its `issued` date), and documents
 * archived for the series by earlier runs.
 */
export function knownYears(series: Series, entries: Iterable<SourceEntry>, records: readonly FetchRecord[]): Set<number> {
  const years = new Set<number>();
  for (const entry of entries) {
    const year = yearOfAddress(series, entry.fetch?.url) ?? yearOfAddress(series, entry.URL);
    if (year !== undefined) years.add(year);
    if (entry.id === series.of) {
      const own = yearIn(entry.id) ?? (entry.issued ? Number(entry.issued.slice(0, 4)) : undefined);
      if (own !== undefined) years.add(own);
    }
  }
  for (const record of records) if (record.series?.url === series.url) years.add(record.series.year);
  return years;
}

/** The years to look for: after the newest the collection has (or from `from`), up to this year. */
export function yearsToProbe(series: Series, known: ReadonlySet<number>, now: Date): number[] {
  const newest = known.size > 0 ? Math.max(...known, (series.from ?? 0) - 1) : (series.from ?? now.getUTCFullYear()) - 1;
  const years: number[] = [];
  for (let year = newest + 1; year <= now.getUTCFullYear() && years.length < maxYears; year++) years.push(year);
  return years;
}

/**
 * Look for one year's document of a series: a 404 or 410 is "not yet"; a document found is
 * archived under the series' id for that year, and reported as new, not yet curated.
 */
export async function probeYear(
  series: Series,
  year: number,
  context: { readonly sourcesDir: string; readonly now: () => Date; readonly request: Omit<GetOptions, 'validators'> },
): Promise<{ readonly found?: NewDocument; readonly failure?: SeriesFailure }> {
  const url = series.url.replaceAll('{year}', String(year));
  const got = await httpGet(url, context.request);
  if (got.kind === 'failed') return got.problem === 'gone' ? {} : { failure: { of: series.of, year, url, reason: got.reason } };
  if (got.kind === 'not-modified' || got.bytes.byteLength === 0) return {};
  // Only a document the readers can read is kept: not an error page, not an empty one.
  try {
    const content = await readDocument(`new.${extensionOf(formatOfFetched(got.bytes, got.contentType))}`, got.bytes);
    if (content.paragraphs.length === 0) return { failure: { of: series.of, year, url, reason: 'the page has no text' } };
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    return { failure: { of: series.of, year, url, reason: `the document cannot be read (${error.detail})` } };
  }
  const id = series.id.replaceAll('{year}', String(year));
  const fetched = context.now().toISOString();
  const { record } = await archiveVersion(context.sourcesDir, got.bytes, {
    source: id,
    url,
    ...(got.url !== url ? { finalUrl: got.url } : {}),
    fetched,
    status: got.status,
    ...got.validators,
    ...(got.contentType ? { contentType: got.contentType } : {}),
    series: { of: series.of, url: series.url, year },
  });
  return { found: { id, of: series.of, year, url, file: record.file, fetched: record.fetched, found: true } };
}
