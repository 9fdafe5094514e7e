import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { detectFormat } from '../ingest/formats/detect-format.js';
import type { SourceFormat } from '../ingest/index.js';
import { sha256 } from '../ingest/index.js';
import { archivedBase, archiveFolder } from './archive-name.js';
import type { Revision } from './mediawiki.js';
import { writeAtomic } from './write-atomic.js';


const recordSchema = z.object({
  source: z.string(),
  url: z.string(),
  finalUrl: z.string().optional(),
  fetched: z.string(),
  status: z.number().int(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  contentType: z.string().optional(),
  digest: z.string(),
  bytes: z.number().int(),
  file: z.string(),
  format: z.enum(['text', 'markdown', 'html', 'pdf']),
  revision: z.object({ id: z.number().int(), timestamp: z.string(), permalink: z.string() }).optional(),
  series: z.object({ of: z.string(), url: z.string(), year: z.number().int() }).optional(),
});

/**
 * The record kept beside each archived version: where and when it was fetched, what the server
 * said of it, and what it is. `file` is relative to the sources folder.
 */
export interface FetchRecord {
  readonly source: string;
  readonly url: string;
  /** Where the redirects ended, when they did elsewhere. */
  readonly finalUrl?: string;
  /** ISO time of the fetch. */
  readonly fetched: string;
  readonly status: number;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly contentType?: string;
  /** sha256 (hex) of the bytes. */
  readonly digest: string;
  readonly bytes: number;
  readonly file: string;
  readonly format: SourceFormat;
  /** The wiki revision, for a page fetched through the MediaWiki API. */
  readonly revision?: Revision;
  /** For a new document of a yearly series: the entry that declares it, its address pattern, the year. */
  readonly series?: { readonly of: string; readonly url: string; readonly year: number };
}

const extensions: Record<SourceFormat, string> = { text: 'txt', markdown: 'md', html: 'html', pdf: 'pdf' };

/** The file extension of an archived version in a format. */
export const extensionOf = (format: SourceFormat) => extensions[format];

/** The format of fetched bytes: by content, as ingest reads them (`text/markdown` makes plain text Markdown). */
export function formatOfFetched(bytes: Uint8Array, contentType: string | undefined): SourceFormat {
  const format = detectFormat('fetched', bytes);
  return format === 'text' && /^text\/(x-)?markdown\b/i.test(contentType ?? '') ? 'markdown' : format;
}

/** The folder of a source's versions. */
export const archiveDir = (sourcesDir: string, id: string) => path.join(sourcesDir, archiveFolder, id);

/** Every record of a source, oldest first (unreadable records are skipped). */
export async function sourceRecords(sourcesDir: string, id: string): Promise<FetchRecord[]> {
  const dir = archiveDir(sourcesDir, id);
  const names = await readdir(dir).catch(() => [] as string[]);
  const records = await Promise.all(
    names
      .filter((name) => name.endsWith('.json'))
      .map(async (name) => {
        try {
          return recordSchema.parse(JSON.parse(await readFile(path.join(dir, name), 'utf8'))) as FetchRecord;
        } catch {
          return undefined;
        }
      }),
  );
  return records.filter((record): record is FetchRecord => record !== undefined).sort((a, b) => (a.fetched < b.fetched ? -1 : a.fetched > b.fetched ? 1 : 0));
}

/** Every record in the archive, of every source (folder names are source ids). */
export async function allRecords(sourcesDir: string): Promise<FetchRecord[]> {
  const ids = await readdir(path.join(sourcesDir, archiveFolder)).catch(() => [] as string[]);
  return (await Promise.all(ids.map((id) => sourceRecords(sourcesDir, id)))).flat();
}

/** What to record of a fetch, besides what the bytes themselves give. */
export type FetchFacts = Omit<FetchRecord, 'digest' | 'bytes' | 'file' | 'format'>;

/**
 * Keep a version: `archive/<id>/<date>-<sha256 prefix>.<ext>` and its record beside it
 * (`.json`), written atomically. Content-addressed: bytes the archive already holds for the
 * source are not written again, and their first record is returned (`added: false`).
 */
export async function archiveVersion(sourcesDir: string, bytes: Uint8Array, facts: FetchFacts): Promise<{ readonly record: FetchRecord; readonly added: boolean }> {
  const digest = sha256(bytes);
  const existing = (await sourceRecords(sourcesDir, facts.source)).find((record) => record.digest === digest);
  if (existing) return { record: existing, added: false };
  const format = formatOfFetched(bytes, facts.contentType);
  const base = archivedBase(facts.fetched, digest);
  const dir = archiveDir(sourcesDir, facts.source);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${base}.${extensions[format]}`);
  const record: FetchRecord = { ...facts, digest, bytes: bytes.byteLength, format, file: path.relative(sourcesDir, file).split(path.sep).join('/') };
  await writeAtomic(file, bytes);
  await writeAtomic(path.join(dir, `${base}.json`), `${JSON.stringify(record, null, 2)}\n`);
  return { record, added: true };
}
