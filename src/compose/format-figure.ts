import { currencies, unitScale, type Figure, type MetricInfo } from '../facts/index.js';
import { InternalError } from '../diagnostics/index.js';

const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** `216,234`; whole millions as `1 million`. */
export function formatNumber(value: number): string {
  if (value >= 1_000_000 && value % 1_000_000 === 0) return `${grouped.format(value / 1_000_000)} million`;
  return grouped.format(value);
}

function unitWord(unit: string, value: number): string {
  return value === 1 && unit.endsWith('s') && unit !== 'persons' ? unit.slice(0, -1) : value === 1 && unit === 'persons' ? 'person' : unit;
}

/**
 * A figure as the brief writes it: `194`, `over 300 raids`, `$216,234`, `about 50%`.
 * `bare` leaves out the unit when it is the metric's usual one (under a column that names
 * the metric); a figure without a number gives the source's words.
 */
export function formatFigure(figure: Figure, options: { readonly bare?: boolean } = {}): string {
  if (figure.value === undefined) return figure.stated ?? '';
  const unit = figure.unit ?? '';
  // "0 persons" reads oddly; the sources say "no" or "none".
  if (figure.value === 0 && unitScale(unit) === 'count') return 'none';
  const number = formatNumber(figure.value);
  let text: string;
  if (unit in currencies) text = `${currencies[unit]}${number}`;
  else if (unit === 'percent') text = `${number}%`;
  else if (options.bare === true && unit === metricOf(figure).unit) text = number;
  else text = `${number} ${unitWord(unit, figure.value)}`;
  return figure.qualifier ? `${figure.qualifier} ${text}` : text;
}

/** What a figure's metric is called and counted in (set from briefs.yaml when the facts load). */
export function metricOf(figure: Figure): MetricInfo {
  if (!figure.about) throw new InternalError(`The figure of metric ${JSON.stringify(figure.metric)} reached compose without its metric's label.`);
  return figure.about;
}

/** `2010`, `2017–2021`, or `not stated`. */
export function formatPeriod(period: Figure['period']): string {
  if (typeof period === 'number') return String(period);
  if (typeof period === 'string' && period !== 'unstated') return period.replace('-', '–');
  return 'not stated';
}

/** The single year a figure describes, if it describes one. */
export function singleYear(figure: Figure): number | undefined {
  return typeof figure.period === 'number' ? figure.period : undefined;
}

/** The last year a figure describes (the end of a range), if any. */
export function lastYear(figure: Figure): number | undefined {
  if (typeof figure.period === 'number') return figure.period;
  const range = typeof figure.period === 'string' ? /^\d{4}-(\d{4})$/.exec(figure.period) : null;
  return range ? Number(range[1]) : undefined;
}
