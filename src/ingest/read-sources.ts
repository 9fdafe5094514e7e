import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { codes, reportError, reportWarning } from '../diagnostics/index.js';
import type { ResultCache } from '../cache/index.js';
import { describeListEntry, readYaml, validateYaml, type YamlMemo } from '../yaml/index.js';
import { bibliographySchema, toCslItem, type CslItem, type SourceChrome, type SourceEntry } from './bibliography.js';
import { FormatError, type SourceFormat } from './formats/types.js';
import { setAsideChrome, type ChromeLine } from './page-chrome.js';
import type { ExtractCache } from './extract-cache.js';
import { readDocument, type DocumentContent } from './read-document.js';
import type { Heading, Paragraph } from './split-paragraphs.js';

/** A source document, read and normalised. */
export interface SourceDoc {
  /** Stable id from sources.yaml. */
  readonly id: string;
  /** Absolute path of the document. */
  readonly path: string;
  /** sha256 of the document's bytes. */
  readonly digest: string;
  /** The normalised text (NFC, `\n`, single spaces). */
  readonly file: VFile;
  /** The format it was read as (chosen by content). */
  readonly format: SourceFormat;
  /** Pages (PDF only). */
  readonly pages?: number;
  /** CSL-JSON metadata from sources.yaml. */
  readonly bib: CslItem;
  /** Headings found in the text. */
  readonly headings: readonly Heading[];
  /** Numbered paragraphs: what quotes are matched against. */
  readonly paragraphs: readonly Paragraph[];
  /** Lines (blocks, in extracted formats) set aside as page chrome. */
  readonly chrome: readonly ChromeLine[];
  /** 1-based line of the entry in sources.yaml. */
  readonly entryLine: number;
}

/** What ingest produces: the documents, and the files diagnostics are attached to. */
export interface SourceCollection {
  /** Documents by id, in bibliography order. */
  readonly docs: ReadonlyMap<string, SourceDoc>;
  /** The entries of sources.yaml by id (first of a duplicated id), with their 1-based line. */
  readonly entries: ReadonlyMap<string, { readonly entry: SourceEntry; readonly line: number }>;
  /** sources.yaml, with its digest. */
  readonly bibliography: { readonly path: string; readonly digest: string };
  /** Every message raised while reading. */
  readonly messages: readonly VFileMessage[];
  /** Raw text of the files that messages point into (for code frames). */
  readonly texts: ReadonlyMap<string, string>;
}

const stage = 'ingest';

/** Largest text, Markdown or HTML document accepted (a whole TIP report is about 100 KB of text). */
export const maxDocumentBytes = 16 * 1024 * 1024;
/** Largest PDF accepted (a whole TIP report with photographs runs to some tens of MB). */
export const maxPdfBytes = 200 * 1024 * 1024;

export const isPdf = (bytes: Uint8Array) => /^\s{0,16}%PDF-/.test(Buffer.from(bytes.subarray(0, 64)).toString('latin1'));

const formatNames: Record<SourceFormat, string> = { text: 'text', markdown: 'Markdown', html: 'an HTML page', pdf: 'a PDF' };

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A paragraph this long, holding nearly all of a document's words, means its paragraphs were not found. */
export const oneParagraphWords = 300;
// "Nearly all": a title, a date line or a heading may stand apart from the one paragraph.
const oneParagraphShare = 0.8;

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * The words of the one paragraph a document reads as, or undefined if it has paragraphs: a
 * paragraph longer than `oneParagraphWords` words with at least four fifths of the document's
 * words (what a copied page without blank lines gives, or a page whose text is one block).
 */
export function oneParagraph(paragraphs: readonly Paragraph[]): number | undefined {
  const words = paragraphs.filter((paragraph) => paragraph.heading === undefined).map((paragraph) => wordCount(paragraph.text));
  const most = words.reduce((largest, count) => Math.max(largest, count), 0);
  const total = words.reduce((sum, count) => sum + count, 0);
  return most > oneParagraphWords && most >= total * oneParagraphShare ? most : undefined;
}

