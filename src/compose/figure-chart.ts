import type { ChartData } from '../chart/index.js';
import { unitScale, type VerifiedFact } from '../facts/index.js';
import { formatFigure } from './format-figure.js';
import { escapeInline, listOf, yearRanges } from './markdown-text.js';
import { marksFor, type NoteMarks } from './notes.js';
import type { FigureConflict, FigureSeries } from './figure-series.js';
import { tableMetrics } from './tip-table.js';

const axisTitles = { money: 'Amount', percent: 'Per cent', count: 'Number' } as const;

function panelTitle(series: FigureSeries): string {
  const info = series.about;
  if (series.unit === info.unit) return info.label;
  return `${info.label} (${series.unit})`;
}

function reportsOf(series: readonly FigureSeries[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((point) => point.fact.tip?.report)).filter((year): year is number => year !== undefined))].sort();
}

function valuesInWords(series: FigureSeries): string {
  return series.points.map((point) => `${formatFigure(point.fact.figure!, { bare: true })} in ${point.year}`).join(', ');
}

/** The chart's data: one panel per series. */
export function chartData(id: string, series: readonly FigureSeries[]): ChartData {
  const reports = reportsOf(series);
  const from = reports.length > 0 ? `${listOf(yearRanges(reports))} TIP report${reports.length > 1 ? 's' : ''}; by year described.` : 'By year described.';
  return {
    id,
    title: 'Figures the sources give for two or more years',
    subtitle: [`${from} Each panel has its own scale, from zero.`],
    key: {
      point: 'a figure the sources give for a year',
      line: 'a line joins the figures of consecutive years',
      gap: 'a gap: no figure for the years between',
    },
    panels: series.map((s) => ({
      title: panelTitle(s),
      axisTitle: axisTitles[unitScale(s.unit)],
      points: s.points.map((point) => ({ year: point.year, value: point.value, label: formatFigure({ ...point.fact.figure!, qualifier: undefined }, { bare: true }) })),
      description: `${panelTitle(s)}: ${valuesInWords(s)}.`,
    })),
  };
}

// The TIP table cites every figure of its metrics that a report gives; the caption cites the rest.
const inTable = (fact: VerifiedFact) => fact.tip !== undefined && fact.figure !== undefined && tableMetrics.has(fact.figure.metric);

/**
 * The chart as Markdown: a placeholder block that the Markdown stage replaces with the figure
 * (the values in words are its text alternative, not printed again) and a one-line caption on
 * where the figures and their notes are, and which reading it draws where reports disagree.
 */
export function chartMarkdown(data: ChartData, series: readonly FigureSeries[], conflicts: readonly FigureConflict[], marks: NoteMarks): string {
  const facts = series.flatMap((s) => s.points.flatMap((point) => point.sources));
  const elsewhere = series
    .map((s) => ({ s, facts: s.points.flatMap((point) => point.sources).filter((fact) => !inTable(fact)) }))
    .filter((entry) => entry.facts.length > 0)
    .map((entry) => `${escapeInline(panelTitle(entry.s))}${marksFor(entry.facts, marks.cite)}`);
  const table = facts.some(inTable) ? "the reports' figures, with notes, are in the table below" : undefined;
  const caption =
    elsewhere.length === 0
      ? `<!-- uncited -->\n*Sources:* ${table}.`
      : `*Sources:* ${table ? `${table}; the others: ` : ''}${elsewhere.join('; ')}.`;
  // A disagreement is set out once, under "Where the sources disagree or are silent"; the chart
  // says which reading it draws.
  const years = [...new Set(conflicts.map((conflict) => `${conflict.about.label.toLowerCase()} in ${conflict.year}`))];
  const disagree =
    years.length > 0
      ? ` Where reports give different figures (${listOf(years)}), the chart shows the newest report's; “Where the sources disagree or are silent” gives each.`
      : '';
  return ['```chart', data.id, '```', '', `${caption}${disagree}`].join('\n');
}
