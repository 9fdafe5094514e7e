/**
 * The checkable tokens of a text: numbers (in digits or words), years, dates, percentages,
 * amounts of money, TIP tiers and article numbers. Each token has a `key` that compares values,
 * not spellings: `194`, `one hundred ninety-four` → `number:194`; `60%`, `60 percent` →
 * `percent:60`; `€500,000`, `500,000 euros` → `money:EUR:500000`; `27 June 2011`,
 * `June 27, 2011`, `2011-06-27` → `date:2011-06-27`; `January 2013` → `month:2013-01`;
 * `Kosovo (Tier 2)` → `tier:Tier 2` (never `tier:Tier 2 Watch List`); `Articles 137 and 139` →
 * `article:137`, `article:139`.
 */

/** What a token is. A `year` is a number from 1900 to 2100 written as four digits. */
export type TokenKind = 'number' | 'year' | 'ordinal' | 'percent' | 'money' | 'date' | 'month' | 'tier' | 'article';

/** One checkable token of a text. */
export interface Token {
  readonly kind: TokenKind;
  /** How it is shown in a message: the text as written (`Article 139` for one of `Articles 137 and 139`). */
  readonly text: string;
  /** Offsets of the token in the text (for an article, of its number). */
  readonly start: number;
  readonly end: number;
  /** What is compared: `number:194`, `percent:60`, `money:EUR:500000`, `date:2011-06-27` … */
  readonly key: string;
  /** The number, for every kind but `date`, `month` and `tier`. */
  readonly value?: number;
}

const units: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90,
};
const scales: Readonly<Record<string, number>> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
// "first" and "second" are left out: "at first", "second-hand", "a second" are seldom counts.
const ordinals: Readonly<Record<string, number>> = {
  third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40,
  fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80, ninetieth: 90, hundredth: 100,
};
const tierNumbers: Readonly<Record<string, string>> = { '1': '1', '2': '2', '3': '3', one: '1', two: '2', three: '3', i: '1', ii: '2', iii: '3' };

/** Currency signs and words, by the unit facts.yaml uses for them. `$` is read as US dollars. */
const currencyOf = (sign: string): string => {
  const lower = sign.toLowerCase().replace(/\s+/g, ' ');
  if (lower === '€' || lower.startsWith('eur')) return 'EUR';
  if (lower === '£' || lower.startsWith('pound') || lower === 'gbp') return 'GBP';
  return 'USD';
};

/** English month names, long and short (`June`, `Jun`, `Sept`), from Intl; 1-based. */
function monthNames(): ReadonlyMap<string, number> {
  const names = new Map<string, number>();
  for (const style of ['long', 'short'] as const) {
    const format = new Intl.DateTimeFormat('en', { month: style, timeZone: 'UTC' });
    for (let month = 0; month < 12; month++) names.set(format.format(Date.UTC(2000, month, 1)), month + 1);
  }
  names.set('Sept', 9);
  return names;
}
const months = monthNames();
// Longest first, so that `June` wins over `Jun`. Case-sensitive: "may" and "march" are verbs.
const monthPattern = [...months.keys()].sort((a, b) => b.length - a.length).join('|');

const number = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const scale = String.raw`(?:\s+(thousand|million|billion))?`;
const notAfter = String.raw`(?<![\p{L}\p{N}.,])`;
const notBefore = String.raw`(?![\p{L}\p{N}])`;

const patterns = {
  dayMonthYear: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${monthPattern})\.?,?\s+(\d{4})\b`, 'gu'),
  monthDayYear: new RegExp(String.raw`\b(${monthPattern})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'gu'),
  isoDate: /\b(\d{4})-(\d{2})-(\d{2})\b/gu,
  monthYear: new RegExp(String.raw`\b(${monthPattern})\.?,?\s+(?:of\s+)?(\d{4})\b`, 'gu'),
  tier: /\bTier\s+(1|2|3|one|two|three|iii|ii|i)\b(\s+Watch\s+List\b)?/giu,
  article: /\b(?:Articles?|Arts?\.)\s+\d+[a-z]?\b(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[-–]\s*)\d+[a-z]?\b)*/giu,
  moneyBefore: new RegExp(String.raw`(?:(US\$|€|\$|£)\s?|\b(USD|EUR|GBP)\s)(${number})${scale}${notBefore}`, 'gu'),
  moneyAfter: new RegExp(String.raw`${notAfter}(${number})${scale}\s+((?:US\s+)?dollars?|euros?|pounds?|EUR|USD|GBP)\b`, 'giu'),
  percent: new RegExp(String.raw`${notAfter}(${number})(?:\s?%|\s+per\s?cent\b)`, 'giu'),
  ordinal: new RegExp(String.raw`${notAfter}(\d+)(?:st|nd|rd|th)\b`, 'gu'),
  decade: new RegExp(String.raw`${notAfter}(\d{4})s\b`, 'gu'),
  digits: new RegExp(String.raw`${notAfter}(${number})${scale}${notBefore}`, 'giu'),
} as const;

