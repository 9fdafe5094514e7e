import type { VerifiedFact } from '../facts/index.js';
import type { Locale } from '../locale/index.js';
import { formatIsoDate } from './format-date.js';
import { instrumentName } from './law-table.js';
import type { NoteMarks } from './notes.js';
import { statement } from './statement.js';

/** An entry's text: for a legal instrument, what happened to it; else the `short` phrase. */
function entryText(fact: VerifiedFact, language: Locale): string | undefined {
  const law = fact.law;
  if (!law) return fact.short;
  const instrument = instrumentName(law.instrument, law.articles ?? [], language);
  if (law.aspect === 'in-force') return language.t('lawInForce', { instrument });
  const key = ({ prohibits: 'lawProhibitsEntry', covers: 'lawCoversEntry', penalty: 'lawPenaltiesEntry' } as const)[law.aspect];
  return fact.short ? language.t(key, { instrument, what: fact.short }) : undefined;
}

const sortKey = (fact: VerifiedFact) => fact.date ?? (fact.year === undefined ? '9999' : String(fact.year));

/**
 * A dated list, oldest first, undated last ("Date not stated"). Each entry is the fact's
 * `short` phrase (for a legal instrument, the instrument and what happened to it) with its note,
 * which only cites the fact; with `full` (or without a `short`), its whole statement and caveat,
 * which states it.
 */
export function timeline(facts: readonly VerifiedFact[], marks: NoteMarks, options: { readonly full?: boolean } = {}): string {
  return [...facts]
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
    .map((fact) => {
      const when = fact.date ? formatIsoDate(fact.date, marks.language) : fact.year !== undefined ? String(fact.year) : marks.language.t('undatedEntry');
      // A short entry points at the fact; its caveat goes with the full statement elsewhere.
      const short = entryText(fact, marks.language);
      const text = options.full === true || !short ? statement(fact, marks) : `${short}${marks.cite(fact)}`;
      return `- **${when}**: ${text}`;
    })
    .join('\n');
}
