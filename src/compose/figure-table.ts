import type { VerifiedFact } from '../facts/index.js';
import { formatFigure, formatPeriod, metricOf } from './format-figure.js';
import { escapeInline, markdownTable } from './markdown-text.js';
import type { NoteMarks } from './notes.js';
import { prose } from './statement.js';

/**
 * A long two-column table as two pairs of columns side by side (the first half of the rows
 * on the left, the rest on the right): half the height on the page.
 */
function sideBySide(header: readonly string[], rows: readonly (readonly string[])[]): [string[], string[][]] {
  if (header.length !== 2 || rows.length < 6) return [[...header], rows.map((row) => [...row])];
  const half = Math.ceil(rows.length / 2);
  const paired = rows.slice(0, half).map((left, index) => [...left, ...(rows[half + index] ?? ['', ''])]);
  return [[...header, ...header], paired];
}

/**
 * Figures as a compact table (what is counted, the figure with its note, the year it
 * describes, or the year in the header when all share it), with the caveats of any of them
 * listed under it; one or two figures are written as their statements instead. The facts are
 * recorded as stated.
 */
export function figureTable(facts: readonly VerifiedFact[], marks: NoteMarks): string {
  const figures = facts.filter((fact) => fact.figure);
  if (figures.length === 0) return '';
  // A table of one or two rows takes more room than the sentences it replaces.
  if (figures.length < 3) return prose(figures, marks);
  const { language } = marks;
  const periods = new Set(figures.map((fact) => formatPeriod(fact.figure!.period, language)));
  // One year for every row: it goes in the header instead of a column repeating it.
  const oneYear = periods.size === 1 ? [...periods][0]! : undefined;
  const rows = figures.map((fact) => {
    const figure = fact.figure!;
    const what = fact.short ?? escapeInline(metricOf(figure).label);
    const value = figure.value === undefined ? language.t('noNumber', { stated: figure.stated ?? '' }) : formatFigure(figure, { language });
    const cells = [what, `${value}${marks.cite(fact)}`];
    return oneYear === undefined ? [...cells, formatPeriod(figure.period, language)] : cells;
  });
  const header = oneYear === undefined
    ? [language.t('figureWhat'), language.t('figureFigure'), language.t('figureYear')]
    : [language.t('figureWhatFor', { period: oneYear }), language.t('figureFigure')];
  const table = markdownTable(...sideBySide(header, rows));
  const caveats = figures
    .filter((fact) => marks.caveatDue(fact))
    .map((fact) => {
      return `- ${fact.short ?? escapeInline(metricOf(fact.figure!).label)}: *${fact.note!.replace(/\s+/g, ' ').trim()}*${marks.cite(fact)}`;
    });
  return caveats.length > 0 ? `${table}\n\n${caveats.join('\n')}` : table;
}
