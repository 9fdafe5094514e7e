import { englishLocale, type Locale } from '../locale/index.js';

/** Text from data (titles, labels) made safe inside a Markdown paragraph: no accidental emphasis or links. */
export function escapeInline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>])/g, '\\$1');
}

/** A Markdown fragment made safe inside one GFM table cell: one line, pipes escaped. */
export function tableCell(markdown: string): string {
  return markdown.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

/** A GFM table. Cells are Markdown (note markers work in them); each is made one line. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(tableCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** `a`, `a and b`, `a, b and c` (`a, b dhe c` in Albanian): Intl.ListFormat in the language. */
export function listOf(items: readonly string[], language: Locale = englishLocale()): string {
  return language.list(items);
}

/** Years as ranges: [2012, 2013, 2014, 2016] → `2012–2014`, `2016`. */
export function yearRanges(years: readonly number[]): string[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  for (const year of [...sorted, Number.NaN]) {
    if (start !== undefined && previous !== undefined && year === previous + 1) {
      previous = year;
      continue;
    }
    if (start !== undefined && previous !== undefined) ranges.push(start === previous ? String(start) : `${start}–${previous}`);
    start = year;
    previous = year;
  }
  return ranges;
}

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const plurals = new Intl.PluralRules('en');

/** A small number in words ("three"), a larger one in figures ("17"). */
export function inWords(n: number): string {
  return numberWords[n] ?? String(n);
}

/** "one source", "three sources", "17 sources". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${inWords(n)} ${plurals.select(n) === 'one' ? one : many}`;
}