/** How a `chrome:` item reads in a message: the line quoted, or the pattern as `/…/flags`. */
function describeChrome(entry: SourceChrome): string {
  return typeof entry === 'string' ? JSON.stringify(entry) : `/${entry.pattern}/${entry.flags ?? ''}`;
}

/** Where a document really is, or why it cannot be read. */
type Located =
  | { readonly problem?: undefined; readonly real: string }
  | { readonly problem: 'missing' }
  | { readonly problem: 'outside'; readonly real: string }
  | { readonly problem: 'not-a-file'; readonly kind: string };

/**
 * Resolve a document to its real path (symbolic links followed, at every level) and check it
 * before anything reads it: it must lie inside the sources folder (a bibliography edited by
 * many hands must never make the site publish /etc/passwd) and be a regular file (a FIFO would
 * hang the build; a folder is not a document).
 */
async function locateDocument(sourcesDir: string, docPath: string): Promise<Located> {
  let real: string;
  let root: string;
  try {
    [real, root] = await Promise.all([realpath(docPath), realpath(sourcesDir)]);
  } catch {
    return { problem: 'missing' };
  }
  const relative = path.relative(root, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { problem: 'outside', real };
  const info = await stat(real);
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : 'a device or other special file';
    return { problem: 'not-a-file', kind };
  }
  return { real };
}

/**
 * Read one version of a source's document, as `briefs check` reads it: the format chosen by
 * content, the text extracted (kept in `options.cache` by digest), the entry's `chrome:` set
 * aside. `unmatched`: the indexes of `chrome:` items that matched no line. Throws FormatError.
 */
export async function readVersion(
  entry: SourceEntry,
  docPath: string,
  bytes: Uint8Array,
  options: { readonly cache?: ExtractCache; readonly entryLine?: number } = {},
): Promise<{ readonly doc: SourceDoc; readonly unmatched: readonly number[] }> {
  const digest = sha256(bytes);
  const cached = await options.cache?.get(digest);
  const extracted: DocumentContent = cached ?? (await readDocument(docPath, bytes));
  // Plain text is read faster than its cache entry; extracted text is worth keeping.
  if (!cached && extracted.format !== 'text' && extracted.format !== 'markdown') await options.cache?.set(digest, extracted);
  // Chrome is set aside after the cache, on every read: the cache keeps what the document
  // says, and a change to the entry's `chrome:` list needs no fresh extraction.
  const { content, unmatched } = setAsideChrome(extracted, entry.chrome ?? []);
  const { format, text, headings, paragraphs, chrome } = content;
  const file = new VFile({ path: docPath, value: text });
  const doc: SourceDoc = {
    id: entry.id,
    path: docPath,
    digest,
    file,
    format,
    ...(content.pages !== undefined ? { pages: content.pages } : {}),
    bib: toCslItem(entry),
    headings,
    paragraphs,
    chrome,
    entryLine: options.entryLine ?? 0,
  };
  return { doc, unmatched };
}

/**
 * Read `sourcesDir/sources.yaml` and every document it lists. Text extracted from PDFs and web
 * pages is kept in `options.cache`, by the document's digest.
 */
