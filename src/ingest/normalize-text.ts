/**
 * Text normalisation for documents and for quote matching.
 *
 * Documents are normalised once on ingest (NFC, line endings, runs of white space).
 * Quotes and passages are compared after a further fold: every run of white space becomes
 * one space, curly quote marks become straight ones, and every dash becomes a hyphen-minus.
 * Case, letters and words are never changed.
 */

const lineBreaks = /\r\n?|[\u2028\u2029\u0085]/g;
// Horizontal white space except the newline, including no-break and zero-width spaces.
const horizontalSpace = /[\t\v\f \u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

/** NFC, `\n` line endings, one space for each run of horizontal white space, no trailing spaces. */
export function normalizeText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(lineBreaks, '\n')
    .replace(horizontalSpace, ' ')
    .replace(/ +\n/g, '\n')
    .replace(/\n +/g, '\n');
}

const doubleQuotes = new Set(['\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033', '\u301d', '\u301e', '\uff02']);
const singleQuotes = new Set(['\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u2039', '\u203a', '`', '\u00b4']);
const dashes = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d']);
const space = /\s/u;

/** Folded text, and for each of its UTF-16 code units the offset in the input it came from. */
export interface FoldedText {
  /** The folded text. */
  readonly text: string;
  /** `map[i]` is the offset in the input of folded code unit `i`; `map[text.length]` is the input length. */
  readonly map: readonly number[];
}

/** Fold one character for matching (quote marks and dashes); letters are untouched. */
function foldChar(char: string): string {
  if (doubleQuotes.has(char)) return '"';
  if (singleQuotes.has(char)) return "'";
  if (dashes.has(char)) return '-';
  return char;
}

/**
 * Fold text for comparison: NFC, white space runs → one space (trimmed), quote marks and
 * dashes → ASCII. Keeps a map back to input offsets so a match can be located in the source.
 */
export function foldForMatch(input: string): FoldedText {
  const source = input.normalize('NFC');
  let text = '';
  const map: number[] = [];
  let pendingSpace = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index] as string;
    if (space.test(char)) {
      pendingSpace = text.length > 0;
      continue;
    }
    if (pendingSpace) {
      text += ' ';
      map.push(index - 1);
      pendingSpace = false;
    }
    text += foldChar(char);
    map.push(index);
  }
  map.push(source.length);
  return { text, map };
}

/** Just the folded string (see `foldForMatch`). */
export function fold(input: string): string {
  return foldForMatch(input).text;
}
