import type { VFile } from 'vfile';
import { codes, reportError } from '../diagnostics/index.js';
import type { Fact } from './load-facts.js';

/**
 * A fact's `date` (or its speaker's) after the edition date is a typo, or a plan: refused
 * unless the fact says `planned: true`. Otherwise it would become the "latest date" a brief's
 * "As of" line names. Dates compare as far as both go (`2027` is after `2026-11-23`).
 */
export function checkDates(facts: Iterable<Fact>, edition: string, factsFile: VFile): void {
  const after = (iso: string) => iso.slice(0, Math.min(iso.length, edition.length)) > edition.slice(0, Math.min(iso.length, edition.length));
  for (const fact of facts) {
    if (fact.planned) continue;
    for (const [date, place] of [
      [fact.date, fact.datePlace],
      [fact.speaker?.date, fact.speakerDatePlace],
    ] as const) {
      if (date !== undefined && after(date)) {
        reportError(factsFile, codes.dateAfterEdition, [fact.id, date, edition], { place: place ?? fact.place, stage: 'facts' });
      }
    }
  }
}
