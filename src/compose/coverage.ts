import type { SourceDoc } from '../ingest/index.js';
import { englishLocale, type Locale } from '../locale/index.js';
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
  const { language } = marks;
  if (reports.length === 0) return `${language.t('coverageNoReports')}\n<!-- uncited -->`;
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
    return language.t('coverageGroup', { years: listOf(years, language), sources: listOf(names, language) });
  });
  const first = String(reports[0]!.year);
  const until = String(Math.max(latest ?? reports[0]!.year, reports.at(-1)!.year));
  const gaps = yearRanges(missing);
  const none = gaps.length > 0
    ? language.t('coverageMissing', { count: missing.length, years: listOf(gaps, language) })
    : language.t('coverageComplete', { first, until });
  const span = language.t('coverageSpan', { first, until });
  return `${language.t('coverageHeld', { groups: held.join('; ') })} ${none} ${span}`;
}

/**
 * The report years between the collection's first TIP report and the edition it has no source
 * for, as one item of "Where the sources disagree or are silent"; undefined when there are none.
 */
export function reportGaps(
  reports: readonly TipReport[],
  missing: readonly number[],
  latest: number | undefined,
  language: Locale = englishLocale(),
): string | undefined {
  if (reports.length === 0 || missing.length === 0) return undefined;
  const first = String(reports[0]!.year);
  const until = String(Math.max(latest ?? reports[0]!.year, reports.at(-1)!.year));
  const gaps = yearRanges(missing);
  return `${language.t('reportGaps', { count: missing.length, years: listOf(gaps, language) })} ${language.t('coverageSpan', { first, until })}`;
}
