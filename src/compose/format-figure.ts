import { currencies, unitScale, type Figure, type MetricInfo } from '../facts/index.js';
import { InternalError } from '../diagnostics/index.js';
import { englishLocale, type Locale } from '../locale/index.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Grouped, at most two decimals, in the Intl locale (`216,234` in English, `216 234` in Albanian). */
function grouped(intl: string): Intl.NumberFormat {
  let format = numberFormats.get(intl);
  if (!format) {
    format = new Intl.NumberFormat(intl, { maximumFractionDigits: 2 });
    numberFormats.set(intl, format);
  }
  return format;
}

/** `216,234`; whole millions as `1 million`: in the language (Intl.NumberFormat). */
export function formatNumber(value: number, language: Locale = englishLocale()): string {
  if (value >= 1_000_000 && value % 1_000_000 === 0) return language.t('million', { number: grouped(language.intl).format(value / 1_000_000) });
  return grouped(language.intl).format(value);
}

const affixes = new Map<string, { readonly before: string; readonly after: string }>();

/**
 * What the language writes before and after a number of money or a percentage (`$` before in
 * English, ` $` after in Albanian; `%` after), read from Intl's own formatting, so a number
 * the brief words itself (`1 million`) takes the same place.
 */
function affixesOf(intl: string, style: 'currency' | 'percent', symbol = ''): { readonly before: string; readonly after: string } {
  const key = `${intl}\u0000${style}\u0000${symbol}`;
  const known = affixes.get(key);
  if (known) return known;
  const parts = new Intl.NumberFormat(intl, style === 'currency' ? { style, currency: 'USD', currencyDisplay: 'narrowSymbol' } : { style }).formatToParts(1);
  const numeric = new Set(['integer', 'group', 'decimal', 'fraction']);
  const first = parts.findIndex((part) => numeric.has(part.type));
  const last = parts.findLastIndex((part) => numeric.has(part.type));
  const text = (list: typeof parts) => list.map((part) => (part.type === 'currency' ? symbol : part.value)).join('');
  const found = { before: text(parts.slice(0, first)), after: text(parts.slice(last + 1)) };
  affixes.set(key, found);
  return found;
}

function unitWord(unit: string, value: number, language: Locale): string {
  // Units are words of the facts; only English ones are made singular ("1 raid").
  if (!language.intl.startsWith('en')) return unit;
  return value === 1 && unit.endsWith('s') && unit !== 'persons' ? unit.slice(0, -1) : value === 1 && unit === 'persons' ? 'person' : unit;
}

/**
 * A figure as the brief writes it: `194`, `over 300 raids`, `$216,234`, `about 50%`.
 * `bare` leaves out the unit when it is the metric's usual one (under a column that names
 * the metric); a figure without a number gives the source's words.
 */
export function formatFigure(figure: Figure, options: { readonly bare?: boolean; readonly language?: Locale } = {}): string {
  if (figure.value === undefined) return figure.stated ?? '';
  const language = options.language ?? englishLocale();
  const unit = figure.unit ?? '';
  // "0 persons" reads oddly; the sources say "no" or "none".
  if (figure.value === 0 && unitScale(unit) === 'count') return language.t('figureNone');
  const number = formatNumber(figure.value, language);
  const around = (style: 'currency' | 'percent', symbol?: string) => {
    const { before, after } = affixesOf(language.intl, style, symbol);
    return `${before}${number}${after}`;
  };
  let text: string;
  if (unit in currencies) text = around('currency', currencies[unit]);
  else if (unit === 'percent') text = around('percent');
  else if (options.bare === true && unit === metricOf(figure).unit) text = number;
  else text = `${number} ${unitWord(unit, figure.value, language)}`;
  return figure.qualifier ? `${figure.qualifier} ${text}` : text;
}

/** What a figure's metric is called and counted in (set from briefs.yaml when the facts load). */
export function metricOf(figure: Figure): MetricInfo {
  if (!figure.about) throw new InternalError(`The figure of metric ${JSON.stringify(figure.metric)} reached compose without its metric's label.`);
  return figure.about;
}

/** `2010`, `2017–2021`, or `not stated` (in the language). */
export function formatPeriod(period: Figure['period'], language: Locale = englishLocale()): string {
  if (typeof period === 'number') return String(period);
  if (typeof period === 'string' && period !== 'unstated') return period.replace('-', '–');
  return language.t('notStated');
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
