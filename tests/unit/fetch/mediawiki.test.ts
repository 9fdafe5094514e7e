import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GetOptions } from '../../../src/fetch/http-get.js';
import { fetchRevision, permalinkOf, wikiPageOf, type RevisionResult, type WikiPage } from '../../../src/fetch/mediawiki.js';
import { reply, startHttpServer, type TestServer } from '../../helpers/http-server.js';

describe('wikiPageOf', () => {
  const enwiki = { api: 'https://en.wikipedia.org/w/api.php', index: 'https://en.wikipedia.org/w/index.php' };

  it('should find the page of a Wikipedia article address, with spaces in its title', () => {
    expect(wikiPageOf('https://en.wikipedia.org/wiki/Human_trafficking_in_Kosovo', false)).toEqual({ ...enwiki, title: 'Human trafficking in Kosovo' });
  });

  it('should decode a percent-encoded title', () => {
    expect(wikiPageOf('https://sq.wikipedia.org/wiki/Trafikimi_i_qenieve_njer%C3%ABzore', false)).toEqual({
      api: 'https://sq.wikipedia.org/w/api.php',
      index: 'https://sq.wikipedia.org/w/index.php',
      title: 'Trafikimi i qenieve njerëzore',
    });
  });

  it('should find the page of an index.php address and of a permalink', () => {
    expect(wikiPageOf('https://en.wikipedia.org/w/index.php?title=Human_trafficking_in_Kosovo', false)?.title).toBe('Human trafficking in Kosovo');
    expect(wikiPageOf('https://en.wikipedia.org/w/index.php?title=Human_trafficking_in_Kosovo&oldid=1234567', false)).toEqual({ ...enwiki, title: 'Human trafficking in Kosovo' });
  });

  it('should know the other Wikimedia sites, the mobile site included', () => {
    expect(wikiPageOf('https://en.wikisource.org/wiki/Constitution_of_Kosovo', false)?.api).toBe('https://en.wikisource.org/w/api.php');
    expect(wikiPageOf('https://en.m.wikipedia.org/wiki/Kosovo', false)?.api).toBe('https://en.m.wikipedia.org/w/api.php');
  });

  it('should take another site for a wiki only when the entry says `api: mediawiki`', () => {
    expect(wikiPageOf('https://wiki.example.org/wiki/Kosovo_report', false)).toBeUndefined();
    expect(wikiPageOf('https://wiki.example.org/wiki/Kosovo_report', true)).toEqual({
      api: 'https://wiki.example.org/w/api.php',
      index: 'https://wiki.example.org/w/index.php',
      title: 'Kosovo report',
    });
  });

  it('should not be fooled by a host that only looks like Wikipedia', () => {
    expect(wikiPageOf('https://en.wikipedia.org.example.com/wiki/Kosovo', false)).toBeUndefined();
    expect(wikiPageOf('https://notwikipedia.org/wiki/Kosovo', false)).toBeUndefined();
  });

  it('should find no page where the address names none', () => {
    expect(wikiPageOf('https://en.wikipedia.org/', false)).toBeUndefined();
    expect(wikiPageOf('https://en.wikipedia.org/wiki/', false)).toBeUndefined();
    expect(wikiPageOf('not an address', true)).toBeUndefined();
  });

  it('should read a title with a stray % sign, not throw', () => {
    expect(wikiPageOf('https://en.wikipedia.org/wiki/100%_Pure', false)?.title).toBe('100% Pure');
  });
});

describe('permalinkOf', () => {
  it("should name the revision on the site's index.php, the title with underscores", () => {
    const page: WikiPage = { api: 'https://en.wikipedia.org/w/api.php', index: 'https://en.wikipedia.org/w/index.php', title: 'Human trafficking in Kosovo' };
    expect(permalinkOf(page, 1234567)).toBe('https://en.wikipedia.org/w/index.php?title=Human_trafficking_in_Kosovo&oldid=1234567');
  });

  it('should encode a title that needs it', () => {
    const page: WikiPage = { api: 'https://sq.wikipedia.org/w/api.php', index: 'https://sq.wikipedia.org/w/index.php', title: 'Trafikimi & njerëzit' };
    const url = new URL(permalinkOf(page, 42));
    expect(url.searchParams.get('title')).toBe('Trafikimi_&_njerëzit');
    expect(url.searchParams.get('oldid')).toBe('42');
  });
});

