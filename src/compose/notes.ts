import type { VerifiedFact } from '../facts/index.js';

/** How builders put a fact's note marker into Markdown while recording its use. */
export interface NoteMarks {
  /** The marker `[^id]`; records the fact as used by the brief. */
  readonly cite: (fact: VerifiedFact) => string;
  /** The same, and records the fact as stated in the body (so `fresh=true` lists skip it). */
  readonly state: (fact: VerifiedFact) => string;
}

/** Note marks that record into a brief's `used` list and `placed` set. */
export function createNoteMarks(used: string[], placed: Set<string>): NoteMarks {
  const cite = (fact: VerifiedFact) => {
    if (!used.includes(fact.id)) used.push(fact.id);
    return `[^${fact.id}]`;
  };
  return {
    cite,
    state: (fact) => {
      placed.add(fact.id);
      return cite(fact);
    },
  };
}

/** Several note markers after one word: separated by commas, so ¹ ² never reads as ¹². */
export function joinMarks(markers: readonly string[]): string {
  return [...new Set(markers)].join(',');
}

/** The passages a fact cites: facts with the same passages share one note (see the cite stage). */
export const passagesOf = (fact: VerifiedFact): string =>
  JSON.stringify(fact.citations.map((citation) => [citation.source, citation.quote.replace(/\s+/g, ' ').trim()]));

/**
 * One marker per note for several facts (facts that share a note get one marker), joined.
 * `mark` is `marks.cite` or `marks.state`; every fact is recorded.
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
