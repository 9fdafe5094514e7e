import { formatFigure } from './format-figure.js';
import type { FigureSeries } from './figure-series.js';
import { listOf, yearRanges } from './markdown-text.js';
import { marksFor, type NoteMarks } from './notes.js';

/**
 * One sentence on how the figures given for two or more years changed between their first
 * and last year, attributed to the reports they come from. Empty without such figures.
 */
export function figureTrends(series: readonly FigureSeries[], marks: NoteMarks): string {
  if (series.length === 0) return '';
  const { language } = marks;
  const reports = [...new Set(series.flatMap((s) => s.points.map((point) => point.fact.tip?.report)).filter((year): year is number => year !== undefined))].sort();
  const parts = series.map((s) => {
    const first = s.points[0]!;
    const last = s.points.at(-1)!;
    const verb = last.value > first.value ? 'trendRose' : last.value < first.value ? 'trendFell' : 'trendSame';
    const at = (point: typeof first) => language.t('valueInYear', { value: formatFigure(point.fact.figure!, { bare: true, language }), year: String(point.year) });
    // A peak or a low between the first year and the last is said too: "from 63 to 57" alone
    // would hide the 194 of 2010.
    const inner = s.points.slice(1, -1);
    const peak = inner.find((point) => point.value > Math.max(first.value, last.value) && point.value === Math.max(...inner.map((p) => p.value)));
    const low = inner.find((point) => point.value < Math.min(first.value, last.value) && point.value === Math.min(...inner.map((p) => p.value)));
    const between = [peak ? language.t('trendHigh', { value: at(peak) }) : '', low ? language.t('trendLow', { value: at(low) }) : ''].filter(Boolean);
    const notes = marksFor([...first.sources, ...(peak?.sources ?? []), ...(low?.sources ?? []), ...last.sources], marks.cite);
    return `${language.t(verb, { metric: s.about.label.toLowerCase(), from: at(first), to: at(last) })}${between.length > 0 ? ` (${listOf(between, language)})` : ''}${notes}`;
  });
  const trends = listOf(parts, language);
  return reports.length > 0
    ? language.t('trendByReports', { reports: listOf(yearRanges(reports), language), count: reports.length, trends })
    : language.t('trendBySources', { trends });
}