// Rounded to cents: 4.35 million is 4350000, not 4350000.000000001.
const toNumber = (digits: string, scaleWord: string | undefined): number =>
  Math.round(Number(digits.replace(/,/g, '')) * (scaleWord ? scales[scaleWord.toLowerCase()]! : 1) * 100) / 100;

/** `number:2010`, and the kind: a year where it is four digits from 1900 to 2100. */
function numberToken(text: string, start: number, value: number, plain: boolean): Token {
  const year = plain && /^\d{4}$/.test(text) && value >= 1900 && value <= 2100;
  return { kind: year ? 'year' : 'number', text, start, end: start + text.length, key: `number:${value}`, value };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A calendar date, or undefined where it does not exist (31 February). */
function dateKey(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `date:${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Blank out what a reader of the brief never reads as text: link targets (`[text](https://…)`),
 * HTML tags and their attributes, bare URLs. Their digits are no claim; offsets are kept.
 */
function maskMarkup(text: string): string {
  const blank = (match: string) => ' '.repeat(match.length);
  return text
    .replace(/\]\([^)]*\)/g, (match) => `]${blank(match.slice(1))}`)
    .replace(/<[^<>]*>/g, blank)
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)\]>]+/gi, blank);
}

interface Word {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** Number words in runs (`one hundred ninety-four`, `a million`, `twenty-fifth`), as tokens. */
function wordNumbers(text: string, free: (start: number, end: number) => boolean): Token[] {
  const words: Word[] = [...text.matchAll(/[A-Za-z]+/g)].map((match) => ({ word: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length }));
  const isNumberWord = (word: string) => word in units || word in scales || word in ordinals;
  const tokens: Token[] = [];
  for (let index = 0; index < words.length; index++) {
    const first = words[index]!;
    const article = (first.word === 'a' || first.word === 'an') && words[index + 1]?.word !== undefined && words[index + 1]!.word in scales;
    if (!isNumberWord(first.word) && !article) continue;
    // "one" as a pronoun: "no one", "each one", "one another".
    if (first.word === 'one' && (/^(no|each|any|every)$/.test(words[index - 1]?.word ?? '') || words[index + 1]?.word === 'another')) continue;
    let last = index;
    while (last + 1 < words.length) {
      const next = words[last + 1]!;
      const gap = text.slice(words[last]!.end, next.start);
      if (words[last]!.word in ordinals) break;
      if (isNumberWord(next.word) && /^[\s-]+$/.test(gap) && !(next.word in units && words[last]!.word in units && units[words[last]!.word]! < 20)) {
        last++;
        continue;
      }
      // "one hundred and five"
      const after = words[last + 2];
      if (next.word === 'and' && /^\s+$/.test(gap) && words[last]!.word in scales && after && after.word in units) {
        last += 2;
        continue;
      }
      break;
    }
    const run = words.slice(index, last + 1);
    index = last;
    let total = 0;
    let current = 0;
    let ordinal = false;
    for (const { word } of run) {
      if (word === 'a' || word === 'an' || word === 'and') continue;
      if (word in units) current += units[word]!;
      else if (word in ordinals) {
        ordinal = true;
        const value = ordinals[word]!;
        current = value === 100 ? (current || 1) * 100 : current + value;
      } else if (word === 'hundred') current = (current || 1) * 100;
      else {
        total += (current || 1) * scales[word]!;
        current = 0;
      }
    }
    const value = total + current;
    const start = run[0]!.start;
    let end = run.at(-1)!.end;
    if (!free(start, end)) continue;
    const rest = text.slice(end);
    const percent = /^(?:\s?%|\s+per\s?cent\b)/i.exec(rest);
    const money = /^\s+((?:US\s+)?dollars?|euros?|pounds?)\b/i.exec(rest);
    let kind: TokenKind = ordinal ? 'ordinal' : 'number';
    let key = `${ordinal ? 'ordinal' : 'number'}:${value}`;
    if (!ordinal && percent) {
      end += percent[0].length;
      kind = 'percent';
      key = `percent:${value}`;
    } else if (!ordinal && money) {
      end += money[0].length;
      kind = 'money';
      key = `money:${currencyOf(money[1]!)}:${value}`;
    }
    tokens.push({ kind, text: text.slice(start, end), start, end, key, value });
  }
  return tokens;
}

/**
 * Every checkable token of `text`, in order. Longer readings win: `27 June 2011` is one date
 * (not 27 and 2011), `Tier 2 Watch List` one tier, `€500,000` one amount.
 */
export function tokensIn(text: string): Token[] {
  const masked = maskMarkup(text);
  const tokens: Token[] = [];
  const free = (start: number, end: number) => tokens.every((token) => token.end <= start || token.start >= end);
  const add = (token: Token | undefined) => {
    if (token && free(token.start, token.end)) tokens.push(token);
  };
  const span = (match: RegExpMatchArray) => ({ text: match[0], start: match.index!, end: match.index! + match[0].length });

  for (const match of masked.matchAll(patterns.dayMonthYear)) {
    const key = dateKey(Number(match[3]), months.get(match[2]!)!, Number(match[1]));
    if (key) add({ kind: 'date', ...span(match), key });
  }
  for (const match of masked.matchAll(patterns.monthDayYear)) {
    const key = dateKey(Number(match[3]), months.get(match[1]!)!, Number(match[2]));
    if (key) add({ kind: 'date', ...span(match), key });
  }
  for (const match of masked.matchAll(patterns.isoDate)) {
    const key = dateKey(Number(match[1]), Number(match[2]), Number(match[3]));
    if (key) add({ kind: 'date', ...span(match), key });
  }
  for (const match of masked.matchAll(patterns.monthYear)) {
    add({ kind: 'month', ...span(match), key: `month:${match[2]}-${pad(months.get(match[1]!)!)}` });
  }
  for (const match of masked.matchAll(patterns.tier)) {
    const tier = `Tier ${tierNumbers[match[1]!.toLowerCase()]}${match[2] ? ' Watch List' : ''}`;
    add({ kind: 'tier', ...span(match), key: `tier:${tier}` });
  }
  for (const match of masked.matchAll(patterns.article)) {
    if (!free(match.index!, match.index! + match[0].length)) continue;
    // The word is part of the first article only; each number is a token of its own.
    for (const part of match[0].matchAll(/\d+[a-z]?/gi)) {
      const start = match.index! + part.index;
      const value = Number.parseInt(part[0], 10);
      tokens.push({ kind: 'article', text: `Article ${part[0]}`, start, end: start + part[0].length, key: `article:${part[0].toLowerCase()}`, value });
    }
  }
  for (const match of masked.matchAll(patterns.moneyBefore)) {
    const value = toNumber(match[3]!, match[4]);
    add({ kind: 'money', ...span(match), key: `money:${currencyOf(match[1] ?? match[2]!)}:${value}`, value });
  }
  for (const match of masked.matchAll(patterns.moneyAfter)) {
    const value = toNumber(match[1]!, match[2]);
    add({ kind: 'money', ...span(match), key: `money:${currencyOf(match[3]!)}:${value}`, value });
  }
  for (const match of masked.matchAll(patterns.percent)) {
    const value = toNumber(match[1]!, undefined);
    add({ kind: 'percent', ...span(match), key: `percent:${value}`, value });
  }
  for (const match of masked.matchAll(patterns.ordinal)) {
    const value = Number(match[1]);
    add({ kind: 'ordinal', ...span(match), key: `ordinal:${value}`, value });
  }
  for (const match of masked.matchAll(patterns.decade)) {
    const value = Number(match[1]);
    add({ kind: 'year', ...span(match), key: `number:${value}`, value });
  }
  for (const match of masked.matchAll(patterns.digits)) {
    const { text: written, start } = span(match);
    add(numberToken(written, start, toNumber(match[1]!, match[2]), match[2] === undefined));
  }
  for (const token of wordNumbers(masked, free)) tokens.push(token);
  return tokens.sort((a, b) => a.start - b.start).map((token) => ({ ...token, text: token.kind === 'article' ? token.text : text.slice(token.start, token.end) }));
}

/** The keys a token implies besides its own: a date states its month and year, a month its year, an article its number. */
function impliedKeys(token: Token): string[] {
  if (token.kind === 'date') {
    const [year, month, day] = token.key.slice('date:'.length).split('-');
    return [`month:${year}-${month}`, `number:${Number(year)}`, `number:${Number(day)}`];
  }
  if (token.kind === 'month') return [`number:${Number(token.key.slice('month:'.length, 'month:'.length + 4))}`];
  if (token.kind === 'article') return [`number:${token.value}`];
  return [];
}

const negation = /\b(no|none|not|zero|nothing)\b/i;

/**
 * Everything a passage states, as token keys: its tokens, what they imply (a date its month
 * and year), and zero where it negates ("No labor trafficking offenders were convicted").
 */
export function keysStatedBy(text: string): Set<string> {
  const keys = new Set<string>();
  for (const token of tokensIn(text)) {
    keys.add(token.key);
    for (const key of impliedKeys(token)) keys.add(key);
  }
  if (negation.test(text)) keys.add('number:0');
  return keys;
}

/** Every number a passage states, in digits (`216,234`, `60%`) or in words (`nine`, `one hundred`); "no" and "none" are zero. */
export function numbersIn(text: string): Set<number> {
  const found = new Set<number>();
  for (const key of keysStatedBy(text)) {
    const value = Number(key.split(':').at(-1));
    if (/^(number|percent|money|ordinal|article):/.test(key) && Number.isFinite(value)) found.add(value);
  }
  for (const token of tokensIn(text)) if (token.kind === 'tier') found.add(Number(token.key.replace(/\D/g, '')));
  return found;
}
