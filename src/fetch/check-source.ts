import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Fact, QuoteFinder } from '../facts/index.js';
import { FormatError, isPdf, maxDocumentBytes, maxPdfBytes, readVersion, sha256, type ExtractCache, type SourceDoc, type SourceEntry, type SourceFormat } from '../ingest/index.js';
import { archiveVersion, extensionOf, formatOfFetched, sourceRecords, type FetchRecord } from './archive.js';
import { driftOf, stillThere, type QuoteDrift } from './drift.js';
import { httpGet, megabytes, type GetResult, type Validators } from './http-get.js';
import { fetchRevision, wikiPageOf, type Revision } from './mediawiki.js';
import type { PinState, SourceDrift } from './types.js';

/** What checking sources shares: where things are, what the pins say, how to fetch. */
export interface CheckContext {
  readonly sourcesDir: string;
  readonly cache?: ExtractCache;
  readonly find: QuoteFinder;
  /** Every fact (those citing a source are checked against its new versions). */
  readonly facts: ReadonlyMap<string, Fact>;
  /** The pinned documents, as `briefs check` read them. */
  readonly docs: ReadonlyMap<string, SourceDoc>;
  /** Move a pin when every quote still verifies (`--accept`). */
  readonly accept: boolean;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly now: () => Date;
  readonly signal?: AbortSignal;
  /** Wait before the first retry (doubled for the next); tests make it short. */
  readonly backoffMs?: number;
}

/** A watched source: its entry, where it is fetched from, and what the last run knew of it. */
export interface WatchedSource {
  readonly entry: SourceEntry;
  readonly line: number;
  readonly url: string;
  /** The last run's report on it, when it fetched the same address. */
  readonly previous?: SourceDrift;
}

/** Address of the entry's live copy: `fetch.url`, else `URL`. */
export const watchAddress = (entry: SourceEntry): string | undefined => entry.fetch?.url ?? entry.URL;

const formatNames = { text: 'plain text', markdown: 'Markdown', html: 'an HTML page', pdf: 'a PDF' } as const;

/** `HTTP 500 after 3 tries; redirected to …`: a failed GET in a line. */
function failureDetail(got: Extract<GetResult, { kind: 'failed' }>): string {
  const moved = got.redirects.length > 0 ? ` (after a redirect to ${got.redirects[got.redirects.length - 1]!.to})` : '';
  return `${got.problem === 'gone' ? 'gone: ' : ''}${got.reason}${moved}`;
}

/**
 * Fetch one watched source and say what became of it: unchanged, changed (the new version
 * archived, every quote citing it checked against it, the pin moved when that is safe and
 * wanted), or failed (nothing archived). A source whose newest known version differs from its
 * pin is checked against that version even when this fetch gives nothing new, so a broken
 * quote stays reported until a curator deals with it.
 */
