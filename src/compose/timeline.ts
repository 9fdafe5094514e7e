import type { VerifiedFact } from '../facts/index.js';
import { formatIsoDate } from './format-date.js';
import { instrumentName } from './law-table.js';
import type { NoteMarks } from './notes.js';
import { statement } from './statement.js';

/** An entry's text: for a legal instrument, what happened to it; else the `short` phrase. */
function entryText(fact: VerifiedFact): string | undefined {
  const law = fact.law;
  if (!law) return fact.short;
  const name = instrumentName(law.instrument, law.articles ?? []);
  if (law.aspect === 'in-force') return `${name}: entry into force`;
  const verb = { prohibits: 'prohibits', covers: 'covers', penalty: 'penalties' }[law.aspect];
  return fact.short ? `${name}: ${verb} ${fact.short}` : undefined;
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
      const when = fact.date ? formatIsoDate(fact.date) : fact.year !== undefined ? String(fact.year) : 'Date not stated';
      // A short entry points at the fact; its caveat goes with the full statement elsewhere.
      const short = entryText(fact);
      const text = options.full === true || !short ? statement(fact, marks) : `${short}${marks.cite(fact)}`;
      return `- **${when}**: ${text}`;
    })
    .join('\n');
}
