import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpGet, type GetOptions, type GetResult } from '../../../src/fetch/http-get.js';
import { reply, startHttpServer, type TestServer } from '../../helpers/http-server.js';

const MB = 1024 * 1024;
const userAgent = 'briefs-test/1.0 (+https://example.org/briefs)';
const etag = '"v1-abc"';
const lastModified = 'Tue, 01 Apr 2025 10:00:00 GMT';

/**
 * Generous limits, so a busy machine never makes a test time out by accident; short back-off,
 * so retries are quick. Each test overrides what it is about.
 */
const options = (more: Partial<GetOptions> = {}): GetOptions => ({ timeoutMs: 60_000, maxBytes: MB, userAgent, backoffMs: 10, ...more });

/** The result, checked to be of `kind` (the whole result shown if not). */
function expectKind<K extends GetResult['kind']>(result: GetResult, kind: K): Extract<GetResult, { kind: K }> {
  expect(result.kind, JSON.stringify({ ...result, bytes: undefined })).toBe(kind);
  return result as Extract<GetResult, { kind: K }>;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('httpGet', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startHttpServer();
  });

  afterEach(async () => {
    await server.close();
  });

  const seen = (path: string) => server.requests.filter((request) => request.url === path);

  describe('a plain answer', () => {
    it('should return the body, its type and its validators, having sent the User-Agent', async () => {
      const body = '<!doctype html><title>Report</title><p>Tier 2 — ëç</p>';
      server.route('/page', reply(200, body, { 'content-type': 'text/html; charset=utf-8', etag, 'last-modified': lastModified }));
      const result = await httpGet(server.url('/page'), options());
      const got = expectKind(result, 'ok');
      expect(text(got.bytes)).toBe(body);
      expect(got).toMatchObject({ url: server.url('/page'), status: 200, contentType: 'text/html; charset=utf-8', validators: { etag, lastModified }, redirects: [], tries: 1 });
      const [request, ...more] = seen('/page');
      expect(more).toHaveLength(0);
      expect(request).toMatchObject({ method: 'GET', headers: { 'user-agent': userAgent, accept: '*/*' } });
      // Nothing to be conditional on: no validators were given.
      expect(request?.headers['if-none-match']).toBeUndefined();
      expect(request?.headers['if-modified-since']).toBeUndefined();
    });

    it('should send the Accept asked for', async () => {
      server.route('/api', reply(200, '{}', { 'content-type': 'application/json' }));
      expectKind(await httpGet(server.url('/api'), options({ accept: 'application/json' })), 'ok');
      expect(seen('/api')[0]?.headers.accept).toBe('application/json');
    });

    it('should give no validators nor type when the answer has none', async () => {
      server.route('/bare', (_request, response) => {
        response.writeHead(200);
        response.end('x');
      });
      const got = expectKind(await httpGet(server.url('/bare'), options()), 'ok');
      expect(got.validators).toEqual({});
      expect(got.contentType).toBeUndefined();
    });
  });

  describe('a conditional request', () => {
    it('should send If-None-Match and If-Modified-Since, and report a 304 as not modified', async () => {
      server.route('/page', (request, response) => {
        const unchanged = request.headers['if-none-match'] === etag && request.headers['if-modified-since'] === lastModified;
        response.writeHead(unchanged ? 304 : 200, { etag });
        response.end(unchanged ? undefined : 'changed');
      });
      const result = await httpGet(server.url('/page'), options({ validators: { etag, lastModified } }));
      expect(result).toEqual({ kind: 'not-modified', url: server.url('/page'), validators: { etag, lastModified }, redirects: [], tries: 1 });
      expect(seen('/page')[0]?.headers).toMatchObject({ 'if-none-match': etag, 'if-modified-since': lastModified, 'user-agent': userAgent });
    });

    it('should send only the validator it has', async () => {
      server.route('/page', reply(304));
      const result = await httpGet(server.url('/page'), options({ validators: { etag } }));
      expect(result).toMatchObject({ kind: 'not-modified', validators: { etag } });
      expect(seen('/page')[0]?.headers['if-none-match']).toBe(etag);
      expect(seen('/page')[0]?.headers['if-modified-since']).toBeUndefined();
    });

    it('should take a changed validator from the 304 answer', async () => {
      server.route('/page', reply(304, undefined, { etag: '"v2"' }));
      const result = await httpGet(server.url('/page'), options({ validators: { etag, lastModified } }));
      expect(result).toMatchObject({ kind: 'not-modified', validators: { etag: '"v2"', lastModified } });
    });
  });

  describe('redirects', () => {
    it('should follow a 301 to another path, listing it, and end at the final address', async () => {
      server.route('/old', reply(301, 'moved', { location: '/new' }));
      server.route('/new', reply(200, 'the new page', { 'content-type': 'text/plain' }));
      const got = expectKind(await httpGet(server.url('/old'), options()), 'ok');
      expect(got.url).toBe(server.url('/new'));
      expect(got.redirects).toEqual([{ status: 301, to: server.url('/new') }]);
      expect(text(got.bytes)).toBe('the new page');
      expect(seen('/new')[0]?.headers['user-agent']).toBe(userAgent);
    });

    it('should follow a chain of different redirects, in order', async () => {
      server.route('/a', reply(302, undefined, { location: server.url('/b') }));
      server.route('/b', reply(307, undefined, { location: 'c?x=1' }));
      server.route('/c', reply(308, undefined, { location: '/d' }));
      server.route('/d', reply(200, 'end'));
      // As many redirects as allowed: still followed.
      const got = expectKind(await httpGet(server.url('/a'), options({ maxRedirects: 3 })), 'ok');
      expect(got.redirects).toEqual([
        { status: 302, to: server.url('/b') },
        { status: 307, to: server.url('/c?x=1') },
        { status: 308, to: server.url('/d') },
      ]);
      expect(got.url).toBe(server.url('/d'));
    });

    it('should refuse a redirect to file:, following only http: and https:', async () => {
      server.route('/sneaky', reply(302, undefined, { location: 'file:///etc/passwd' }));
      const result = await httpGet(server.url('/sneaky'), options());
      expect(result).toMatchObject({ kind: 'failed', problem: 'redirect', url: server.url('/sneaky'), redirects: [], tries: 1 });
      expect(result).not.toHaveProperty('bytes');
      const { reason } = expectKind(result, 'failed');
      expect(reason).toContain('file:///etc/passwd');
      expect(reason).toContain('only http: and https:');
      expect(reason).not.toMatch(/root:/);
    });

    it('should refuse a redirect to data:', async () => {
      server.route('/data', reply(301, undefined, { location: 'data:text/plain,hello' }));
      expect(await httpGet(server.url('/data'), options())).toMatchObject({ kind: 'failed', problem: 'redirect' });
    });

    it('should give up on a redirect loop longer than maxRedirects', async () => {
      server.route('/ping', reply(302, undefined, { location: '/pong' }));
      server.route('/pong', reply(302, undefined, { location: '/ping' }));
      const result = await httpGet(server.url('/ping'), options({ maxRedirects: 3 }));
      const failed = expectKind(result, 'failed');
      expect(failed.problem).toBe('redirect');
      expect(failed.reason).toContain('more than 3 redirects');
      expect(failed.redirects).toHaveLength(3);
      // The first request and the three redirects followed; the fourth not.
      expect(server.requests).toHaveLength(4);
    });

    it('should fail on a redirect without a Location', async () => {
      server.route('/nowhere', reply(302));
      expect(await httpGet(server.url('/nowhere'), options())).toMatchObject({ kind: 'failed', problem: 'redirect', status: 302 });
    });
  });

  describe('errors and retries', () => {
    it.each([404, 410])('should report %i as gone, without retrying', async (status) => {
      server.route('/missing', reply(status, 'no such page'));
      const result = await httpGet(server.url('/missing'), options());
      expect(result).toMatchObject({ kind: 'failed', problem: 'gone', status, tries: 1 });
      expect(expectKind(result, 'failed').reason).toContain(`HTTP ${status}`);
      expect(seen('/missing')).toHaveLength(1);
    });

    it('should report another 4xx as an HTTP failure, without retrying', async () => {
      server.route('/forbidden', reply(403));
      expect(await httpGet(server.url('/forbidden'), options())).toMatchObject({ kind: 'failed', problem: 'http', status: 403, tries: 1 });
      expect(seen('/forbidden')).toHaveLength(1);
    });

    it('should retry a 500 and return the 200 that follows', async () => {
      server.route('/flaky', reply(500, 'oops'), reply(200, 'fine now'));
      const got = expectKind(await httpGet(server.url('/flaky'), options()), 'ok');
      expect(got.tries).toBe(2);
      expect(text(got.bytes)).toBe('fine now');
      expect(seen('/flaky')).toHaveLength(2);
    });

    it('should give up on a 500 after the retries, saying how many tries', async () => {
      server.route('/broken', reply(500, 'oops'));
      const result = await httpGet(server.url('/broken'), options());
      const failed = expectKind(result, 'failed');
      expect(failed).toMatchObject({ problem: 'http', status: 500, tries: 3 });
      expect(failed.reason).toContain('HTTP 500');
      expect(failed.reason).toContain('after 3 tries');
      expect(seen('/broken')).toHaveLength(3);
    });

    it('should make as many tries as retries allows', async () => {
      server.route('/broken', reply(503));
      expect(await httpGet(server.url('/broken'), options({ retries: 0 }))).toMatchObject({ kind: 'failed', problem: 'http', tries: 1 });
      expect(seen('/broken')).toHaveLength(1);
    });

    it('should fail with a network problem, after the retries, when nothing listens', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const result = await httpGet(`http://127.0.0.1:${port}/page`, options());
      const failed = expectKind(result, 'failed');
      expect(failed).toMatchObject({ problem: 'network', tries: 3 });
      expect(failed.reason).toMatch(/ECONNREFUSED/);
      expect(failed.reason).toContain('after 3 tries');
    });
  });

  describe('timeouts', () => {
    it('should time out on a server that never answers, without retrying', async () => {
      server.route('/silent', () => undefined);
      const result = await httpGet(server.url('/silent'), options({ timeoutMs: 300 }));
      const failed = expectKind(result, 'failed');
      expect(failed).toMatchObject({ problem: 'timeout', tries: 1 });
      expect(failed.reason).toContain('0.3 s');
    });

    it('should time out on a body that never ends', async () => {
      server.route('/trickle', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('the start, and then nothing');
      });
      const result = await httpGet(server.url('/trickle'), options({ timeoutMs: 300 }));
      expect(result).toMatchObject({ kind: 'failed', problem: 'timeout', tries: 1 });
    });
  });

  describe('the size limit', () => {
    it('should refuse a body whose Content-Length is over maxBytes', async () => {
      const body = Buffer.alloc(2 * MB, 'a');
      server.route('/big', reply(200, body, { 'content-length': body.byteLength, 'content-type': 'application/pdf' }));
      const failed = expectKind(await httpGet(server.url('/big'), options()), 'failed');
      expect(failed.problem).toBe('too-large');
      expect(failed.reason).toContain('2.0 MB');
      expect(failed.reason).toContain('1.0 MB');
      expect(failed).not.toHaveProperty('bytes');
    });

    it('should refuse a chunked body, without Content-Length, once it passes maxBytes', async () => {
      let lengthSent: unknown = 'not answered';
      server.route('/stream', (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 'b');
        for (let sent = 0; sent < 4 * MB; sent += chunk.byteLength) response.write(chunk);
        lengthSent = response.getHeader('content-length');
        response.end();
      });
      const failed = expectKind(await httpGet(server.url('/stream'), options()), 'failed');
      expect(lengthSent).toBeUndefined();
      expect(failed.problem).toBe('too-large');
      expect(failed.reason).toContain('over the limit of 1.0 MB');
      expect(failed.tries).toBe(1);
    });

    it('should take the limit for the Content-Type when given a function (a PDF may be larger than a page)', async () => {
      const body = Buffer.alloc(2 * MB, 'a');
      const limit = (type: string | undefined) => (type?.startsWith('application/pdf') ? 4 * MB : MB);
      server.route('/page', reply(200, body, { 'content-type': 'text/html' }));
      server.route('/report', reply(200, body, { 'content-type': 'application/pdf' }));
      const page = expectKind(await httpGet(server.url('/page'), options({ maxBytes: limit })), 'failed');
      expect(page.reason).toContain('over the limit of 1.0 MB');
      const report = expectKind(await httpGet(server.url('/report'), options({ maxBytes: limit })), 'ok');
      expect(report.bytes.byteLength).toBe(2 * MB);
    });

    it('should accept a body of exactly maxBytes', async () => {
      server.route('/exact', (_request, response) => {
        response.writeHead(200);
        response.write(Buffer.alloc(600, 'c'));
        response.end(Buffer.alloc(424, 'c'));
      });
      const got = expectKind(await httpGet(server.url('/exact'), options({ maxBytes: 1024 })), 'ok');
      expect(got.bytes.byteLength).toBe(1024);
    });
  });

  describe("the caller's abort", () => {
    it('should stop a request in flight', async () => {
      const controller = new AbortController();
      // The server takes the request, never answers, and the caller gives up meanwhile.
      server.route('/slow', () => controller.abort());
      const result = await httpGet(server.url('/slow'), options({ signal: controller.signal }));
      expect(result).toMatchObject({ kind: 'failed', problem: 'aborted', tries: 1 });
    });

    it('should stop while waiting to retry', async () => {
      const controller = new AbortController();
      server.route('/broken', (request, response) => {
        // Abort a little after the 500 went out: whether it then lands in the wait or in the
        // request, the answer is the same, and only the abort can end the wait.
        response.on('finish', () => setTimeout(() => controller.abort(), 100));
        reply(500)(request, response);
      });
      const result = await httpGet(server.url('/broken'), options({ signal: controller.signal, backoffMs: 600_000 }));
      expect(result).toMatchObject({ kind: 'failed', problem: 'aborted', tries: 1 });
      expect(seen('/broken')).toHaveLength(1);
    });

    it('should send nothing when aborted already', async () => {
      server.route('/page', reply(200, 'x'));
      const result = await httpGet(server.url('/page'), options({ signal: AbortSignal.abort() }));
      expect(result).toMatchObject({ kind: 'failed', problem: 'aborted', tries: 1 });
      expect(server.requests).toHaveLength(0);
    });
  });
});
