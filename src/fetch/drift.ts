import { diffWords } from 'diff';
import type { Fact, QuoteFinder } from '../facts/index.js';
import { describeLocator, fold, type SourceDoc } from '../ingest/index.js';

/** What became of one quote in a new version of its source. */
export type QuoteStatus =
  /** Where the pinned copy has it. */
  | 'unchanged'
  /** There, at another ¶ or page. */
  | 'moved'
  /** Not there: `closest` is the passage most like it. */
  | 'gone'
  /** There more than once, and the fact gives no locator to choose. */
  | 'ambiguous'
  /** There, but not where the fact's own `locator:` says: the fact needs a new locator. */
  | 'locator';

/** One quote checked against a new version. */
export interface QuoteDrift {
  readonly fact: string;
  /** Line of the quote in facts.yaml. */
  readonly line: number;
  readonly quote: string;
  readonly status: QuoteStatus;
  /** Where the pinned copy has it (`¶ 5`, `p. 12`), when it verifies there. */
  readonly was?: string;
  /** Where the new version has it (`¶ 7`), or its places (ambiguous, locator). */
  readonly now?: string;
  readonly closest?: { readonly where: string; readonly line?: number; readonly similarity: number; readonly text: string };
  /** What differs between the quote and the closest passage: `“source” → “origin”; “women” added`. */
  readonly differs?: string;
}

/** Changes shown at most, in `differs`. */
const maxChanges = 4;

/**
 * The words that differ between a quote and the passage most like it (jsdiff's word diff over
 * the folded texts, so quote marks and dashes do not count): `“source” → “origin”`.
 */
export function wordChanges(quote: string, passage: string): string | undefined {
  const parts = diffWords(fold(quote), fold(passage));
  const changes: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    // Punctuation alone (a comma the passage runs on to) is not a change of wording.
    if ((!part.removed && !part.added) || !/[\p{L}\p{N}]/u.test(part.value)) continue;
    const next = parts[index + 1];
    const text = part.value.trim();
    if (part.removed && next?.added && /[\p{L}\p{N}]/u.test(next.value)) {
      changes.push(`“${text}” → “${next.value.trim()}”`);
      index++;
    } else changes.push(part.removed ? `“${text}” gone` : `“${text}” added`);
  }
  if (changes.length === 0) return undefined;
  return changes.length > maxChanges ? `${changes.slice(0, maxChanges).join('; ')} and ${changes.length - maxChanges} more` : changes.join('; ');
}

/** Whether a status leaves the quote verifying: only those let the pin move. */
export const stillThere = (status: QuoteStatus) => status === 'unchanged' || status === 'moved';

/**
 * Check every quote of `facts` citing `pinned.id` against `next`, a new version of the same
 * source, with the finder `briefs check` uses; `was` from the pinned copy.
 */
export function driftOf(facts: Iterable<Fact>, pinned: SourceDoc | undefined, next: SourceDoc, find: QuoteFinder): QuoteDrift[] {
  const drift: QuoteDrift[] = [];
  for (const fact of facts) {
    for (const citation of fact.citations) {
      if (citation.source !== next.id) continue;
      const before = pinned ? find(citation, pinned) : undefined;
      const was = before?.kind === 'found' ? describeLocator(before.match.locator) : undefined;
      const base = { fact: fact.id, line: citation.place.line, quote: citation.quote, ...(was ? { was } : {}) };
      const after = find(citation, next);
      if (after.kind === 'found') {
        const now = describeLocator(after.match.locator);
        drift.push({ ...base, status: was === undefined || was === now ? 'unchanged' : 'moved', now });
      } else if (after.kind === 'not-found') {
        const near = after.closest;
        const differs = near ? wordChanges(citation.quote, near.text) : undefined;
        drift.push({
          ...base,
          status: 'gone',
          ...(near ? { closest: { where: near.where, ...(near.line !== undefined ? { line: near.line } : {}), similarity: near.similarity, text: near.text } } : {}),
          ...(differs ? { differs } : {}),
        });
      } else {
        drift.push({ ...base, status: after.kind === 'ambiguous' ? 'ambiguous' : 'locator', now: after.places.join(', ') });
      }
    }
  }
  return drift;
}
