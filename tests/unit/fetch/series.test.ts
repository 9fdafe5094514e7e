import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceRecords, type FetchRecord } from '../../../src/fetch/archive.js';
import { knownYears, probeYear, seriesOf, yearsToProbe, type Series } from '../../../src/fetch/series.js';
import { sourceEntrySchema } from '../../../src/ingest/bibliography.js';
import type { SourceEntry } from '../../../src/ingest/index.js';
import { reply, startHttpServer, type TestServer } from '../../helpers/http-server.js';

const pattern = 'https://www.state.gov/reports/{year}-trafficking-in-persons-report/kosovo/';
const yearly = (year: number) => pattern.replace('{year}', String(year));

/** An entry as sources.yaml gives it, read through the schema (so `fetch` is what the tool sees). */
const entryOf = (fields: Record<string, unknown>): SourceEntry => sourceEntrySchema.parse({ file: 'documents/x.pdf', type: 'report', title: 'X', ...fields });

const record = (fields: Partial<FetchRecord>): FetchRecord => ({
  source: 'x',
  url: 'https://example.org/x',
  fetched: '2026-01-01T00:00:00.000Z',
  status: 200,
  digest: 'd'.repeat(64),
  bytes: 1,
  file: 'archive/x/2026-01-01-dddddddddddd.pdf',
  format: 'pdf',
  ...fields,
});

describe('seriesOf', () => {
  it('should give no series for an entry that declares none', () => {
    expect(seriesOf(entryOf({ id: 'tip-2024' }))).toBeUndefined();
    expect(seriesOf(entryOf({ id: 'tip-2024', fetch: true }))).toBeUndefined();
  });

  it("should name a new year's document after the entry's id with its year replaced", () => {
    const series = seriesOf(entryOf({ id: 'tip-2024-kosovo', fetch: { series: { url: pattern } } }));
    expect(series).toEqual({ of: 'tip-2024-kosovo', url: pattern, id: 'tip-{year}-kosovo' });
  });

  it('should name it <id>-{year} when the id has no year', () => {
    expect(seriesOf(entryOf({ id: 'tip-kosovo', fetch: { series: { url: pattern } } }))?.id).toBe('tip-kosovo-{year}');
  });

  it('should take the id and the first year the series declares', () => {
    const series = seriesOf(entryOf({ id: 'tip-2024', fetch: { series: { url: pattern, id: 'tip-report-{year}', from: 2020 } } }));
    expect(series).toEqual({ of: 'tip-2024', url: pattern, id: 'tip-report-{year}', from: 2020 });
  });
});

describe('knownYears', () => {
  const series: Series = { of: 'tip-2022', url: pattern, id: 'tip-{year}' };

  it("should know the declaring entry's year, the years of entries at the series' addresses, and years archived before", () => {
    const entries = [
      entryOf({ id: 'tip-2022', fetch: { series: { url: pattern } } }),
      entryOf({ id: 'tip-narrative-a', URL: yearly(2023) }),
      entryOf({ id: 'tip-narrative-b', fetch: { url: yearly(2019) } }),
      // Another country's page, and another site: not of the series.
      entryOf({ id: 'tip-serbia', URL: 'https://www.state.gov/reports/2025-trafficking-in-persons-report/serbia/' }),
      entryOf({ id: 'news-2021', URL: 'https://example.org/2021/kosovo/' }),
    ];
    const records = [
      record({ source: 'tip-2024', series: { of: 'tip-2022', url: pattern, year: 2024 } }),
      record({ source: 'osce-2025', series: { of: 'osce', url: 'https://www.osce.org/{year}/report', year: 2025 } }),
      record({ source: 'tip-2026' }),
    ];
    expect([...knownYears(series, entries, records)].sort()).toEqual([2019, 2022, 2023, 2024]);
  });

  it("should take the declaring entry's `issued` year when its id has none", () => {
    const entries = [entryOf({ id: 'tip-kosovo', issued: '2021-06-24', fetch: { series: { url: pattern } } })];
    expect([...knownYears({ ...series, of: 'tip-kosovo' }, entries, [])]).toEqual([2021]);
  });

  it('should know no year when nothing of the series is there', () => {
    expect(knownYears({ ...series, of: 'tip-kosovo' }, [entryOf({ id: 'tip-kosovo', fetch: { series: { url: pattern } } })], []).size).toBe(0);
  });
});

describe('yearsToProbe', () => {
  const series: Series = { of: 'tip-2022', url: pattern, id: 'tip-{year}' };
  const now = new Date('2026-03-15T12:00:00Z');

  it('should look for the years after the newest known, up to this year', () => {
    expect(yearsToProbe(series, new Set([2019, 2022]), now)).toEqual([2023, 2024, 2025, 2026]);
  });

  it("should look for nothing when this year's document is known", () => {
    expect(yearsToProbe(series, new Set([2026]), now)).toEqual([]);
  });

  it('should start at `from` when no year is known, else look for this year only', () => {
    expect(yearsToProbe({ ...series, from: 2024 }, new Set(), now)).toEqual([2024, 2025, 2026]);
    expect(yearsToProbe(series, new Set(), now)).toEqual([2026]);
  });

  it('should look for at most 30 years in one run', () => {
    const years = yearsToProbe({ ...series, from: 1950 }, new Set(), now);
    expect(years).toHaveLength(30);
    expect(years[0]).toBe(1950);
    expect(years[29]).toBe(1979);
  });
});

