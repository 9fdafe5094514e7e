import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archivedDate } from '../../../src/fetch/archive-name.js';
import { allRecords, archiveVersion, formatOfFetched, sourceRecords, type FetchFacts } from '../../../src/fetch/archive.js';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const html = bytesOf('<!doctype html><html><body><p>Kosovo remained a source country.</p></body></html>');
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(64, 0x20), Buffer.from('%%EOF\n', 'latin1')]);

const facts = (more: Partial<FetchFacts> = {}): FetchFacts => ({
  source: 'osce-2025',
  url: 'https://www.osce.org/kosovo/report',
  fetched: '2026-12-02T10:15:00.000Z',
  status: 200,
  etag: '"v1"',
  contentType: 'text/html; charset=utf-8',
  ...more,
});

describe('archiveVersion', () => {
  let sourcesDir: string;

  beforeEach(async () => {
    sourcesDir = await mkdtemp(path.join(os.tmpdir(), 'briefs-archive-'));
  });

  afterEach(async () => {
    await rm(sourcesDir, { recursive: true, force: true });
  });

  const listing = (id: string) => readdir(path.join(sourcesDir, 'archive', id)).then((names) => names.sort());

  it('should keep the bytes under archive/<id>/<date>-<sha256 prefix>.<ext>, with their record beside them', async () => {
    const { record, added } = await archiveVersion(sourcesDir, html, facts());
    const base = `2026-12-02-${sha(html).slice(0, 12)}`;
    expect(added).toBe(true);
    expect(record).toEqual({ ...facts(), digest: sha(html), bytes: html.byteLength, format: 'html', file: `archive/osce-2025/${base}.html` });
    expect(await listing('osce-2025')).toEqual([`${base}.html`, `${base}.json`]);
    expect(Buffer.compare(await readFile(path.join(sourcesDir, record.file)), html)).toBe(0);
    expect(JSON.parse(await readFile(path.join(sourcesDir, 'archive', 'osce-2025', `${base}.json`), 'utf8'))).toEqual(record);
  });

  it('should name the file after the format of the bytes, not what the server called them', async () => {
    const { record } = await archiveVersion(sourcesDir, pdf, facts({ contentType: 'text/html' }));
    expect(record.format).toBe('pdf');
    expect(record.file).toMatch(/\.pdf$/);
    const text = await archiveVersion(sourcesDir, bytesOf('Plain words.\n'), facts({ contentType: 'text/markdown' }));
    expect(text.record).toMatchObject({ format: 'markdown', file: expect.stringMatching(/\.md$/) });
  });

  it('should keep the same bytes once: the second time gives the first record, added false, and no new file', async () => {
    const first = await archiveVersion(sourcesDir, html, facts());
    const before = await listing('osce-2025');
    const second = await archiveVersion(sourcesDir, Buffer.from(html), facts({ fetched: '2026-12-09T08:00:00.000Z', etag: '"v2"' }));
    expect(second).toEqual({ record: first.record, added: false });
    expect(await listing('osce-2025')).toEqual(before);
  });

  it('should keep the same bytes again for another source: the archive is per source', async () => {
    await archiveVersion(sourcesDir, html, facts());
    const other = await archiveVersion(sourcesDir, html, facts({ source: 'osce-2025-summary' }));
    expect(other.added).toBe(true);
    expect(other.record.file.startsWith('archive/osce-2025-summary/')).toBe(true);
  });

  it('should keep every different version, and list the records oldest first', async () => {
    const v2 = bytesOf('<!doctype html><html><body><p>Kosovo remained a destination country.</p></body></html>');
    const later = await archiveVersion(sourcesDir, v2, facts({ fetched: '2026-12-09T08:00:00.000Z' }));
    const earlier = await archiveVersion(sourcesDir, html, facts({ fetched: '2026-11-30T08:00:00.000Z' }));
    expect(later.added && earlier.added).toBe(true);
    expect((await listing('osce-2025')).filter((name) => name.endsWith('.html'))).toHaveLength(2);
    expect(await sourceRecords(sourcesDir, 'osce-2025')).toEqual([earlier.record, later.record]);
  });

  it('should skip a record it cannot read, and find none for a source never archived', async () => {
    const { record } = await archiveVersion(sourcesDir, html, facts());
    await writeFile(path.join(sourcesDir, 'archive', 'osce-2025', '2026-01-01-000000000000.json'), '{ not json');
    await writeFile(path.join(sourcesDir, 'archive', 'osce-2025', '2026-01-02-000000000000.json'), JSON.stringify({ source: 'osce-2025' }));
    expect(await sourceRecords(sourcesDir, 'osce-2025')).toEqual([record]);
    expect(await sourceRecords(sourcesDir, 'never-fetched')).toEqual([]);
  });

  it('should list the records of every source', async () => {
    const a = await archiveVersion(sourcesDir, html, facts());
    const b = await archiveVersion(sourcesDir, pdf, facts({ source: 'tip-2027', series: { of: 'tip-2026', url: 'https://example.org/{year}.pdf', year: 2027 } }));
    const all = await allRecords(sourcesDir);
    expect(all).toHaveLength(2);
    expect(all).toEqual(expect.arrayContaining([a.record, b.record]));
    expect(b.record.series).toEqual({ of: 'tip-2026', url: 'https://example.org/{year}.pdf', year: 2027 });
  });

  it('should list no records when there is no archive yet', async () => {
    expect(await allRecords(sourcesDir)).toEqual([]);
    await mkdir(path.join(sourcesDir, 'archive'));
    expect(await allRecords(sourcesDir)).toEqual([]);
  });
});

describe('formatOfFetched', () => {
  it('should tell the format by the content', () => {
    expect(formatOfFetched(pdf, 'text/html')).toBe('pdf');
    expect(formatOfFetched(html, 'text/plain')).toBe('html');
    expect(formatOfFetched(bytesOf('Just some words.\n'), undefined)).toBe('text');
  });

  it('should take plain text served as Markdown for Markdown', () => {
    expect(formatOfFetched(bytesOf('# Report\n\nWords.\n'), 'text/markdown; charset=utf-8')).toBe('markdown');
    expect(formatOfFetched(bytesOf('# Report\n\nWords.\n'), 'text/x-markdown')).toBe('markdown');
    expect(formatOfFetched(bytesOf('# Report\n\nWords.\n'), 'text/plain')).toBe('text');
    // An HTML page stays HTML whatever the server says.
    expect(formatOfFetched(html, 'text/markdown')).toBe('html');
  });
});

describe('archivedDate', () => {
  it('should read the source id and fetch date of an archived file', () => {
    expect(archivedDate('archive/tip-2024/2026-12-02-0123456789ab.pdf')).toEqual({ id: 'tip-2024', date: '2026-12-02' });
    expect(archivedDate('sources/archive/x/2026-12-02-0123456789ab.txt')).toEqual({ id: 'x', date: '2026-12-02' });
  });

  it.each([
    'sources/documents/x.txt',
    'sources/archive/x/2026-12-02.txt',
    'sources/archive/x/2026-12-02-0123456789a.txt',
    'sources/archive/x/2026-12-02-0123456789abcd.txt',
    'sources/archive/X/2026-12-02-0123456789ab.txt',
    'sources/archive/x/sub/2026-12-02-0123456789ab.txt',
    'sources/myarchive/x/2026-12-02-0123456789ab.txt',
    'sources/archive/x/2026-12-02-0123456789ab.json.bak',
  ])('should not take %s for an archived version', (file) => {
    expect(archivedDate(file)).toBeUndefined();
  });
});
