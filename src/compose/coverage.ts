import type { SourceDoc } from '../ingest/index.js';
import { escapeInline, listOf, yearRanges } from './markdown-text.js';
import type { NoteMarks } from './notes.js';
import { sourceLabel } from './source-label.js';
import { anchorFact, type TipReport } from './tip-reports.js';

/**
 * The Coverage note: which sources the collection holds for which report years, and the
 * report years between its earliest report and the edition date for which it holds none.
 * It says only "the collection has none": never which reports exist.
 */
export function coverageNote(
  reports: readonly TipReport[],
  missing: readonly number[],
  latest: number | undefined,
  docs: ReadonlyMap<string, SourceDoc>,
  marks: NoteMarks,
): string {
  if (reports.length === 0) return 'The collection holds no source on any TIP report.\n<!-- uncited -->';
  // Report years known from the same sources are named together.
  const groups = new Map<string, TipReport[]>();
  for (const report of reports) {
    const key = report.sources.join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  const held = [...groups.values()].map((group) => {
    const names = group[0]!.sources.map((id) => {
      const doc = docs.get(id);
      return doc ? escapeInline(sourceLabel(doc)) : id;
    });
    const years = group.map((report) => `${report.year}${marks.cite(anchorFact(report))}`);
    return `${listOf(years)}: ${listOf(names)}`;
  });
  const first = reports[0]!.year;
  const until = Math.max(latest ?? first, reports.at(-1)!.year);
  const gaps = yearRanges(missing);
  const none = gaps.length > 0
    ? `It has no source for the report${missing.length > 1 ? 's' : ''} of ${listOf(gaps)}: this brief says nothing about ${missing.length > 1 ? 'them' : 'it'}.`
    : `It has a source for every report year from ${first} to ${until}.`;
  const span = `(Counted from ${first}, the earliest report in the collection, to ${until}, the latest that could exist at this edition: TIP reports appear each June.)`;
  return `Report years in the collection, and their sources: ${held.join('; ')}. ${none} ${span}`;
}

/**
 * The report years between the collection's first TIP report and the edition it has no source
 * for, as one item of "Where the sources disagree or are silent"; undefined when there are none.
 */
export function reportGaps(reports: readonly TipReport[], missing: readonly number[], latest: number | undefined): string | undefined {
  if (reports.length === 0 || missing.length === 0) return undefined;
  const first = reports[0]!.year;
  const until = Math.max(latest ?? first, reports.at(-1)!.year);
  const gaps = yearRanges(missing);
  return `**Report years with no source**: the collection has no source for the report${missing.length > 1 ? 's' : ''} of ${listOf(gaps)}, so this brief says nothing about ${missing.length > 1 ? 'them' : 'it'}. (Counted from ${first}, the earliest report in the collection, to ${until}, the latest that could exist at this edition: TIP reports appear each June.)`;
}