describe('probeYear', () => {
  let server: TestServer;
  let sourcesDir: string;
  const fetched = new Date('2026-07-01T09:30:00Z');
  const context = () => ({ sourcesDir, now: () => fetched, request: { timeoutMs: 60_000, maxBytes: 1024 * 1024, userAgent: 'briefs-test/1.0', backoffMs: 10 } });
  const html = '<!doctype html><html><head><title>2026 TIP Report: Kosovo</title></head><body><p>Kosovo is a source and destination country.</p></body></html>';

  beforeEach(async () => {
    server = await startHttpServer();
    sourcesDir = await mkdtemp(path.join(os.tmpdir(), 'briefs-series-'));
  });

  afterEach(async () => {
    await server.close();
    await rm(sourcesDir, { recursive: true, force: true });
  });

  const seriesHere = (): Series => ({ of: 'tip-2025', url: `${server.origin}/reports/{year}/kosovo/`, id: 'tip-{year}' });

  it('should archive a document found for the year under its id, and report it as new', async () => {
    server.route('/reports/2026/kosovo/', reply(200, html, { 'content-type': 'text/html; charset=utf-8', etag: '"t26"' }));
    const { found, failure } = await probeYear(seriesHere(), 2026, context());
    expect(failure).toBeUndefined();
    expect(found).toEqual({
      id: 'tip-2026',
      of: 'tip-2025',
      year: 2026,
      url: server.url('/reports/2026/kosovo/'),
      file: expect.stringMatching(/^archive\/tip-2026\/2026-07-01-[0-9a-f]{12}\.html$/),
      fetched: '2026-07-01T09:30:00.000Z',
      found: true,
    });
    expect(await readFile(path.join(sourcesDir, found!.file), 'utf8')).toBe(html);
    const [kept, ...more] = await sourceRecords(sourcesDir, 'tip-2026');
    expect(more).toHaveLength(0);
    expect(kept).toMatchObject({ source: 'tip-2026', url: server.url('/reports/2026/kosovo/'), status: 200, etag: '"t26"', format: 'html', series: { of: 'tip-2025', url: seriesHere().url, year: 2026 } });
    expect(server.requests.map((request) => request.url)).toEqual(['/reports/2026/kosovo/']);
  });

  it('should record where a redirect ended', async () => {
    server.route('/reports/2026/kosovo/', reply(302, undefined, { location: '/final/kosovo.html' }));
    server.route('/final/kosovo.html', reply(200, html, { 'content-type': 'text/html' }));
    const { found } = await probeYear(seriesHere(), 2026, context());
    const [kept] = await sourceRecords(sourcesDir, 'tip-2026');
    expect(found?.url).toBe(server.url('/reports/2026/kosovo/'));
    expect(kept?.finalUrl).toBe(server.url('/final/kosovo.html'));
  });

  it.each([404, 410])('should take a %i as "not yet": nothing found, no failure, nothing archived', async (status) => {
    server.route('/reports/2026/kosovo/', reply(status, 'Not Found'));
    expect(await probeYear(seriesHere(), 2026, context())).toEqual({});
    expect(await readdir(sourcesDir)).toEqual([]);
  });

  it('should report a server error as a failure of that year, archiving nothing', async () => {
    server.route('/reports/2026/kosovo/', reply(500, 'oops'));
    const { found, failure } = await probeYear(seriesHere(), 2026, context());
    expect(found).toBeUndefined();
    expect(failure).toMatchObject({ of: 'tip-2025', year: 2026, url: server.url('/reports/2026/kosovo/') });
    expect(failure?.reason).toContain('HTTP 500');
    expect(await readdir(sourcesDir)).toEqual([]);
  });

  it('should report an answer no reader takes (an image) as a failure of that year, not stop the run', async () => {
    server.route('/reports/2026/kosovo/', reply(200, Buffer.from('\x89PNG\r\n\x1a\n placeholder', 'latin1'), { 'content-type': 'image/png' }));
    const result = await probeYear(seriesHere(), 2026, context());
    expect(result.found).toBeUndefined();
    expect(result.failure).toMatchObject({ of: 'tip-2025', year: 2026 });
    expect(await readdir(sourcesDir)).toEqual([]);
  });

  it('should find nothing in an empty answer', async () => {
    server.route('/reports/2026/kosovo/', reply(200, ''));
    expect(await probeYear(seriesHere(), 2026, context())).toEqual({});
    expect(await readdir(sourcesDir)).toEqual([]);
  });
});
