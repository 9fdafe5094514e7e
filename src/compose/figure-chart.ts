import type { ChartData } from '../chart/index.js';
import { unitScale, type VerifiedFact } from '../facts/index.js';
import { englishLocale, type Locale } from '../locale/index.js';
import { formatFigure } from './format-figure.js';
import { escapeInline, listOf, yearRanges } from './markdown-text.js';
import { marksFor, type NoteMarks } from './notes.js';
import type { FigureConflict, FigureSeries } from './figure-series.js';
import { tableMetrics } from './tip-table.js';

const axisTitles = { money: 'chartAxisMoney', percent: 'chartAxisPercent', count: 'chartAxisCount' } as const;

function panelTitle(series: FigureSeries): string {
  const info = series.about;
  if (series.unit === info.unit) return info.label;
  return `${info.label} (${series.unit})`;
}

function reportsOf(series: readonly FigureSeries[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((point) => point.fact.tip?.report)).filter((year): year is number => year !== undefined))].sort();
}

function valuesInWords(series: FigureSeries, language: Locale): string {
  return series.points.map((point) => language.t('valueInYear', { value: formatFigure(point.fact.figure!, { bare: true, language }), year: String(point.year) })).join(', ');
}

/** The chart's data: one panel per series. */
export function chartData(id: string, series: readonly FigureSeries[], language: Locale = englishLocale()): ChartData {
  const reports = reportsOf(series);
  const from = reports.length > 0 ? language.t('chartFromReports', { reports: listOf(yearRanges(reports), language), count: reports.length }) : language.t('chartByYear');
  return {
    id,
    title: language.t('chartTitle'),
    subtitle: [`${from} ${language.t('chartScale')}`],
    key: {
      point: language.t('chartKeyPoint'),
      line: language.t('chartKeyLine'),
      gap: language.t('chartKeyGap'),
    },
    panels: series.map((s) => ({
      title: panelTitle(s),
      axisTitle: language.t(axisTitles[unitScale(s.unit)]),
      points: s.points.map((point) => ({ year: point.year, value: point.value, label: formatFigure({ ...point.fact.figure!, qualifier: undefined }, { bare: true, language }) })),
      description: `${panelTitle(s)}: ${valuesInWords(s, language)}.`,
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
  const { language } = marks;
  const table = facts.some(inTable) ? language.t('chartInTable') : undefined;
  const caption =
    elsewhere.length === 0
      ? `<!-- uncited -->\n*${language.t('chartSources')}* ${table}.`
      : `*${language.t('chartSources')}* ${table ? language.t('chartOthers', { table, others: elsewhere.join('; ') }) : elsewhere.join('; ')}.`;
  // A disagreement is set out once, under "Where the sources disagree or are silent"; the chart
  // says which reading it draws.
  const years = [...new Set(conflicts.map((conflict) => language.t('conflictFigure', { metric: conflict.about.label.toLowerCase(), period: String(conflict.year) })))];
  const disagree =
    years.length > 0
      ? ` ${language.t('chartDisagree', { items: listOf(years, language), heading: language.t('disagreements') })}`
      : '';
  return ['```chart', data.id, '```', '', `${caption}${disagree}`].join('\n');
}
