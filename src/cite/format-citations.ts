import type { Engine } from 'citeproc';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { noResultCache, type ResultCache } from '../cache/index.js';
import type { VerifiedFact } from '../facts/index.js';
import { describeLocator, type SourceDoc } from '../ingest/index.js';
import type { CitationStyle } from './citation-style.js';

/**
 * citeproc-js (about 0.7 MB of code, 80 ms to load), loaded on first use: a build whose notes
 * and references are all in the result cache never loads it. Synchronously, from the package
 * (the notes are formatted inside the Markdown pipeline, which does not wait); Node keeps it
 * loaded from then on.
 */
const requireHere = createRequire(import.meta.url);
const citeproc = (): typeof import('citeproc').default => requireHere('citeproc') as typeof import('citeproc').default;

/** One note of a brief: one marker in the text, one note (Chicago notes: a source cited again gets a short note). */
export interface FormattedNote {
  /** The facts the note cites: one, or several where one marker stands for them (a table row). */
  readonly factIds: readonly string[];
  /** The note's number in its brief (one per marker, in reading order). */
  readonly n: number;
  /** The reference(s), as HTML from the CSL processor (with the ¶ or page locator; no URL: the Sources list has it). */
  readonly referenceHtml: string;
  /** The quoted passages, whole, one per citation. */
  readonly excerpts: readonly NoteExcerpt[];
}

/** One quoted passage of a note. */
export interface NoteExcerpt {
  readonly sourceId: string;
  readonly paragraph: number;
  /** The passage's offsets in the paragraph's text (for the source viewer's anchor). */
  readonly start: number;
  readonly end: number;
  /** The passage, verbatim (white space collapsed). */
  readonly text: string;
  /** Where it is: "¶ 6", "p. 12". */
  readonly place: string;
  /** The source's short name (its `label`, or its title). */
  readonly sourceLabel: string;
  /** The passage on the original web page (a text fragment link), for a source read from a web page. */
  readonly original?: string;
}

/** Notes and the Sources list of one brief. */
export interface FormattedCitations {
  readonly notes: readonly FormattedNote[];
  /** One bibliography entry (HTML) per cited document, in the style's order. */
  readonly bibliography: readonly { readonly sourceId: string; readonly html: string }[];
}

