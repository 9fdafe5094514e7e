import { z } from 'zod';
import { httpGet, type GetOptions, type GetResult } from './http-get.js';

/** A wiki page to fetch through the MediaWiki Action API. */
export interface WikiPage {
  /** The API endpoint, e.g. `https://en.wikipedia.org/w/api.php`. */
  readonly api: string;
  /** The page title, with spaces (`Human trafficking in Kosovo`). */
  readonly title: string;
  /** The site's own address of pages (`https://en.wikipedia.org/w/index.php`), for permalinks. */
  readonly index: string;
}

/** A revision: what a reader needs to find the same text again. */
export interface Revision {
  readonly id: number;
  /** ISO timestamp of the edit. */
  readonly timestamp: string;
  /** `…/w/index.php?title=…&oldid=…`: this revision, for good. */
  readonly permalink: string;
}

/** A percent-encoded path as text; as it is when it is not valid percent-encoding (`100%_Pure`). */
function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The wiki page an address names, when it is one: a Wikipedia (or other Wikimedia) article
 * (`/wiki/Title` or `index.php?title=Title`, a permalink with `oldid` too), or any address when
 * the entry says `api: mediawiki` (the API then at `/w/api.php` of the same site).
 */
export function wikiPageOf(address: string, declared: boolean): WikiPage | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  const wikimedia = /(^|\.)(wikipedia|wikimedia|wikisource|wikinews|wikivoyage)\.org$/.test(url.hostname);
  if (!wikimedia && !declared) return undefined;
  const fromPath = /^\/wiki\/(.+)$/.exec(url.pathname)?.[1];
  const raw = url.searchParams.get('title') ?? (fromPath ? decodePath(fromPath) : undefined);
  if (!raw) return undefined;
  return { api: new URL('/w/api.php', url).href, index: new URL('/w/index.php', url).href, title: raw.replaceAll('_', ' ') };
}

/** The permalink of a revision. */
export function permalinkOf(page: WikiPage, revision: number): string {
  const url = new URL(page.index);
  url.searchParams.set('title', page.title.replaceAll(' ', '_'));
  url.searchParams.set('oldid', String(revision));
  return url.href;
}

const answerSchema = z.object({
  query: z.object({
    pages: z
      .array(
        z.object({
          title: z.string(),
          missing: z.boolean().optional(),
          invalid: z.boolean().optional(),
          revisions: z.array(z.object({ revid: z.number().int(), timestamp: z.string() })).optional(),
          extract: z.string().optional(),
        }),
      )
      .min(1),
  }),
});

/** What came of fetching a page's latest revision: as a GET's result, with the revision when it worked. */
export type RevisionResult = (Extract<GetResult, { kind: 'ok' }> & { readonly revision: Revision; readonly title: string }) | Extract<GetResult, { kind: 'failed' }>;

/**
 * The latest revision of a page and its text, in one request to the Action API: the revision's
 * id and timestamp (`prop=revisions`) and its plain text (`prop=extracts`, sections as
 * `== Heading ==`, the form of a copied article). The text becomes a document with the title
 * as its first line and a blank line between paragraphs.
 */
export async function fetchRevision(page: WikiPage, options: GetOptions): Promise<RevisionResult> {
  const url = new URL(page.api);
  const params = {
    action: 'query',
    format: 'json',
    formatversion: '2',
    prop: 'revisions|extracts',
    rvprop: 'ids|timestamp',
    explaintext: '1',
    exsectionformat: 'wiki',
    redirects: '1',
    titles: page.title,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const { validators: _validators, ...rest } = options;
  const got = await httpGet(url.href, { ...rest, accept: 'application/json' });
  if (got.kind === 'failed') return got;
  if (got.kind === 'not-modified') return { kind: 'failed', url: got.url, problem: 'http', reason: 'the API answered 304 to a request that was not conditional', redirects: got.redirects, tries: got.tries };
  const fail = (reason: string, problem: 'http' | 'gone' = 'http') => ({ kind: 'failed' as const, url: got.url, problem, reason, redirects: got.redirects, tries: got.tries });
  let answer: z.output<typeof answerSchema>;
  try {
    answer = answerSchema.parse(JSON.parse(Buffer.from(got.bytes).toString('utf8')));
  } catch {
    return fail('the MediaWiki API did not answer with a page (is the address a wiki?)');
  }
  const found = answer.query.pages[0]!;
  if (found.missing || found.invalid) return fail(`the wiki has no page "${page.title}"`, 'gone');
  const latest = found.revisions?.[0];
  if (!latest || found.extract === undefined) return fail('the MediaWiki API gave no revision text (the TextExtracts extension may be missing)');
  const paragraphs = found.extract.split(/\n+/).map((line) => line.trim()).filter(Boolean);
  const text = `= ${found.title} =\n\n${paragraphs.join('\n\n')}\n`;
  return {
    ...got,
    bytes: Buffer.from(text, 'utf8'),
    contentType: 'text/plain; charset=utf-8',
    title: found.title,
    revision: { id: latest.revid, timestamp: latest.timestamp, permalink: permalinkOf({ ...page, title: found.title }, latest.revid) },
  };
}
