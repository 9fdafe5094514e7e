import type { VerifiedFact } from '../facts/index.js';
import { englishLocale, type Locale } from '../locale/index.js';

/** What one brief records of its facts while its template renders. */
export interface NoteLedger {
  /** Fact ids with a note marker in the brief, in order of first use. */
  readonly used: string[];
  /** Facts stated in the body or in a table cell (so `fresh=true` lists skip them). */
  readonly placed: Set<string>;
  /** Facts whose statement the brief prints in full (not only a table cell or a reference). */
  readonly stated: Set<string>;
  /** Facts whose caveat (`note`) the brief prints. */
  readonly noted: Set<string>;
  /** Parts of the brief its template wrote that a check asks for (`disagreements`). */
  readonly parts: Set<string>;
  /** Explanations already printed (a `derived.why` shared by many facts is printed once). */
  readonly explained: Set<string>;
  /**
   * Caveats of table cells and chart values, as Markdown list items, for "Where the sources
   * disagree or are silent" (one place for them, not stacked under each table).
   */
  readonly asides: string[];
  /** Facts the template made key points (`point`), in order: a key point must not be stale. */
  readonly points: string[];
  /** Reports before this year are given in brief (`(reports older=N)`): their facts may be left out, with a warning. */
  inBriefBefore?: number;
}

/** A ledger with nothing recorded yet. */
export function emptyLedger(): NoteLedger {
  return { used: [], placed: new Set(), stated: new Set(), noted: new Set(), parts: new Set(), explained: new Set(), asides: [], points: [] };
}

/** How builders put a fact's note marker into Markdown while recording its use. */
export interface NoteMarks {
  /** The interface language the builders write their own words in (the collection's). */
  readonly language: Locale;
  /** The marker `[^id]`; records the fact as used by the brief. */
  readonly cite: (fact: VerifiedFact) => string;
  /** The same, and records the fact as stated in the body (so `fresh=true` lists skip it); a table cell or a chart only cites. */
  readonly state: (fact: VerifiedFact) => string;
  /** Records that the brief prints the fact's statement in full (call where it is written). */
  readonly printed: (fact: VerifiedFact) => void;
  /** Whether an explanation is new to the brief (and records it): say each thing once. */
  readonly firstTime: (explanation: string) => boolean;
  /**
   * Whether the fact's caveat is still to be printed in this brief: true the first time for a
   * fact with a `note` (and records it as printed), false after, and for a fact without one.
   */
  readonly caveatDue: (fact: VerifiedFact) => boolean;
}

/** Note marks that record into a brief's ledger. */
export function createNoteMarks(ledger: NoteLedger, language: Locale = englishLocale()): NoteMarks {
  const cite = (fact: VerifiedFact) => {
    if (!ledger.used.includes(fact.id)) ledger.used.push(fact.id);
    return `[^${fact.id}]`;
  };
  return {
    language,
    cite,
    state: (fact) => {
      ledger.placed.add(fact.id);
      return cite(fact);
    },
    printed: (fact) => {
      ledger.stated.add(fact.id);
    },
    firstTime: (explanation) => {
      if (ledger.explained.has(explanation)) return false;
      ledger.explained.add(explanation);
      return true;
    },
    caveatDue: (fact) => {
      if (!fact.note || ledger.explained.has(`\u0000caveat ${fact.id}`)) return false;
      ledger.explained.add(`\u0000caveat ${fact.id}`);
      ledger.noted.add(fact.id);
      return true;
    },
  };
}

/** Joins the facts of one note marker: `[^fact-a+fact-b]` (fact ids are kebab-case). */
export const noteJoiner = '+';

/**
 * Several note markers after one word, as ONE marker (one note citing them all): a reader meets
 * one number, never ¹² or a run of notes for one cell.
 */
export function joinMarks(markers: readonly string[]): string {
  const ids = [...new Set(markers.flatMap((marker) => [...marker.matchAll(/\[\^([^\]]+)\]/g)].flatMap((match) => match[1]!.split(noteJoiner))))];
  return ids.length > 0 ? `[^${ids.join(noteJoiner)}]` : '';
}

/** The passages a fact cites: facts with the same passages need no second mention in a note. */
export const passagesOf = (fact: VerifiedFact): string =>
  JSON.stringify(fact.citations.map((citation) => [citation.source, citation.quote.replace(/\s+/g, ' ').trim()]));

/**
 * One marker for several facts (one note citing them all; a fact quoting the same passages as
 * another adds nothing to it). `mark` is `marks.cite` or `marks.state`; every fact is recorded.
 */
export function marksFor(facts: readonly VerifiedFact[], mark: (fact: VerifiedFact) => string): string {
  const seen = new Map<string, string>();
  for (const fact of facts) {
    const marker = mark(fact);
    const key = passagesOf(fact);
    if (!seen.has(key)) seen.set(key, marker);
  }
  return joinMarks([...seen.values()]);
}
