import type { VerifiedFact } from '../facts/index.js';
import { englishLocale, type Locale } from '../locale/index.js';
import { marksFor, type NoteMarks } from './notes.js';
import { dropRepeatedFrames } from './source-frame.js';

/**
 * A fact's caveat as the brief prints it, after the note marker: its `note`, then why the
 * curator derived what its quotes do not state (`derived.why`). `derived: false` leaves the
 * latter out where the same words were just printed.
 */
export function caveat(
  fact: VerifiedFact,
  options: { readonly derived?: boolean; readonly note?: boolean; readonly language?: Locale } = {},
): string {
  const language = options.language ?? englishLocale();
  const note = fact.note && options.note !== false ? ` *${language.t('caveat')} ${fact.note.replace(/\s+/g, ' ').trim()}*` : '';
  const derived = fact.derived && options.derived !== false ? ` *${language.t('derived')} ${fact.derived.why.replace(/\s+/g, ' ').trim()}*` : '';
  return `${note}${derived}`;
}

/**
 * A fact's statement with its note marker and caveat; records both as printed. Facts derived
 * the same way (a summary's report year) carry the reason once per brief, where it first appears.
 */
export function statement(
  fact: VerifiedFact,
  marks: NoteMarks,
  text = fact.statement.replace(/\s+/g, ' ').trim(),
  options: { readonly mark?: boolean; readonly before?: string } = {},
): string {
  marks.printed(fact);
  const why = fact.derived?.why.replace(/\s+/g, ' ').trim();
  const derived = why !== undefined && marks.firstTime(why);
  // A caveat a table printed above is not printed again with the statement.
  const note = marks.caveatDue(fact);
  const marker = options.mark === false ? (options.before ?? '') : marks.state(fact);
  return `${text}${marker}${caveat(fact, { derived, note, language: marks.language })}`;
}

/** Statements of one source that share a note in running text. */
const statementsPerNote = 3;

/**
 * Several facts as one paragraph of running text, each source named once in a run of its
 * statements. A paragraph whose facts all cite one document has one note, at its end, citing
 * every passage, after every three statements (as publishers cite a paragraph drawn from one source); a paragraph drawing on
 * several documents has a note after each statement.
 */
export function prose(facts: readonly VerifiedFact[], marks: NoteMarks): string {
  const texts = dropRepeatedFrames(facts, facts.map((fact) => fact.statement.replace(/\s+/g, ' ').trim()));
  const sources = new Set(facts.flatMap((fact) => fact.citations.map((citation) => citation.source)));
  if (facts.length < 2 || sources.size !== 1) return facts.map((fact, index) => statement(fact, marks, texts[index])).join(' ');
  // One note for every few statements, after the last of them and before its caveat: a note
  // that held a long paragraph's every passage would be hard to check against its sentences.
  const parts: string[] = [];
  for (let from = 0; from < facts.length; from += statementsPerNote) {
    const group = facts.slice(from, from + statementsPerNote);
    group.forEach((fact, index) => {
      const at = from + index;
      const last = index === group.length - 1;
      parts.push(statement(fact, marks, texts[at], last ? { mark: false, before: marksFor(group, marks.state) } : { mark: false }));
    });
  }
  return parts.join(' ');
}
