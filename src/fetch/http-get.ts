import { setTimeout as sleep } from 'node:timers/promises';

/** The validators of the version last fetched: sent back so an unchanged page answers 304. */
export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

/** How one GET behaves. */
export interface GetOptions {
  readonly validators?: Validators;
  /** For the whole request, body included, per try. */
  readonly timeoutMs: number;
  /**
   * A larger body (said by Content-Length, or found while reading) is refused; a function
   * gives the limit for the answer's Content-Type (a PDF may be larger than a web page).
   */
  readonly maxBytes: number | ((contentType: string | undefined) => number);
  readonly userAgent: string;
  /** Redirects followed, only to http: and https: addresses (default 5). */
  readonly maxRedirects?: number;
  /** Tries after the first on a network error or a 5xx answer (default 2). */
  readonly retries?: number;
  /** Wait before the first retry, doubled before each next one (default 500 ms). */
  readonly backoffMs?: number;
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

/** What came of a GET. `redirects`: each address redirected to, in order; `tries`: requests made for the last one. */
export type GetResult =
  | {
      readonly kind: 'ok';
      readonly url: string;
      readonly status: number;
      readonly bytes: Uint8Array;
      readonly contentType?: string;
      readonly validators: Validators;
      readonly redirects: readonly Redirect[];
      readonly tries: number;
    }
  | { readonly kind: 'not-modified'; readonly url: string; readonly validators: Validators; readonly redirects: readonly Redirect[]; readonly tries: number }
  | {
      readonly kind: 'failed';
      readonly url: string;
      /** What went wrong, for a person: `HTTP 500 Internal Server Error after 3 tries`, `no answer within 30 s`. */
      readonly reason: string;
      readonly problem: 'http' | 'gone' | 'timeout' | 'too-large' | 'redirect' | 'network' | 'aborted';
      readonly status?: number;
      readonly redirects: readonly Redirect[];
      readonly tries: number;
    };

/** One redirect followed: its status (301, 302, 307, 308 …) and where to. */
export interface Redirect {
  readonly status: number;
  readonly to: string;
}

type Failure = Extract<GetResult, { kind: 'failed' }>;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The megabytes of a byte count, for messages. */
export const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

class TooLarge extends Error {}

/** Read a body, stopping (and cancelling the stream) once it passes `maxBytes`. */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const validatorsOf = (headers: Headers): Validators => {
  const etag = headers.get('etag') ?? undefined;
  const lastModified = headers.get('last-modified') ?? undefined;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
};

/** Whether an error is the request's own timeout (rather than the caller's abort). */
const isTimeout = (error: unknown) => error instanceof DOMException && error.name === 'TimeoutError';

/**
 * GET one address with Node's fetch: conditional on `validators` (If-None-Match,
 * If-Modified-Since), redirects followed by hand (at most `maxRedirects`, and only to http: or
 * https:, so a page cannot send the tool to `file:` or `data:`), a timeout per try covering the
 * body, a size limit, and retries with doubling waits on network errors and 5xx answers. A
 * timeout is not retried: the next try would most likely wait as long.
 */
export async function httpGet(address: string, options: GetOptions): Promise<GetResult> {
  const { maxRedirects = 5, backoffMs = 500 } = options;
  const retries = Math.max(0, options.retries ?? 2);
  const redirects: Redirect[] = [];
  let url = address;
  if (!/^https?:/i.test(url)) return { kind: 'failed', url, problem: 'redirect', reason: 'only http: and https: addresses are fetched', redirects, tries: 0 };
  for (;;) {
    const answer = await getOnce(url, options, retries, backoffMs, redirects);
    if (answer.kind !== 'redirect') return answer;
    if (redirects.length >= maxRedirects) {
      return { kind: 'failed', url, problem: 'redirect', reason: `more than ${maxRedirects} redirects`, redirects, tries: answer.tries };
    }
    let next: URL;
    try {
      next = new URL(answer.location, url);
    } catch {
      return { kind: 'failed', url, problem: 'redirect', reason: `redirected to ${JSON.stringify(answer.location)}, which is not an address`, redirects, tries: answer.tries };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return { kind: 'failed', url, problem: 'redirect', reason: `redirected to ${next.href}: only http: and https: addresses are followed`, redirects, tries: answer.tries };
    }
    redirects.push({ status: answer.status, to: next.href });
    url = next.href;
  }
}

type Once = GetResult | { readonly kind: 'redirect'; readonly status: number; readonly location: string; readonly tries: number };

async function getOnce(url: string, options: GetOptions, retries: number, backoffMs: number, redirects: readonly Redirect[]): Promise<Once> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: options.accept ?? '*/*' };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  let last: Failure | undefined;
  let maxBytes = typeof options.maxBytes === 'number' ? options.maxBytes : options.maxBytes(undefined);
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      try {
        await sleep(backoffMs * 2 ** (attempt - 1), undefined, options.signal ? { signal: options.signal } : {});
      } catch {
        return { kind: 'failed', url, problem: 'aborted', reason: 'interrupted', redirects, tries: attempt };
      }
    }
    const tries = attempt + 1;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await fetch(url, { headers, redirect: 'manual', signal });
      const { status } = response;
      if (status >= 300 && status < 400 && status !== 304) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location) return { kind: 'failed', url, problem: 'redirect', status, reason: `HTTP ${status} without a Location header`, redirects, tries };
        return { kind: 'redirect', status, location, tries };
      }
      if (status === 304) {
        await response.body?.cancel().catch(() => undefined);
        return { kind: 'not-modified', url, validators: { ...options.validators, ...validatorsOf(response.headers) }, redirects, tries };
      }
      if (status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        last = { kind: 'failed', url, problem: 'http', status, reason: `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`, redirects, tries };
        continue;
      }
      if (status !== 200) {
        await response.body?.cancel().catch(() => undefined);
        const gone = status === 404 || status === 410;
        return { kind: 'failed', url, problem: gone ? 'gone' : 'http', status, reason: `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`, redirects, tries };
      }
      const contentType = response.headers.get('content-type') ?? undefined;
      maxBytes = typeof options.maxBytes === 'number' ? options.maxBytes : options.maxBytes(contentType);
      const length = Number(response.headers.get('content-length'));
      if (Number.isFinite(length) && length > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return { kind: 'failed', url, problem: 'too-large', status, reason: `the body is ${megabytes(length)}, over the limit of ${megabytes(maxBytes)}`, redirects, tries };
      }
      const bytes = await readLimited(response, maxBytes);
      return { kind: 'ok', url, status, bytes, ...(contentType ? { contentType } : {}), validators: validatorsOf(response.headers), redirects, tries };
    } catch (error) {
      if (error instanceof TooLarge) {
        return { kind: 'failed', url, problem: 'too-large', reason: `the body is over the limit of ${megabytes(maxBytes)}`, redirects, tries };
      }
      if (options.signal?.aborted) return { kind: 'failed', url, problem: 'aborted', reason: 'interrupted', redirects, tries };
      if (isTimeout(error) || timeout.aborted) {
        return { kind: 'failed', url, problem: 'timeout', reason: `no complete answer within ${seconds(options.timeoutMs)}`, redirects, tries };
      }
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      last = { kind: 'failed', url, problem: 'network', reason: cause, redirects, tries };
    }
  }
  return { ...last!, reason: last!.tries === 1 ? last!.reason : `${last!.reason} after ${last!.tries} tries` };
}
