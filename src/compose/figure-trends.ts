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
  const reports = [...new Set(series.flatMap((s) => s.points.map((point) => point.fact.tip?.report)).filter((year): year is number => year !== undefined))].sort();
  const parts = series.map((s) => {
    const first = s.points[0]!;
    const last = s.points.at(-1)!;
    const verb = last.value > first.value ? 'rose' : last.value < first.value ? 'fell' : 'stayed the same';
    const at = (point: typeof first) => `${formatFigure(point.fact.figure!, { bare: true })} in ${point.year}`;
    // A peak or a low between the first year and the last is said too: "from 63 to 57" alone
    // would hide the 194 of 2010.
    const inner = s.points.slice(1, -1);
    const peak = inner.find((point) => point.value > Math.max(first.value, last.value) && point.value === Math.max(...inner.map((p) => p.value)));
    const low = inner.find((point) => point.value < Math.min(first.value, last.value) && point.value === Math.min(...inner.map((p) => p.value)));
    const between = [peak ? `a high of ${at(peak)}` : '', low ? `a low of ${at(low)}` : ''].filter(Boolean);
    const notes = marksFor([...first.sources, ...(peak?.sources ?? []), ...(low?.sources ?? []), ...last.sources], marks.cite);
    return `${s.about.label.toLowerCase()} ${verb} from ${at(first)} to ${at(last)}${between.length > 0 ? ` (${listOf(between)})` : ''}${notes}`;
  });
  const by = reports.length > 0 ? `According to the ${listOf(yearRanges(reports))} TIP report${reports.length > 1 ? 's' : ''}` : 'According to the sources';
  return `${by}, ${listOf(parts)}.`;
}
