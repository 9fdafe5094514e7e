/**
 * Text normalisation for documents and for quote matching.
 *
 * Documents are normalised once on ingest (NFC, line endings, runs of white space).
 * Quotes and passages are compared after a further fold: every run of white space becomes
 * one space, curly quote marks become straight ones, and every dash becomes a hyphen-minus.
 * Case, letters and words are never changed.
 */

const lineBreaks = /\r\n?|[\u2028\u2029\u0085]/g;
// Horizontal white space except the newline, including no-break spaces.
const horizontalSpace = /[\t\v\f \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
// Invisible characters with no width (zero-width space, joiners, word joiner, BOM): removed,
// so a word split by one still matches the word.
const zeroWidth = /[\u200b-\u200d\u2060\ufeff]/g;
// Soft hyphens (U+00AD) too: they mark where a word may break, and are not part of it.
const zeroWidthChar = /^[\u00ad\u200b-\u200d\u2060\ufeff]$/;

/** NFC, `\n` line endings, one space for each run of horizontal white space, no trailing spaces. */
export function normalizeText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(zeroWidth, '')
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
 * Fold text for comparison: NFC, zero-width characters dropped, white space runs → one space
 * (trimmed), quote marks and dashes → ASCII. Keeps a map back to offsets in the input (as given,
 * even if it was not NFC) so a match can be located in the source.
 */
export function foldForMatch(input: string, options: { readonly looseHyphens?: boolean } = {}): FoldedText {
  const folded = foldText(input);
  return options.looseHyphens ? dropWordHyphens(folded) : folded;
}

/** Hyphens between two letters removed (`anti-trafficking` → `antitrafficking`), the map kept. */
function dropWordHyphens({ text, map }: FoldedText): FoldedText {
  let out = '';
  const outMap: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '-' && /\p{L}/u.test(text[index - 1] ?? '') && /\p{L}/u.test(text[index + 1] ?? '')) continue;
    out += text[index];
    outMap.push(map[index]!);
  }
  outMap.push(map[text.length]!);
  return { text: out, map: outMap };
}

function foldText(input: string): FoldedText {
  let text = '';
  const map: number[] = [];
  let pendingSpace = -1;
  // A base character with its combining marks is normalised as one unit, so every folded code
  // unit maps to the start of the unit it came from.
  for (const unit of input.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const offset = unit.index;
    for (const char of unit[0].normalize('NFC')) {
      if (zeroWidthChar.test(char)) continue;
      if (space.test(char)) {
        if (text.length > 0 && pendingSpace < 0) pendingSpace = offset;
        continue;
      }
      if (pendingSpace >= 0) {
        text += ' ';
        map.push(pendingSpace);
        pendingSpace = -1;
      }
      const folded = foldChar(char);
      text += folded;
      for (let index = 0; index < folded.length; index++) map.push(offset);
    }
  }
  map.push(input.length);
  return { text, map };
}

/** Just the folded string (see `foldForMatch`). */
export function fold(input: string): string {
  return foldForMatch(input).text;
}
