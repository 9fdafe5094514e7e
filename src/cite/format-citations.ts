import CSL, { type Engine } from 'citeproc';
import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import type { CitationStyle } from './citation-style.js';

/** The note for one cited fact. */
export interface FormattedNote {
  /** The fact the note cites. */
  readonly factId: string;
  /** The note's number in its brief. */
  readonly n: number;
  /** The reference(s), as HTML from the CSL processor (with the ¶ locator). */
  readonly referenceHtml: string;
  /** Short excerpts of the quoted passages, one per citation. */
  readonly excerpts: readonly NoteExcerpt[];
  /** Other facts with exactly the same citations: they share this note instead of repeating it. */
  readonly aliases?: readonly string[];
}

/** One quoted passage of a note. */
export interface NoteExcerpt {
  readonly sourceId: string;
  readonly paragraph: number;
  /** The passage's offsets in the paragraph's text (for the source viewer's anchor). */
  readonly start: number;
  readonly end: number;
  /** The excerpt printed in the note. */
  readonly text: string;
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

/** Characters of quoted excerpt per note, shared between its quotes: notes stay one or two lines. */
export const noteExcerptBudget = 70;
/** The most and the least any one quote of a note gets. */
const excerptMax = 48;
const excerptMin = 30;

/**
 * Excerpt length for each quote of a note citing `sources` different documents in `passages`
 * passages: a note prints the first excerpt of each source, at most two (see remark-citations),
 * sharing the budget; where "and N more passages" follows, excerpts are shorter still.
 */
export function excerptLength(sources: number, passages = sources): number {
  const shown = Math.min(2, Math.max(1, sources));
  const budget = passages > shown ? noteExcerptBudget - 28 : noteExcerptBudget;
  return Math.max(excerptMin, Math.min(excerptMax, Math.floor(budget / shown)));
}

/**
 * One cluster item per cited source, its places together (`¶¶ 8, 9`, `pp. 12, 14`): a fact
 * quoting one document three times names it once, not three times. A PDF is cited by page.
 */
function citationItems(fact: VerifiedFact): { id: string; locator: string; label: string }[] {
  const bySource = new Map<string, { label: string; places: { order: number; value: string }[] }>();
  for (const citation of fact.citations) {
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

const signature = (fact: VerifiedFact) =>
  JSON.stringify(fact.citations.map((citation) => [citation.source, citation.match.paragraph, citation.match.start, citation.match.end]));

/**
 * The citation formatter of a build: one citeproc-js engine, made on first use (making it is
 * the slow part, about 0.1 s) and reset to an empty state before each job, so every brief
 * starts afresh (Chicago's full first note, short notes after) as with an engine of its own.
 */
export interface Citer {
  /** The notes and Sources list of one brief (see formatCitations). */
  readonly notes: (facts: readonly VerifiedFact[]) => FormattedCitations;
  /** Each document's bibliography entry on its own (see formatReferences). */
  readonly references: () => Map<string, string>;
}

/** A citer for the documents `docs` in `style`. */
export function createCiter(docs: ReadonlyMap<string, SourceDoc>, style: CitationStyle): Citer {
  let engine: Engine | undefined;
  const fresh = (): Engine => {
    engine ??= new CSL.Engine(
      { retrieveLocale: () => style.parsedLocale, retrieveItem: (id: string) => docs.get(id)?.bib },
      style.parsed,
      style.lang,
    );
    // No citations: the registry, disambiguation and scratch state start empty again.
    engine.restoreProcessorState();
    engine.setOutputFormat('html');
    return engine;
  };
  return { notes: (facts) => notesOf(facts, fresh()), references: () => referencesOf(docs, fresh()) };
}

/**
 * Format the notes of one brief, in order of first use, with a fresh citeproc-js engine
 * (so Chicago's full first note and short later notes restart with each brief). Facts that
 * cite exactly the same passages (two figures from one sentence) share one note. A build
 * formats all its briefs with one `createCiter`.
 */
export function formatCitations(
  allFacts: readonly VerifiedFact[],
  docs: ReadonlyMap<string, SourceDoc>,
  style: CitationStyle,
): FormattedCitations {
  return createCiter(docs, style).notes(allFacts);
}

/**
 * The bibliography entry (HTML) of each document, as the Sources list of a brief prints it:
 * for the source viewer's header.
 */
export function formatReferences(docs: ReadonlyMap<string, SourceDoc>, style: CitationStyle): Map<string, string> {
  return createCiter(docs, style).references();
}

function notesOf(allFacts: readonly VerifiedFact[], engine: Engine): FormattedCitations {
  const aliases = new Map<string, string[]>();
  const first = new Map<string, string>();
  const orderedFacts: VerifiedFact[] = [];
  for (const fact of allFacts) {
    const key = signature(fact);
    const primary = first.get(key);
    if (primary === undefined) {
      first.set(key, fact.id);
      aliases.set(fact.id, []);
      orderedFacts.push(fact);
    } else if (primary !== fact.id) {
      aliases.get(primary)!.push(fact.id);
    }
  }
  const cited = [...new Set(orderedFacts.flatMap((fact) => fact.citations.map((citation) => citation.source)))];
  engine.updateItems(cited);

  // All notes in one pass (citeproc-js works out first and subsequent positions itself);
  // adding them one by one re-processes every earlier note each time.
  const texts = new Map<string, string>();
  const results = engine.rebuildProcessorState(
    orderedFacts.map((fact, index) => ({
      citationID: `note-${index + 1}`,
      citationItems: citationItems(fact),
      properties: { noteIndex: index + 1 },
    })),
    'html',
  );
  for (const [id, , text] of results) texts.set(id, text);

  const notes = orderedFacts.map((fact, index) => ({
    factId: fact.id,
    n: index + 1,
    referenceHtml: texts.get(`note-${index + 1}`) ?? '',
    excerpts: fact.citations.map((citation) => ({
      sourceId: citation.source,
      paragraph: citation.match.paragraph,
      start: citation.match.textStart,
      end: citation.match.textEnd,
      text: excerpt(citation.quote, excerptLength(new Set(fact.citations.map((c) => c.source)).size, fact.citations.length)),
    })),
    aliases: aliases.get(fact.id) ?? [],
  }));

  const made = cited.length > 0 ? engine.makeBibliography() : false;
  const bibliography = made
    ? made[1].map((html, index) => ({ sourceId: made[0].entry_ids[index]?.[0] ?? '', html: html.trim() }))
    : [];
  return { notes, bibliography };
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
