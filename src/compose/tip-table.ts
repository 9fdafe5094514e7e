import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import type { Locale } from '../locale/index.js';
import { formatFigure, metricOf, singleYear } from './format-figure.js';
import { markdownTable } from './markdown-text.js';
import { marksFor, type NoteLedger, type NoteMarks } from './notes.js';
import { sourcesOf } from './source-label.js';
import { anchorFact, coveredYears, statedTiers, type TipReport } from './tip-reports.js';

/** A figure column of the TIP table. */
interface FigureColumn {
  /** The key of its header in the locale. */
  readonly header: string;
  /** Metrics shown in the column, the main one first. */
  readonly metrics: readonly string[];
  /** Metrics mentioned, as context, only when the column's own are not stated. */
  readonly related?: readonly string[];
}

const figureColumns: readonly FigureColumn[] = [
  { header: 'tipInvestigations', metrics: ['investigations'] },
  { header: 'tipProsecutions', metrics: ['prosecutions', 'prosecution-cases'] },
  { header: 'tipConvictions', metrics: ['convictions'] },
  { header: 'tipVictimsIdentified', metrics: ['victims-identified'] },
  { header: 'tipVictimCareFunding', metrics: ['victim-care-funding'], related: ['shelter-funding'] },
];

/** The metrics the TIP table shows (its figure facts are stated there, not again in the text). */
export const tableMetrics: ReadonlySet<string> = new Set(figureColumns.flatMap((column) => column.metrics));

/** A cell the row's source gives no figure for: the table's key says what it means. */
const notStated = '–';

function figureText(fact: VerifiedFact, column: FigureColumn, language: Locale): string {
  const figure = fact.figure!;
  if (figure.value === undefined) return language.t('noNumber', { stated: figure.stated ?? '' });
  // With two metrics in a column (offenders and cases), units say which is which.
  return formatFigure(figure, { bare: column.metrics.length === 1, language });
}

/** A figure cell's text, and the facts it shows (the row's note cites them). */
function figureCell(report: TipReport, column: FigureColumn, language: Locale): { text: string; facts: VerifiedFact[] } {
  const covered = coveredYears(report);
  const of = (ids: readonly string[]) => report.facts.filter((fact) => fact.figure && ids.includes(fact.figure.metric));
  const figures = of(column.metrics);
  if (figures.length === 0) {
    const related = of(column.related ?? []);
    if (related.length === 0) return { text: notStated, facts: [] };
    const context = related.map((fact) => `${metricOf(fact.figure!).label.toLowerCase()}: ${formatFigure(fact.figure!, { language })}`);
    return { text: `${notStated} (${context.join('; ')})`, facts: related };
  }
  // Figures for the covered year first; figures for other years (the report's comparisons) after, by year.
  const isMain = (fact: VerifiedFact) => covered.length === 0 || covered.includes(singleYear(fact.figure!) ?? Number.NaN);
  const main = figures.filter(isMain);
  const earlier = figures
    .filter((fact) => !isMain(fact))
    .sort((a, b) => (singleYear(b.figure!) ?? 0) - (singleYear(a.figure!) ?? 0));
  const withYear = covered.length === 0;
  const mainText = main.map((fact) => {
    const text = figureText(fact, column, language);
    const year = singleYear(fact.figure!);
    return withYear && year !== undefined ? `${text} (${year})` : text;
  });
  const earlierText = earlier.map((fact) => language.t('valueInYear', { value: figureText(fact, column, language), year: String(fact.figure!.period) }));
  const head = mainText.length > 0 ? mainText.join('; ') : notStated;
  return { text: earlierText.length > 0 ? `${head} (${earlierText.join('; ')})` : head, facts: [...main, ...earlier] };
}

/**
 * The year-by-year table: one row per TIP report in the collection, its figures, and one note
 * per row (on the report's year) citing every passage the row rests on. Tiers are in the tier
 * timeline. Caveats of its figures go to "Where the sources disagree or are silent".
 */
export function tipTable(reports: readonly TipReport[], marks: NoteMarks, ledger: NoteLedger, docs: ReadonlyMap<string, SourceDoc>): string {
  const { language } = marks;
  const header = [language.t('tipReport'), language.t('tipCovers'), ...figureColumns.map((column) => language.t(column.header))];
  const rows = reports.map((report) => {
    const cells = figureColumns.map((column) => figureCell(report, column, language));
    const covered = coveredYears(report);
    const cited = [anchorFact(report), ...report.covers, ...cells.flatMap((cell) => cell.facts)];
    return [
      `${report.year}${marksFor(cited, marks.cite)}`,
      covered.length > 0 ? covered.join('; ') : notStated,
      ...cells.map((cell) => cell.text),
    ];
  });
  // Caveats of the facts in the table, which its cells have no room for.
  for (const report of reports) {
    for (const fact of report.facts) {
      if (!fact.figure || !tableMetrics.has(fact.figure.metric) || !marks.caveatDue(fact)) continue;
      // The source is named where it is not the report itself (a summary's caveat says "the summary").
      const own = fact.citations.every((citation) => docs.get(citation.source)?.bib.type === 'report');
      const from = own || docs.size === 0 ? '' : ` (${sourcesOf([fact], docs, language)})`;
      ledger.asides.push(`*${language.t('tipAside', { year: String(report.year), metric: metricOf(fact.figure).label.toLowerCase() })}*${from}: ${fact.note!.replace(/\s+/g, ' ').trim()}${marks.cite(fact)}`);
    }
  }
  const empty = rows.some((row) => row.includes(notStated));
  return `${markdownTable(header, rows)}${empty ? `\n\n<!-- uncited -->\n*${language.t('tipKey', { blank: notStated })}*` : ''}`;
}
