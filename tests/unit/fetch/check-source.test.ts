import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuoteFinder, type Fact } from '../../../src/facts/index.js';
import { sourceRecords } from '../../../src/fetch/archive.js';
import { checkSource, type CheckContext, type WatchedSource } from '../../../src/fetch/check-source.js';
import type { SourceDrift } from '../../../src/fetch/types.js';
import { sourceEntrySchema } from '../../../src/ingest/bibliography.js';
import { readVersion, sha256, type SourceDoc, type SourceEntry } from '../../../src/ingest/index.js';
import { reply, startHttpServer, type TestServer } from '../../helpers/http-server.js';

const judges = 'The government trained 32 judges on victim identification in 2024.';
const shelters = 'Shelters for women remained underfunded across the country.';
const budget = 'The ministry published its budget for the first time.';
const page = (...paragraphs: string[]) => Buffer.from(`${paragraphs.join('\n\n')}\n`, 'utf8');

/** The pinned copy, and versions upstream: one with a paragraph added (every quote still there), one with a quote reworded. */
const v1 = page(judges, shelters);
const v2 = page(budget, judges, shelters);
const v3 = page(judges, 'Shelters for men remained underfunded across the country.');

const plain = { 'content-type': 'text/plain; charset=utf-8' };
const now = new Date('2026-12-02T10:00:00.000Z');

function fact(id: string, quote: string, line: number): Fact {
  return { id, citations: [{ source: 'a', quote, place: { line, column: 14 } }] } as unknown as Fact;
}

const facts = new Map<string, Fact>([
  ['judges-trained', fact('judges-trained', 'trained 32 judges on victim identification', 7)],
  ['shelters-underfunded', fact('shelters-underfunded', 'Shelters for women remained underfunded across the country', 15)],
  ['elsewhere', { id: 'elsewhere', citations: [{ source: 'b', quote: 'trained 32 judges on victim identification', place: { line: 22, column: 14 } }] } as unknown as Fact],
]);

