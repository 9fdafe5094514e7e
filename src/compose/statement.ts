import type { VerifiedFact } from '../facts/index.js';
import type { NoteMarks } from './notes.js';
import { dropRepeatedFrames } from './source-frame.js';

/**
 * A fact's caveat as the brief prints it, after the note marker: its `note`, then why the
 * curator derived what its quotes do not state (`derived.why`). `derived: false` leaves the
 * latter out where the same words were just printed.
 */
export function caveat(fact: VerifiedFact, options: { readonly derived?: boolean; readonly note?: boolean } = {}): string {
  const note = fact.note && options.note !== false ? ` *Caveat: ${fact.note.replace(/\s+/g, ' ').trim()}*` : '';
  const derived = fact.derived && options.derived !== false ? ` *Derived: ${fact.derived.why.replace(/\s+/g, ' ').trim()}*` : '';
  return `${note}${derived}`;
}

/**
 * A fact's statement with its note marker and caveat; records both as printed. Facts derived
 * the same way (a summary's report year) carry the reason once per brief, where it first appears.
 */
export function statement(fact: VerifiedFact, marks: NoteMarks, text = fact.statement.replace(/\s+/g, ' ').trim()): string {
  marks.printed(fact);
  const why = fact.derived?.why.replace(/\s+/g, ' ').trim();
  const derived = why !== undefined && marks.firstTime(why);
  // A caveat a table printed above is not printed again with the statement.
  const note = marks.caveatDue(fact);
  return `${text}${marks.state(fact)}${caveat(fact, { derived, note })}`;
}

/** Several facts as one paragraph of running text, each source named once in a run of its statements. */
export function prose(facts: readonly VerifiedFact[], marks: NoteMarks): string {
  const texts = dropRepeatedFrames(facts, facts.map((fact) => fact.statement.replace(/\s+/g, ' ').trim()));
  return facts.map((fact, index) => statement(fact, marks, texts[index])).join(' ');
}
