import type { ChartData } from '../chart/index.js';
import { metrics, unitScale } from '../facts/index.js';
import { formatFigure, formatNumber } from './format-figure.js';
import { escapeInline, listOf } from './markdown-text.js';
import { marksFor, type NoteMarks } from './notes.js';
import type { FigureConflict, FigureSeries } from './figure-series.js';

const axisTitles = { money: 'Amount', percent: 'Per cent', count: 'Number' } as const;

function panelTitle(series: FigureSeries): string {
  const info = metrics[series.metric];
  if (series.unit === info.unit) return info.label;
  return `${info.label} (${series.unit})`;
}

function reportsOf(series: readonly FigureSeries[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((point) => point.fact.tip?.report)).filter((year): year is number => year !== undefined))].sort();
}

/** The chart's data: one panel per series. */
export function chartData(id: string, series: readonly FigureSeries[]): ChartData {
  const reports = reportsOf(series);
  const from = reports.length > 0 ? `${listOf(reports.map(String))} TIP report${reports.length > 1 ? 's' : ''}; by year described.` : 'By year described.';
  return {
    id,
    title: 'Figures the sources give for two or more years',
    subtitle: [`${from} Each panel has its own scale, from zero.`],
    description: series
      .map((s) => `${panelTitle(s)}: ${s.points.map((point) => `${formatFigure(point.fact.figure!, { bare: true })} in ${point.year}`).join(', ')}.`)
      .join(' '),
    panels: series.map((s) => ({
      title: panelTitle(s),
      axisTitle: axisTitles[unitScale(s.unit)],
      points: s.points.map((point) => ({ year: point.year, value: point.value, label: formatFigure({ ...point.fact.figure!, qualifier: undefined }, { bare: true }) })),
    })),
  };
}

/**
 * The chart as Markdown: a placeholder block that the Markdown stage replaces with the SVG,
 * then the text alternative with a note on every value, then any disagreement between sources.
 */
export function chartMarkdown(data: ChartData, series: readonly FigureSeries[], conflicts: readonly FigureConflict[], marks: NoteMarks): string {
  const values = series.map(
    (s) =>
      `${escapeInline(panelTitle(s))}: ${s.points.map((point) => `${formatFigure(point.fact.figure!, { bare: true })} in ${point.year}`).join(', ')}` +
      `${marksFor(s.points.flatMap((point) => point.sources), marks.cite)}.`,
  );
  const disagreements = conflicts.map((conflict) => {
    const readings = conflict.facts.map(
      (fact) => `${formatNumber(fact.figure!.value!)}${fact.tip ? ` in the ${fact.tip.report} report` : ''}${marks.cite(fact)}`,
    );
    return `The sources disagree on ${metrics[conflict.metric].label.toLowerCase()} in ${conflict.year}: ${listOf(readings)}; the chart shows the newest report's figure.`;
  });
  return [
    '```chart',
    data.id,
    '```',
    '',
    `*The chart in words.* ${values.join(' ')}`,
    ...(disagreements.length > 0 ? ['', disagreements.join(' ')] : []),
  ].join('\n');
}