describe('checkSource', () => {
  let server: TestServer;
  let sourcesDir: string;

  beforeEach(async () => {
    server = await startHttpServer();
    sourcesDir = await mkdtemp(path.join(os.tmpdir(), 'briefs-check-source-'));
    await mkdir(path.join(sourcesDir, 'documents'));
    await writeFile(path.join(sourcesDir, 'documents', 'a.txt'), v1);
  });

  afterEach(async () => {
    await server.close();
    await rm(sourcesDir, { recursive: true, force: true });
  });

  /** Source `a` as sources.yaml gives it, watched at /a on the test server. */
  const entryOf = (fetch: unknown = true, more: Record<string, unknown> = {}): SourceEntry =>
    sourceEntrySchema.parse({ id: 'a', file: 'documents/a.txt', type: 'webpage', title: 'A', URL: server.url('/a'), accessed: '2025-01-10', fetch, ...more });

  const watched = (entry: SourceEntry, previous?: SourceDrift): WatchedSource => ({ entry, line: 3, url: server.url('/a'), ...(previous ? { previous } : {}) });

  /** What checking shares, the pinned copy read as `briefs check` reads it. */
  async function contextOf(entry: SourceEntry, more: Partial<CheckContext> = {}): Promise<CheckContext> {
    const file = path.join(sourcesDir, entry.file);
    const { doc } = await readVersion(entry, file, await readFile(file));
    return {
      sourcesDir,
      find: createQuoteFinder(),
      facts,
      docs: new Map<string, SourceDoc>([['a', doc]]),
      accept: false,
      timeoutMs: 60_000,
      userAgent: 'briefs-test/1.0 (+https://example.org/briefs)',
      now: () => now,
      backoffMs: 10,
      ...more,
    };
  }

  const archived = () => readdir(path.join(sourcesDir, 'archive', 'a')).catch(() => [] as string[]);

  describe('an unchanged source', () => {
    it('should find the same bytes unchanged, leave the pin current and archive nothing', async () => {
      server.route('/a', reply(200, v1, { ...plain, etag: '"v1"' }));
      const entry = entryOf();
      const { drift, move } = await checkSource(watched(entry), await contextOf(entry));
      expect(move).toBeUndefined();
      expect(drift).toMatchObject({
        id: 'a',
        url: server.url('/a'),
        line: 3,
        pinned: { file: 'documents/a.txt', digest: sha256(v1), accessed: '2025-01-10' },
        checked: now.toISOString(),
        result: 'unchanged',
        detail: 'the same bytes as the pinned copy',
        http: { status: 200, tries: 1 },
        validators: { etag: '"v1"' },
        liveDigest: sha256(v1),
        pin: 'current',
        quotes: [],
      });
      expect(drift).not.toHaveProperty('live');
      expect(await readdir(sourcesDir)).toEqual(['documents']);
    });

    it("should send the last run's validators and take a 304 as unchanged", async () => {
      const entry = entryOf();
      server.route('/a', reply(200, v1, { ...plain, etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 08:00:00 GMT' }));
      const first = await checkSource(watched(entry), await contextOf(entry));
      server.route('/a', (request, response) => {
        const same = request.headers['if-none-match'] === '"v1"';
        response.writeHead(same ? 304 : 200, { ...plain, etag: '"v1"' });
        response.end(same ? undefined : v1);
      });
      const { drift, move } = await checkSource(watched(entry, first.drift), await contextOf(entry));
      expect(server.requests[1]?.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 01 Dec 2026 08:00:00 GMT' });
      expect(move).toBeUndefined();
      expect(drift).toMatchObject({ result: 'unchanged', detail: '304 Not Modified', http: { status: 304 }, pin: 'current', quotes: [], liveDigest: sha256(v1) });
      expect(drift.validators).toMatchObject({ etag: '"v1"' });
      expect(await readdir(sourcesDir)).toEqual(['documents']);
    });

    it('should not send validators the last run did not get with a version', async () => {
      server.route('/a', reply(200, v1, plain));
      const entry = entryOf();
      const { liveDigest: _digest, ...failed } = (await checkSource(watched(entry), await contextOf(entry))).drift;
      await checkSource(watched(entry, { ...failed, result: 'failed', validators: { etag: '"stale"' } }), await contextOf(entry));
      expect(server.requests[1]?.headers['if-none-match']).toBeUndefined();
    });
  });

  describe('a source changed upstream, every quote still there', () => {
    it('should archive the new version, check every quote against it, and leave the pin pending without --accept', async () => {
      server.route('/a', reply(200, v2, { ...plain, etag: '"v2"' }));
      const entry = entryOf();
      const { drift, move } = await checkSource(watched(entry), await contextOf(entry));
      expect(move).toBeUndefined();
      expect(drift).toMatchObject({ result: 'changed', pin: 'pending', liveDigest: sha256(v2), validators: { etag: '"v2"' } });
      expect(drift.live).toMatchObject({ source: 'a', url: server.url('/a'), fetched: now.toISOString(), status: 200, etag: '"v2"', digest: sha256(v2), format: 'text' });
      expect(drift.live?.file).toMatch(/^archive\/a\/2026-12-02-[0-9a-f]{12}\.txt$/);
      expect(Buffer.compare(await readFile(path.join(sourcesDir, drift.live!.file)), v2)).toBe(0);
      expect(await sourceRecords(sourcesDir, 'a')).toEqual([drift.live]);
      // Only the quotes citing `a`, each where the new version has it.
      expect(drift.quotes.map(({ fact, line, status, was, now: at }) => ({ fact, line, status, was, now: at }))).toEqual([
        { fact: 'judges-trained', line: 7, status: 'moved', was: '¶ 1', now: '¶ 2' },
        { fact: 'shelters-underfunded', line: 15, status: 'moved', was: '¶ 2', now: '¶ 3' },
      ]);
    });

    it('should move the pin with --accept, returning the version it moves to', async () => {
      server.route('/a', reply(200, v2, plain));
      const entry = entryOf();
      const { drift, move } = await checkSource(watched(entry), await contextOf(entry, { accept: true }));
      expect(drift).toMatchObject({ result: 'changed', pin: 'moved' });
      expect(move).toEqual(drift.live);
      expect(move?.digest).toBe(sha256(v2));
      // The entry is not rewritten here: that is movePins' part.
      expect(drift.pinned.file).toBe('documents/a.txt');
    });

    it('should move the pin without --accept when the entry says `accept: auto`', async () => {
      server.route('/a', reply(200, v2, plain));
      const entry = entryOf({ accept: 'auto' });
      const { drift, move } = await checkSource(watched(entry), await contextOf(entry));
      expect(drift.pin).toBe('moved');
      expect(move).toEqual(drift.live);
    });

    it('should keep reporting the newer version on a later run that gets a 304, archiving nothing more', async () => {
      server.route('/a', reply(200, v2, { ...plain, etag: '"v2"' }));
      const entry = entryOf();
      const first = await checkSource(watched(entry), await contextOf(entry));
      const files = await archived();
      server.route('/a', (request, response) => {
        response.writeHead(request.headers['if-none-match'] === '"v2"' ? 304 : 200, { ...plain, etag: '"v2"' });
        response.end(request.headers['if-none-match'] === '"v2"' ? undefined : v2);
      });
      const { drift } = await checkSource(watched(entry, first.drift), await contextOf(entry));
      expect(server.requests[1]?.headers['if-none-match']).toBe('"v2"');
      expect(drift).toMatchObject({ result: 'unchanged', detail: '304 Not Modified', pin: 'pending', liveDigest: sha256(v2) });
      expect(drift.live).toEqual(first.drift.live);
      expect(drift.quotes.map((quote) => quote.status)).toEqual(['moved', 'moved']);
      expect(await archived()).toEqual(files);
    });

    it('should not archive a version again when the server sends it again', async () => {
      server.route('/a', reply(200, v2, plain));
      const entry = entryOf();
      const first = await checkSource(watched(entry), await contextOf(entry));
      const files = await archived();
      const { drift } = await checkSource(watched(entry, first.drift), await contextOf(entry, { now: () => new Date('2026-12-09T10:00:00.000Z') }));
      expect(drift).toMatchObject({ result: 'unchanged', pin: 'pending' });
      expect(drift.live).toEqual(first.drift.live);
      expect(await archived()).toEqual(files);
    });
  });

  describe('a source changed upstream, a quote broken', () => {
    it('should hold the pin, even with --accept, and say what became of the quote', async () => {
      server.route('/a', reply(200, v3, plain));
      const entry = entryOf();
      const { drift, move } = await checkSource(watched(entry), await contextOf(entry, { accept: true }));
      expect(move).toBeUndefined();
      expect(drift).toMatchObject({ result: 'changed', pin: 'held', liveDigest: sha256(v3) });
      const [judgesQuote, sheltersQuote] = drift.quotes;
      expect(judgesQuote).toMatchObject({ fact: 'judges-trained', status: 'unchanged', was: '¶ 1', now: '¶ 1' });
      expect(sheltersQuote).toMatchObject({ fact: 'shelters-underfunded', line: 15, status: 'gone', was: '¶ 2', differs: '“women” → “men”' });
      expect(sheltersQuote?.closest).toMatchObject({ where: '¶ 2', text: 'Shelters for men remained underfunded across the country.' });
      // Kept, so later runs go on checking against it.
      expect(drift.live?.digest).toBe(sha256(v3));
      expect(await sourceRecords(sourcesDir, 'a')).toHaveLength(1);
    });
  });

  describe('a fetch that fails', () => {
    it('should refuse an HTML page where `fetch.format: pdf` asks for a PDF, archiving nothing', async () => {
      server.route('/a', reply(200, '<!doctype html><html><body><p>Please log in.</p></body></html>', { 'content-type': 'text/html' }));
      const entry = entryOf({ format: 'pdf' });
      const { drift, move } = await checkSource(watched(entry), await contextOf(entry, { accept: true }));
      expect(move).toBeUndefined();
      expect(drift).toMatchObject({ result: 'failed', pin: 'current', quotes: [] });
      expect(drift.detail).toContain('not a PDF');
      expect(drift.detail).toContain('nothing archived');
      expect(await readdir(sourcesDir)).toEqual(['documents']);
    });

    it('should report a server error, archiving nothing', async () => {
      server.route('/a', reply(500, 'oops'));
      const entry = entryOf();
      const { drift, move } = await checkSource(watched(entry), await contextOf(entry));
      expect(move).toBeUndefined();
      expect(drift).toMatchObject({ result: 'failed', pin: 'current', http: { status: 500, tries: 3, problem: 'http' } });
      expect(drift.detail).toContain('HTTP 500');
      expect(await readdir(sourcesDir)).toEqual(['documents']);
    });

    it('should report an empty answer as a failure', async () => {
      server.route('/a', reply(200, '', plain));
      const entry = entryOf();
      const { drift } = await checkSource(watched(entry), await contextOf(entry));
      expect(drift).toMatchObject({ result: 'failed', pin: 'current' });
      expect(drift.detail).toContain('empty');
      expect(await readdir(sourcesDir)).toEqual(['documents']);
    });

    it('should report a file of a format no reader takes (a ZIP) as a failure, not stop the run', async () => {
      server.route('/a', reply(200, Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00 a zipped report', 'latin1'), { 'content-type': 'application/zip' }));
      const entry = entryOf();
      const { drift } = await checkSource(watched(entry), await contextOf(entry));
      expect(drift).toMatchObject({ result: 'failed', pin: 'current' });
      expect(await readdir(sourcesDir)).toEqual(['documents']);
    });
  });

  describe('`every`', () => {
    const lastRun = (checked: string, more: Partial<SourceDrift> = {}): SourceDrift => ({
      id: 'a',
      url: server.url('/a'),
      line: 3,
      pinned: { file: 'documents/a.txt', digest: sha256(v1) },
      checked,
      result: 'unchanged',
      detail: 'the same bytes as the pinned copy',
      liveDigest: sha256(v1),
      pin: 'current',
      quotes: [],
      ...more,
    });

    it('should skip a source checked within the period, without a request', async () => {
      server.route('/a', reply(200, v2, plain));
      const entry = entryOf({ every: '7d' });
      const { drift, move } = await checkSource(watched(entry, lastRun('2026-12-01T09:00:00.000Z')), await contextOf(entry));
      expect(server.requests).toHaveLength(0);
      expect(move).toBeUndefined();
      expect(drift).toMatchObject({ result: 'skipped', checked: '2026-12-01T09:00:00.000Z', pin: 'current', detail: 'checked 2026-12-01; next after 2026-12-08 (every 7d)' });
      expect(await readdir(sourcesDir)).toEqual(['documents']);
    });

    it('should fetch a source once the period is over', async () => {
      server.route('/a', reply(200, v2, plain));
      const entry = entryOf({ every: '7d' });
      const { drift } = await checkSource(watched(entry, lastRun('2026-11-20T09:00:00.000Z')), await contextOf(entry));
      expect(server.requests).toHaveLength(1);
      expect(drift).toMatchObject({ result: 'changed', checked: now.toISOString() });
    });

    it('should not say again that a pin moved when it skips the source the next run', async () => {
      // The first run moves the pin (and movePins points the entry at the archived version) …
      server.route('/a', reply(200, v2, plain));
      const before = entryOf({ every: '7d', accept: 'auto' });
      const first = await checkSource(watched(before), await contextOf(before));
      expect(first.drift.pin).toBe('moved');
      // … and the next run, a day later, skips it: the pin is where the live version is.
      const after = entryOf({ every: '7d', accept: 'auto' }, { file: first.move!.file, accessed: '2026-12-02' });
      const { drift, move } = await checkSource(watched(after, first.drift), await contextOf(after, { now: () => new Date('2026-12-03T10:00:00.000Z') }));
      expect(server.requests).toHaveLength(1);
      expect(move).toBeUndefined();
      expect(drift.result).toBe('skipped');
      expect(drift.pin).toBe('current');
    });
  });

  describe('a wiki page', () => {
    it('should fetch the latest revision through the API and record it with the version', async () => {
      server.route('/w/api.php', (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ query: { pages: [{ title: 'A', revisions: [{ revid: 98765, timestamp: '2026-11-30T12:00:00Z' }], extract: `${budget}\n${judges}\n${shelters}` }] } }));
      });
      const entry = entryOf({ api: 'mediawiki' }, { URL: server.url('/wiki/A') });
      const { drift, move } = await checkSource({ entry, line: 3, url: server.url('/wiki/A') }, await contextOf(entry, { accept: true }));
      expect(server.requests.map((request) => new URL(request.url, server.origin).pathname)).toEqual(['/w/api.php']);
      expect(drift).toMatchObject({ result: 'changed', detail: 'revision 98765 of 2026-11-30', pin: 'moved' });
      expect(move?.revision).toEqual({ id: 98765, timestamp: '2026-11-30T12:00:00Z', permalink: `${server.origin}/w/index.php?title=A&oldid=98765` });
      expect(await readFile(path.join(sourcesDir, move!.file), 'utf8')).toBe(`= A =\n\n${budget}\n\n${judges}\n\n${shelters}\n`);
      expect(drift.quotes.map((quote) => quote.status)).toEqual(['moved', 'moved']);
    });
  });
});
