import type { VerifiedFact } from '../facts/index.js';
import type { NoteMarks } from './notes.js';

/** A fact's caveat as the brief prints it, after the note marker. */
export function caveat(fact: VerifiedFact): string {
  return fact.note ? ` *Caveat: ${fact.note.replace(/\s+/g, ' ').trim()}*` : '';
}

/** A fact's statement with its note marker and caveat; records it as stated. */
export function statement(fact: VerifiedFact, marks: NoteMarks): string {
  return `${fact.statement.replace(/\s+/g, ' ').trim()}${marks.state(fact)}${caveat(fact)}`;
}

/** Several facts as one paragraph of running text. */
export function prose(facts: readonly VerifiedFact[], marks: NoteMarks): string {
  return facts.map((fact) => statement(fact, marks)).join(' ');
}