export async function readSources(
  sourcesDir: string,
  options: { readonly cache?: ExtractCache; readonly yaml?: YamlMemo; readonly results?: ResultCache } = {},
): Promise<SourceCollection> {
  const bibPath = path.join(sourcesDir, 'sources.yaml');
  let bibText: string;
  try {
    bibText = await readFile(bibPath, 'utf8');
  } catch (error) {
    const missing = new VFile({ path: bibPath });
    reportError(missing, codes.fileMissing, [bibPath], { stage, cause: error });
    return { docs: new Map(), entries: new Map(), bibliography: { path: bibPath, digest: '' }, messages: missing.messages, texts: new Map() };
  }
  const bibFile = new VFile({ path: bibPath, value: bibText });
  const texts = new Map([[bibPath, bibText]]);
  const docs = new Map<string, SourceDoc>();
  const entryMap = new Map<string, { readonly entry: SourceEntry; readonly line: number }>();
  const result = () => ({
    docs,
    entries: entryMap,
    bibliography: { path: bibPath, digest: sha256(bibText) },
    // The documents are read at once, so their problems arrive in any order: report them in
    // the order of sources.yaml (a sort by line is stable for messages on one line).
    messages: [...[...bibFile.messages].sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER)), ...[...docs.values()].flatMap((doc) => doc.file.messages)],
    texts,
  });

  const yaml = readYaml(bibFile, stage, options.yaml, options.results);
  const entries = yaml && validateYaml(yaml, bibliographySchema, stage, describeListEntry('Source'));
  if (!yaml || !entries) return result();

  const seen = new Set<string>();
  const loaded = await Promise.all(
    entries.map(async (entry, index) => {
      const place = yaml.locate([index]);
      if (seen.has(entry.id)) {
        reportError(bibFile, codes.duplicateId, ['source', entry.id], { place: yaml.locate([index, 'id']), stage });
        return undefined;
      }
      seen.add(entry.id);
      entryMap.set(entry.id, { entry, line: place.line });
      const docPath = path.resolve(sourcesDir, entry.file);
      const filePlace = yaml.locate([index, 'file']);
      const found = await locateDocument(sourcesDir, docPath);
      if (found.problem === 'missing') {
        reportError(bibFile, codes.sourceFileMissing, [entry.id, entry.file], { place: filePlace, stage });
        return undefined;
      }
      if (found.problem === 'outside') {
        reportError(bibFile, codes.sourceOutsideCollection, [entry.id, entry.file, found.real], { place: filePlace, stage });
        return undefined;
      }
      if (found.problem === 'not-a-file') {
        reportError(bibFile, codes.sourceNotAFile, [entry.id, entry.file, found.kind], { place: filePlace, stage });
        return undefined;
      }
      let bytes: Buffer;
      try {
        bytes = await readFile(found.real);
      } catch (error) {
        reportError(bibFile, codes.sourceFileMissing, [entry.id, entry.file], { place: filePlace, stage, cause: error });
        return undefined;
      }
      const limit = isPdf(bytes) ? maxPdfBytes : maxDocumentBytes;
      if (bytes.length > limit) {
        reportError(bibFile, codes.sourceTooLarge, [entry.file, bytes.length, limit], { place: yaml.locate([index, 'file']), stage });
        return undefined;
      }
      let read: { readonly doc: SourceDoc; readonly unmatched: readonly number[] };
      try {
        read = await readVersion(entry, docPath, bytes, { ...(options.cache ? { cache: options.cache } : {}), entryLine: place.line });
      } catch (error) {
        if (!(error instanceof FormatError)) throw error;
        const place = yaml.locate([index, 'file']);
        if (/not valid UTF-8/.test(error.detail)) reportError(bibFile, codes.sourceUnreadable, [entry.file, error.detail], { place, stage });
        else reportError(bibFile, codes.sourceFormat, [entry.file, formatNames[error.format], error.detail], { place, stage, cause: error });
        return undefined;
      }
      const { doc, unmatched } = read;
      const sourceChrome = entry.chrome ?? [];
      for (const item of unmatched) {
        reportWarning(bibFile, codes.chromeUnmatched, [entry.id, describeChrome(sourceChrome[item]!), entry.file], { place: yaml.locate([index, 'chrome', item]), stage });
      }
      if (doc.paragraphs.length === 0) {
        reportError(bibFile, codes.sourceEmpty, [entry.file], { place: yaml.locate([index, 'file']), stage });
      }
      const words = oneParagraph(doc.paragraphs);
      if (words !== undefined) {
        reportWarning(bibFile, codes.sourceOneParagraph, [entry.file, words], { place: yaml.locate([index, 'file']), stage });
      }
      return doc;
    }),
  );
  for (const doc of loaded) if (doc) docs.set(doc.id, doc);
  return result();
}