/** Cut a quote to about `max` characters at a word boundary. */
export function excerpt(quote: string, max = 140): string {
  const text = quote.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * One cluster item per cited source, its places together (`¶¶ 8, 9`, `pp. 12, 14`): a fact
 * quoting one document three times names it once, not three times. A PDF is cited by page.
 */
function citationItems(facts: readonly VerifiedFact[]): { id: string; locator: string; label: string }[] {
  const bySource = new Map<string, { label: string; places: { order: number; value: string }[] }>();
  for (const citation of facts.flatMap((fact) => fact.citations)) {
    const { locator, paragraph } = citation.match;
    const entry = bySource.get(citation.source) ?? { label: locator.label, places: [] };
    if (!entry.places.some((place) => place.value === locator.value)) entry.places.push({ order: paragraph, value: locator.value });
    bySource.set(citation.source, entry);
  }
  return [...bySource.entries()].map(([id, { label, places }]) => {
    const values = [...places].sort((a, b) => a.order - b.order).map((place) => place.value);
    return { id, locator: values.join(', '), label };
  });
}

/**
 * The citation formatter of a build: citeproc-js engines made on first use (making one is the
 * slow part, about 0.1 s) and reset to an empty state before each job, so every brief starts
 * afresh (Chicago's full first note, short notes after) as with an engine of its own. Notes are
 * formatted from the documents' metadata without their URLs (a printed note does not repeat an
 * address the Sources list gives); the Sources list keeps them.
 */
export interface Citer {
  /** The notes and Sources list of one brief: one note per marker (the facts it cites), in reading order (see formatCitations). */
  readonly notes: (cited: readonly (readonly VerifiedFact[])[]) => FormattedCitations;
  /** Each document's bibliography entry on its own (see formatReferences). */
  readonly references: () => Map<string, string>;
}

/** A document's metadata as a note cites it: without its URL. */
const noteItem = (docs: ReadonlyMap<string, SourceDoc>, id: string) => {
  const bib = docs.get(id)?.bib;
  if (!bib) return undefined;
  const { URL: _url, ...rest } = bib;
  return rest;
};

/**
 * A citer for the documents `docs` in `style`. With a `cache`, a brief whose notes were
 * formatted before from the same style, locale, metadata and citations (a rebuild after a
 * document's text changed, another brief edited) gets them from it without running citeproc-js.
 */
export function createCiter(docs: ReadonlyMap<string, SourceDoc>, style: CitationStyle, cache: ResultCache = noResultCache): Citer {
  const engines = new Map<'notes' | 'bibliography', Engine>();
  // The style and locale parsed once per citer: each engine starts from them (parsing is the slow part).
  let parsed: { readonly style: ReturnType<ReturnType<typeof citeproc>['parseXml']>; readonly locale: ReturnType<ReturnType<typeof citeproc>['parseXml']> } | undefined;
  const fresh = (kind: 'notes' | 'bibliography'): Engine => {
    let engine = engines.get(kind);
    if (!engine) {
      const CSL = citeproc();
      parsed ??= { style: CSL.parseXml(style.style), locale: CSL.parseXml(style.locale) };
      const { locale } = parsed;
      const retrieveItem = kind === 'notes' ? (id: string) => noteItem(docs, id) : (id: string) => docs.get(id)?.bib;
      engine = new CSL.Engine({ retrieveLocale: () => locale, retrieveItem }, parsed.style, style.lang);
      engines.set(kind, engine);
    }
    // No citations: the registry, disambiguation and scratch state start empty again.
    engine.restoreProcessorState();
    engine.setOutputFormat('html');
    return engine;
  };
  // The style and locale by digest, once: every brief's key holds them.
  let styleKey: string | undefined;
  const styleOf = () => (styleKey ??= createHash('sha256').update(style.style).update('\0').update(style.locale).update('\0').update(style.lang).digest('hex'));
  return {
    notes: (cited) => {
      const sources = citedSources(cited);
      const clusters = cited.map(citationItems);
      // Everything the engines read: the style, each cited document's metadata as the notes
      // and the Sources list see it, and the citations in order.
      const inputs = { style: styleOf(), items: sources.map((id) => [id, noteItem(docs, id) ?? null, docs.get(id)?.bib ?? null]), clusters };
      const entry = cache.entry('notes', inputs);
      const kept = entry.get(isFormatted);
      const formatted = kept ?? formatNotes(clusters, sources, fresh('notes'), fresh('bibliography'));
      if (!kept) entry.set(formatted);
      return withPassages(cited, formatted, docs);
    },
    references: () => {
      // Every document's entry, as the Sources lists see them: kept while the style and the metadata are the same.
      const entry = cache.entry('references', { style: styleOf(), items: [...docs].map(([id, doc]) => [id, doc.bib]) });
      const kept = entry.get(isReferences);
      if (kept) return new Map(kept);
      const references = referencesOf(docs, fresh('bibliography'));
      entry.set([...references]);
      return references;
    },
  };
}

/**
 * Format the notes of one brief with fresh citeproc-js engines: `cited` holds the facts of each
 * note marker in reading order (a fact cited twice appears twice: its second note is short).
 * A build formats all its briefs with one `createCiter`.
 */
export function formatCitations(
  cited: readonly (readonly VerifiedFact[])[],
  docs: ReadonlyMap<string, SourceDoc>,
  style: CitationStyle,
): FormattedCitations {
  return createCiter(docs, style).notes(cited);
}

/**
 * The bibliography entry (HTML) of each document, as the Sources list of a brief prints it:
 * for the source viewer's header.
 */
export function formatReferences(docs: ReadonlyMap<string, SourceDoc>, style: CitationStyle): Map<string, string> {
  return createCiter(docs, style).references();
}

/** A note's passages: each quoted passage of its facts once, by source, in the order of the source. */
function notePassages(facts: readonly VerifiedFact[]) {
  const seen = new Map<string, VerifiedFact['citations'][number]>();
  for (const citation of facts.flatMap((fact) => fact.citations)) {
    const key = [citation.source, citation.match.paragraph, citation.match.start, citation.match.end].join(' ');
    if (!seen.has(key)) seen.set(key, citation);
  }
  const sources = [...new Set([...seen.values()].map((citation) => citation.source))];
  return [...seen.values()].sort(
    (a, b) => sources.indexOf(a.source) - sources.indexOf(b.source) || a.match.paragraph - b.match.paragraph || a.match.start - b.match.start,
  );
}

/** The documents the notes cite, each once, in order of first citation. */
const citedSources = (cited: readonly (readonly VerifiedFact[])[]) => [...new Set(cited.flat().flatMap((fact) => fact.citations.map((citation) => citation.source)))];

/** What citeproc-js makes of a brief's citations: each note's reference, and the Sources list. */
interface Formatted {
  readonly references: readonly string[];
  readonly bibliography: readonly { readonly sourceId: string; readonly html: string }[];
}

/**
 * Markup citeproc-js never writes: a kept result holding any (a cache file edited by hand) is
 * formatted again rather than trusted, since the Sources list enters the brief after the HTML
 * is sanitised.
 */
const foreign = /<(?:script|iframe|object|embed|style|img|svg|link|meta|base|form|input)\b|\son[a-z]+\s*=|javascript:/i;

const isMarkup = (value: unknown): value is string => typeof value === 'string' && !foreign.test(value);

const isFormatted = (value: unknown): value is Formatted => {
  if (typeof value !== 'object' || value === null) return false;
  const { references, bibliography } = value as Partial<Record<keyof Formatted, unknown>>;
  return (
    Array.isArray(references) &&
    references.every(isMarkup) &&
    Array.isArray(bibliography) &&
    bibliography.every((entry: unknown) => {
      const { sourceId, html } = (entry ?? {}) as Record<string, unknown>;
      return typeof sourceId === 'string' && isMarkup(html);
    })
  );
};

const isReferences = (value: unknown): value is [string, string][] =>
  Array.isArray(value) && value.every((pair: unknown) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && isMarkup(pair[1]));

function formatNotes(clusters: ReturnType<typeof citationItems>[], sources: readonly string[], notes: Engine, bibliography: Engine): Formatted {
  notes.updateItems([...sources]);

  // All notes in one pass (citeproc-js works out first and subsequent positions itself);
  // adding them one by one re-processes every earlier note each time. Note numbers go up in
  // twos for the engine: a source cited in the note just before is then not "ibid", which
  // the style prints as the author alone ("United States Department of State, ¶ 6."), a note
  // that names no source once the notes are set on different pages. Every later note is the
  // short form: author, short title, place.
  const texts = new Map<string, string>();
  const results = notes.rebuildProcessorState(
    clusters.map((items, index) => ({
      citationID: `note-${index + 1}`,
      citationItems: items,
      properties: { noteIndex: 2 * (index + 1) },
    })),
    'html',
  );
  for (const [id, , text] of results) texts.set(id, text);

  bibliography.updateItems([...sources]);
  const made = sources.length > 0 ? bibliography.makeBibliography() : false;
  const entries = made
    ? made[1].map((html, index) => ({ sourceId: made[0].entry_ids[index]?.[0] ?? '', html: html.trim() }))
    : [];
  return { references: clusters.map((_, index) => texts.get(`note-${index + 1}`) ?? ''), bibliography: entries };
}

/** The notes with their quoted passages (made from the facts each time: cheap, and not kept). */
function withPassages(cited: readonly (readonly VerifiedFact[])[], formatted: Formatted, docs: ReadonlyMap<string, SourceDoc>): FormattedCitations {
  const notes = cited.map((facts, index) => ({
    factIds: facts.map((fact) => fact.id),
    n: index + 1,
    referenceHtml: formatted.references[index] ?? '',
    excerpts: notePassages(facts).map((citation) => ({
      sourceId: citation.source,
      paragraph: citation.match.paragraph,
      start: citation.match.textStart,
      end: citation.match.textEnd,
      text: citation.quote.replace(/\s+/g, ' ').trim(),
      place: describeLocator(citation.match.locator),
      sourceLabel: docs.get(citation.source)?.bib.label ?? docs.get(citation.source)?.bib.title ?? citation.source,
      ...originalOf(docs.get(citation.source), citation.quote),
    })),
  }));
  return { notes, bibliography: formatted.bibliography };
}

/** Characters of a text fragment's start and end (`#:~:text=start,end`): a few words each. */
const fragmentWords = 5;

/** Percent-encode a text-fragment term (also `-`, `,` and `&`, which the syntax reserves). */
const fragmentTerm = (words: readonly string[]) => encodeURIComponent(words.join(' ')).replace(/-/g, '%2D');

/**
 * A link to the passage on the live web page, with a text fragment (`#:~:text=`) a browser
 * scrolls to and highlights: for a document read from a web page or copied from one (not a
 * PDF, whose viewer ignores fragments), with an http(s) `URL`.
 */
export function originalOf(doc: SourceDoc | undefined, quote: string): { original?: string } {
  const url = doc?.bib.URL;
  if (!doc || !url || doc.format === 'pdf' || !/^https?:\/\//i.test(url)) return {};
  const words = quote.replace(/\s+/g, ' ').trim().split(' ');
  const terms =
    words.length <= 2 * fragmentWords
      ? fragmentTerm(words)
      : `${fragmentTerm(words.slice(0, fragmentWords))},${fragmentTerm(words.slice(-fragmentWords))}`;
  return { original: `${url.replace(/#.*$/, '')}#:~:text=${terms}` };
}

function referencesOf(docs: ReadonlyMap<string, SourceDoc>, engine: Engine): Map<string, string> {
  // One entry at a time: in a list, the style would put "———." for an author repeated from the
  // entry before, which means nothing on a page of its own.
  const references = new Map<string, string>();
  for (const id of docs.keys()) {
    engine.updateItems([id]);
    const made = engine.makeBibliography();
    if (made && made[1][0]) references.set(id, made[1][0].trim());
  }
  return references;
}
