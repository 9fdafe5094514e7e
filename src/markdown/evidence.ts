import type { FormattedNote, NoteExcerpt } from '../cite/index.js';
import type { EvidencePlacement } from '../config/index.js';

export type { EvidencePlacement };

/** Characters of quoted text a note holds itself in `annex` mode (about two lines of a note). */
export const shortPassage = 110;

/** Whether a note prints its passages itself (else they are in the Evidence annex). */
export function evidenceInNote(note: FormattedNote, evidence: EvidencePlacement): boolean {
  if (evidence === 'notes') return true;
  if (evidence === 'none') return false;
  const length = note.excerpts.reduce((sum, excerpt) => sum + excerpt.text.length, 0);
  return note.excerpts.length <= 2 && length <= shortPassage;
}

/** One entry of the Evidence annex: a passage, and the notes (numbers) that rest on it. */
export interface EvidenceEntry {
  readonly notes: readonly number[];
  readonly excerpt: NoteExcerpt;
}

/**
 * The Evidence annex of a brief: each passage behind a note that does not quote it itself,
 * once, with the numbers of every such note that rests on it ("7, 31"), in order of the first.
 */
export function evidenceEntries(notes: readonly FormattedNote[], evidence: EvidencePlacement): EvidenceEntry[] {
  if (evidence !== 'annex') return [];
  const entries = new Map<string, { notes: number[]; excerpt: NoteExcerpt }>();
  for (const note of notes) {
    if (evidenceInNote(note, evidence)) continue;
    for (const excerpt of note.excerpts) {
      const key = [excerpt.sourceId, excerpt.paragraph, excerpt.start, excerpt.end].join(' ');
      const entry = entries.get(key);
      if (!entry) entries.set(key, { notes: [note.n], excerpt });
      else if (!entry.notes.includes(note.n)) entry.notes.push(note.n);
    }
  }
  return [...entries.values()];
}
