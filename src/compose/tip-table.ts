import { metrics, type MetricId, type VerifiedFact } from '../facts/index.js';
import { formatFigure, singleYear } from './format-figure.js';
import { markdownTable } from './markdown-text.js';
import { marksFor, type NoteMarks } from './notes.js';
import { anchorFact, coveredYears, statedTiers, type TipReport } from './tip-reports.js';

/** A figure column of the TIP table. */
interface FigureColumn {
  readonly header: string;
  /** Metrics shown in the column, the main one first. */
  readonly metrics: readonly MetricId[];
  /** Metrics mentioned, as context, only when the column's own are not stated. */
  readonly related?: readonly MetricId[];
}

const figureColumns: readonly FigureColumn[] = [
  { header: 'Investigations', metrics: ['investigations'] },
  { header: 'Prosecutions', metrics: ['prosecutions', 'prosecution-cases'] },
  { header: 'Convictions', metrics: ['convictions'] },
  { header: 'Victims identified', metrics: ['victims-identified'] },
  { header: 'Victim-care funding', metrics: ['victim-care-funding'], related: ['shelter-funding'] },
];

/** The metrics the TIP table shows (its figure facts are stated there, not again in the text). */
export const tableMetrics: ReadonlySet<MetricId> = new Set(figureColumns.flatMap((column) => column.metrics));

const notStated = 'not stated';

function figureText(fact: VerifiedFact, column: FigureColumn): string {
  const figure = fact.figure!;
  if (figure.value === undefined) return `no number: ${figure.stated}`;
  // With two metrics in a column (offenders and cases), units say which is which.
  return formatFigure(figure, { bare: column.metrics.length === 1 });
}

// A cell's notes go at its end, once per note: a number followed by its marker (194⁵) is easily misread.
function figureCell(report: TipReport, column: FigureColumn, marks: NoteMarks): string {
  const covered = coveredYears(report);
  const of = (ids: readonly MetricId[]) => report.facts.filter((fact) => fact.figure && ids.includes(fact.figure.metric));
  const figures = of(column.metrics);
  if (figures.length === 0) {
    const related = of(column.related ?? []);
    if (related.length === 0) return notStated;
    const context = related.map((fact) => `${metrics[fact.figure!.metric].label.toLowerCase()}: ${formatFigure(fact.figure!)}`);
    return `${notStated} (${context.join('; ')})${marksFor(related, marks.cite)}`;
  }
  // Figures for the covered year first; figures for other years (the report's comparisons) after, by year.
  const isMain = (fact: VerifiedFact) => covered.length === 0 || covered.includes(singleYear(fact.figure!) ?? Number.NaN);
  const main = figures.filter(isMain);
  const earlier = figures
    .filter((fact) => !isMain(fact))
    .sort((a, b) => (singleYear(b.figure!) ?? 0) - (singleYear(a.figure!) ?? 0));
  const withYear = covered.length === 0;
  const mainText = main.map((fact) => {
    const text = figureText(fact, column);
    const year = singleYear(fact.figure!);
    return withYear && year !== undefined ? `${text} (${year})` : text;
  });
  const earlierText = earlier.map((fact) => `${figureText(fact, column)} in ${fact.figure!.period}`);
  const head = mainText.length > 0 ? mainText.join('; ') : notStated;
  const text = earlierText.length > 0 ? `${head} (${earlierText.join('; ')})` : head;
  return `${text}${marksFor([...main, ...earlier], marks.cite)}`;
}

/**
 * The year-by-year table: one row per TIP report in the collection; every cell carries a note
 * or says "not stated". Figure facts shown in it are recorded as stated.
 */
export function tipTable(reports: readonly TipReport[], marks: NoteMarks): string {
  const header = ['Report', 'Covers', 'Tier', ...figureColumns.map((column) => column.header)];
  const rows = reports.map((report) => {
    const covered = coveredYears(report).map(
      (year) => `${year}${marksFor(report.covers.filter((fact) => fact.tip?.covers === year), marks.cite)}`,
    );
    const tiers = statedTiers(report).map(
      (tier) => `${tier}${marksFor(report.tiers.filter((fact) => fact.tip?.tier === tier), marks.cite)}`,
    );
    return [
      `${report.year}${marks.cite(anchorFact(report))}`,
      covered.length > 0 ? covered.join('; ') : notStated,
      tiers.length > 0 ? tiers.join('; ') : notStated,
      ...figureColumns.map((column) => figureCell(report, column, marks)),
    ];
  });
  // Caveats of the facts in the table, which its cells have no room for.
  const caveats = reports.flatMap((report) =>
    report.facts
      .filter((fact) => fact.figure && tableMetrics.has(fact.figure.metric) && marks.caveatDue(fact))
      .map((fact) => {
        return `- *${report.year}, ${metrics[fact.figure!.metric].label.toLowerCase()}*: ${fact.note!.replace(/\s+/g, ' ').trim()}${marks.cite(fact)}`;
      }),
  );
  return caveats.length > 0 ? `${markdownTable(header, rows)}\n\n${caveats.join('\n')}` : markdownTable(header, rows);
}