export async function checkSource(source: WatchedSource, context: CheckContext): Promise<{ readonly drift: SourceDrift; readonly move?: FetchRecord }> {
  const { entry } = source;
  const pinnedDoc = context.docs.get(entry.id);
  const pinnedPath = path.resolve(context.sourcesDir, entry.file);
  const pinnedDigest = pinnedDoc?.digest ?? sha256(await readFile(pinnedPath).catch(() => Buffer.alloc(0)));
  const checked = context.now().toISOString();
  const base = {
    id: entry.id,
    url: source.url,
    line: source.line,
    pinned: { file: entry.file, digest: pinnedDigest, ...(entry.accessed ? { accessed: entry.accessed } : {}) },
    checked,
  };
  const every = entry.fetch?.every;
  const previous = source.previous;
  const records = await sourceRecords(context.sourcesDir, entry.id);
  const skip = every && previous && context.now().getTime() - Date.parse(previous.checked) < every.ms;
  // The entry's limit, else check's: a PDF (by its Content-Type) may be larger than anything else.
  const maxBytes = entry.fetch?.['max-bytes'] ?? ((type: string | undefined) => (/^application\/(x-)?pdf\b/i.test(type ?? '') || type === undefined || /^application\/octet-stream\b/i.test(type) ? maxPdfBytes : maxDocumentBytes));
  const wiki = wikiPageOf(source.url, entry.fetch?.api === 'mediawiki');
  // Validators only for the version they came with: the last run's, when it is still known.
  const validators: Validators | undefined = previous?.liveDigest ? previous.validators : undefined;
  const request = { timeoutMs: context.timeoutMs, maxBytes, userAgent: context.userAgent, ...(context.signal ? { signal: context.signal } : {}), ...(context.backoffMs !== undefined ? { backoffMs: context.backoffMs } : {}) };
  // Within `every` nothing is fetched, but the last version seen is still weighed against the pin.
  const got: GetResult | { readonly kind: 'skipped' } = skip
    ? { kind: 'skipped' }
    : wiki
      ? await fetchRevision(wiki, request)
      : await httpGet(source.url, { ...request, ...(validators ? { validators } : {}) });
  const http =
    got.kind === 'skipped'
      ? previous?.http
      : { tries: got.tries, redirects: got.redirects, ...(got.kind === 'ok' ? { status: got.status } : got.kind === 'not-modified' ? { status: 304 } : { ...(got.status ? { status: got.status } : {}), problem: got.problem }) };

  // The newest version upstream: what this fetch got, else what the last run knew.
  let liveDigest: string | undefined;
  let liveRecord: FetchRecord | undefined;
  let bytes: Uint8Array | undefined;
  let result: SourceDrift['result'];
  let detail: string;
  let revision: Revision | undefined;
  if (got.kind === 'skipped') {
    const last = previous!.checked;
    result = 'skipped';
    detail = `checked ${last.slice(0, 10)}; next after ${new Date(Date.parse(last) + every!.ms).toISOString().slice(0, 10)} (every ${every!.text})`;
    liveDigest = previous!.liveDigest;
  } else if (got.kind === 'failed') {
    result = 'failed';
    detail = `${failureDetail(got)}; nothing archived, the pinned copy stays`;
    liveDigest = previous?.liveDigest;
  } else if (got.kind === 'not-modified') {
    result = 'unchanged';
    detail = '304 Not Modified';
    liveDigest = previous?.liveDigest;
  } else {
    bytes = got.bytes;
    liveDigest = sha256(bytes);
    if ('revision' in got) revision = (got as { revision: Revision }).revision;
    const wanted = entry.fetch?.format;
    const limit = isPdf(bytes) ? maxPdfBytes : maxDocumentBytes;
    const refuse = (why: string) => ({ drift: { ...base, result: 'failed' as const, detail: `${why}; nothing archived, the pinned copy stays`, ...(http ? { http } : {}), pin: 'current' as PinState, quotes: [], ...(previous?.liveDigest ? { liveDigest: previous.liveDigest } : {}) } });
    if (bytes.byteLength === 0) return refuse('the server sent an empty body');
    let format: SourceFormat;
    try {
      format = formatOfFetched(bytes, got.contentType);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      return refuse(`the server sent a file no reader takes (${error.detail})`);
    }
    if (wanted && format !== wanted) return refuse(`the server sent ${formatNames[format]}, not ${formatNames[wanted]} as \`fetch.format\` says`);
    if (bytes.byteLength > limit) return refuse(`the body is ${megabytes(bytes.byteLength)}, over the ${megabytes(limit)} a document that is not a PDF may be`);
    const unchangedVersion = liveDigest === pinnedDigest || records.some((record) => record.digest === liveDigest);
    result = unchangedVersion ? 'unchanged' : 'changed';
    const moved = got.redirects.find((redirect) => redirect.status === 301 || redirect.status === 308);
    detail = revision
      ? `revision ${revision.id} of ${revision.timestamp.slice(0, 10)}`
      : moved
        ? `moved permanently to ${got.url}: update \`fetch.url\` or \`URL\``
        : unchangedVersion && liveDigest === pinnedDigest
          ? 'the same bytes as the pinned copy'
          : '';
    if (!unchangedVersion) {
      // Read before archiving: a version the readers cannot read is reported, not kept.
      try {
        const { doc } = await readVersion(entry, path.join(context.sourcesDir, 'archive', entry.id, `new.${extensionOf(format)}`), bytes, context.cache ? { cache: context.cache } : {});
        if (doc.paragraphs.length === 0) return refuse('the new version has no text');
      } catch (error) {
        if (!(error instanceof FormatError)) throw error;
        return refuse(`the new version cannot be read (${error.detail})`);
      }
      const archived = await archiveVersion(context.sourcesDir, bytes, {
        source: entry.id,
        url: source.url,
        ...(got.url !== source.url && !wiki ? { finalUrl: got.url } : {}),
        fetched: checked,
        status: got.status,
        ...got.validators,
        ...(got.contentType ? { contentType: got.contentType } : {}),
        ...(revision ? { revision } : {}),
      });
      liveRecord = archived.record;
    }
  }
  if (liveDigest !== undefined && liveDigest !== pinnedDigest) liveRecord ??= (records.find((record) => record.digest === liveDigest) ?? undefined);
  const validatorsNow = got.kind === 'ok' || got.kind === 'not-modified' ? got.validators : previous?.validators;
  const shared = { ...base, ...(result === 'skipped' ? { checked: previous!.checked } : {}), result, detail, ...(http ? { http } : {}), ...(validatorsNow && Object.keys(validatorsNow).length > 0 ? { validators: validatorsNow } : {}), ...(liveDigest ? { liveDigest } : {}) };
  if (!liveRecord || liveDigest === pinnedDigest) return { drift: { ...shared, pin: 'current', quotes: [] } };

  // The live version differs from the pin: check every quote against it.
  const liveBytes = bytes && sha256(bytes) === liveRecord.digest ? bytes : await readFile(path.join(context.sourcesDir, liveRecord.file));
  const { doc } = await readVersion(entry, path.join(context.sourcesDir, liveRecord.file), liveBytes, context.cache ? { cache: context.cache } : {});
  const quotes: QuoteDrift[] = driftOf(context.facts.values(), pinnedDoc, doc, context.find);
  const safe = quotes.every((quote) => stillThere(quote.status));
  const accept = context.accept || entry.fetch?.accept === 'auto';
  const pin: PinState = !safe ? 'held' : accept ? 'moved' : 'pending';
  return { drift: { ...shared, live: liveRecord, pin, quotes }, ...(pin === 'moved' ? { move: liveRecord } : {}) };
}