describe('fetchRevision', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startHttpServer();
  });

  afterEach(async () => {
    await server.close();
  });

  const options: GetOptions = { timeoutMs: 60_000, maxBytes: 1024 * 1024, userAgent: 'briefs-test/1.0 (+https://example.org/briefs)', backoffMs: 10 };
  const page = (): WikiPage => ({ api: server.url('/w/api.php'), index: server.url('/w/index.php'), title: 'Human trafficking in Kosovo' });
  const json = (body: unknown) => reply(200, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8' });
  const extract = 'Human trafficking in Kosovo is a problem.\nKosovo is a source and destination country.\n\n\n== Victims ==\nMost victims are women and girls.';
  const answer = (title = 'Human trafficking in Kosovo') => ({ query: { pages: [{ title, revisions: [{ revid: 1234567, timestamp: '2026-11-28T17:45:12Z' }], extract }] } });

  const ok = (result: RevisionResult) => {
    expect(result.kind, JSON.stringify({ ...result, bytes: undefined })).toBe('ok');
    return result as Extract<RevisionResult, { kind: 'ok' }>;
  };

  it('should ask the API for the latest revision and its plain text in one request', async () => {
    server.route('/w/api.php', json(answer()));
    ok(await fetchRevision(page(), options));
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    const query = new URL(request.url, server.origin).searchParams;
    expect(query.get('action')).toBe('query');
    expect(query.get('format')).toBe('json');
    expect(query.get('prop')?.split('|').sort()).toEqual(['extracts', 'revisions']);
    expect(query.get('rvprop')?.split('|')).toEqual(expect.arrayContaining(['ids', 'timestamp']));
    expect(query.has('explaintext')).toBe(true);
    expect(query.get('titles')).toBe('Human trafficking in Kosovo');
    expect(request.headers['user-agent']).toBe(options.userAgent);
    expect(request.headers.accept).toBe('application/json');
  });

  it('should make a document of the text, the title as its heading, and give the revision with its permalink', async () => {
    server.route('/w/api.php', json(answer()));
    const got = ok(await fetchRevision(page(), options));
    const text = Buffer.from(got.bytes).toString('utf8');
    expect(text).toBe('= Human trafficking in Kosovo =\n\nHuman trafficking in Kosovo is a problem.\n\nKosovo is a source and destination country.\n\n== Victims ==\n\nMost victims are women and girls.\n');
    expect(got.title).toBe('Human trafficking in Kosovo');
    expect(got.revision).toEqual({ id: 1234567, timestamp: '2026-11-28T17:45:12Z', permalink: `${server.origin}/w/index.php?title=Human_trafficking_in_Kosovo&oldid=1234567` });
    expect(got.contentType).toBe('text/plain; charset=utf-8');
  });

  it('should name the page the wiki redirected to, in the heading and the permalink', async () => {
    server.route('/w/api.php', json(answer('Human trafficking in the Republic of Kosovo')));
    const got = ok(await fetchRevision(page(), options));
    expect(Buffer.from(got.bytes).toString('utf8').startsWith('= Human trafficking in the Republic of Kosovo =\n\n')).toBe(true);
    expect(got.revision.permalink).toBe(`${server.origin}/w/index.php?title=Human_trafficking_in_the_Republic_of_Kosovo&oldid=1234567`);
  });

  it('should not send validators: the request is never conditional', async () => {
    server.route('/w/api.php', json(answer()));
    ok(await fetchRevision(page(), { ...options, validators: { etag: '"old"', lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT' } }));
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(server.requests[0]?.headers['if-modified-since']).toBeUndefined();
  });

  it('should report a missing page as gone', async () => {
    server.route('/w/api.php', json({ query: { pages: [{ title: 'Human trafficking in Kosovo', missing: true }] } }));
    const got = await fetchRevision(page(), options);
    expect(got).toMatchObject({ kind: 'failed', problem: 'gone' });
    expect(got.kind === 'failed' && got.reason).toContain('Human trafficking in Kosovo');
  });

  it('should fail when the answer is not a page of the API', async () => {
    server.route('/w/api.php', reply(200, '<!doctype html><title>Not a wiki</title>', { 'content-type': 'text/html' }));
    const got = await fetchRevision(page(), options);
    expect(got).toMatchObject({ kind: 'failed', problem: 'http' });
    expect(got.kind === 'failed' && got.reason).toContain('MediaWiki API');
  });

  it('should fail when the wiki gives no text (no TextExtracts)', async () => {
    server.route('/w/api.php', json({ query: { pages: [{ title: 'Human trafficking in Kosovo', revisions: [{ revid: 1, timestamp: '2026-11-28T17:45:12Z' }] }] } }));
    const got = await fetchRevision(page(), options);
    expect(got).toMatchObject({ kind: 'failed', problem: 'http' });
    expect(got.kind === 'failed' && got.reason).toContain('TextExtracts');
  });

  it('should pass on a failed request', async () => {
    server.route('/w/api.php', reply(503, 'busy'));
    const got = await fetchRevision(page(), { ...options, retries: 0 });
    expect(got).toMatchObject({ kind: 'failed', problem: 'http', status: 503 });
  });
});
