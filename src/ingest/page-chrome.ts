/**
 * Page chrome: lines a web page adds around the document (cookie and script notices,
 * navigation, a republisher's header and disclaimer, a web archive's banner). They are set
 * aside on ingest so no fact can quote them, and kept with the document so a curator can see
 * what was dropped. The same rules apply to the lines of a plain text and to the blocks of an
 * extracted document (HTML, Markdown, PDF); a source entry can name more in `chrome:`.
 */
import type { SourceChrome } from './bibliography.js';
import { renumberParagraphs } from './formats/structure-blocks.js';
import { normalizeText } from './normalize-text.js';
import type { DocumentContent } from './read-document.js';
import { splitParagraphs } from './split-paragraphs.js';

/** A line (plain text) or block (extracted formats) set aside as page chrome. */
export interface ChromeLine {
  /**
   * 1-based line number in the document: the line of a plain text; for an extracted document,
   * the line its paragraph would have (the block's line in the extracted text, or in the file
   * for Markdown).
   */
  readonly line: number;
  /** The line's text. */
  readonly text: string;
  /** Which rule set it aside: a built-in rule's name, or `source-entry` for the source's `chrome:` list. */
  readonly rule: string;
}

/** The rule name of lines set aside by a source entry's `chrome:` list. */
export const sourceEntryRule = 'source-entry';

interface LineRule {
  readonly rule: string;
  readonly pattern: RegExp;
}

// Single lines that are chrome wherever they appear: each is a fixed phrase of a site or an
// archive, never a sentence of a report.
const lineRules: readonly LineRule[] = [
  { rule: 'javascript-notice', pattern: /^Sorry, you need to enable JavaScript to visit this website\.?$/i },
  { rule: 'skip-link', pattern: /^Skip to (main )?content$/i },
  { rule: 'refworld-search', pattern: /^Search Refworld$/i },
  // The page title as a browser or an archive prints it: "Refworld | 2011 Trafficking in …".
  { rule: 'refworld-title', pattern: /^Refworld \| \S.*$/ },
  { rule: 'refworld-updated', pattern: /^Last Updated: .+ GMT$/ },
  { rule: 'wayback', pattern: /^The Wayback Machine - https?:\/\/web\.archive\.org\/\S*$/i },
  { rule: 'wayback', pattern: /^https?:\/\/web\.archive\.org\/web\/\S*$/i },
  // The capture counter of the archive's banner: "12 captures 1 Jul 2011 - 19 Jan 2018".
  { rule: 'wayback', pattern: /^[\d,]+ captures?(?: \d{1,2} \w{3} \d{4} - \d{1,2} \w{3} \d{4})?$/ },
];

// Refworld republishes reports under a header block: "Last Updated: …" down to its disclaimer,
// with the title and label-value rows ("Publisher United States Department of State") between.
const refworldHeaderStart = /^Last Updated: .+ GMT$/;
const refworldHeaderEnd = /^Disclaimer\s*This is not a UNHCR publication\b/;
const refworldHeaderMaxLines = 20;

// Rows of Refworld's metadata table, in the shapes copies give them: `Publisher | … |` (an
// archived page), `Publisher<tab>…` (a copied table; normalised to one space in plain text),
// `Publisher: …`, `Publisher …`, or a row of an HTML or Markdown table (`Publisher | …`).
const rowLabels = ['Title', 'Publisher', 'Author', 'Publication Date', 'Country', 'Topics', 'Related Document\\(s\\)', 'Related Documents', 'Cite as', 'Comments', 'Disclaimer'];
const row = new RegExp(`^\\|?\\s*(${rowLabels.join('|')})(?:\\s*([|:])\\s*|\\s+|$)(.*?)\\s*\\|?\\s*$`);
// A row written with a colon is at most this long; one with only a space between label and
// value is shorter still and ends without a full stop: "Country reports describe Kosovo as
// …" and "Title IX of the code …" are sentences of a report, not rows.
const colonRowMaxChars = 300;
const spaceRowMaxChars = 150;
const sentenceEnd = /[.!?;]["'”’)]*$/;
// The disclaimer Refworld prints under every document it did not publish itself, with its
// label or without (a table cell of its own); its own text copy runs the label into it.
const disclaimerRow = /^(?:\|?\s*Disclaimer\s*[|:]?\s*)?This is not a UNHCR publication\b/;
// A citation row: a table cell, or Refworld's "Cite as" with the address it was read at.
const citation = /\bavailable at:.*\[accessed [^\]]*\]|\[accessed [^\]]*\]$/;
// A run of header rows this close to the top (counting text lines that are not chrome) is the
// document's header table: further down, only a run with a disclaimer or citation row is.
const headerReach = 25;

/** Kind of one line for header-table detection. */
type RowKind = 'strong' | 'row';

interface Row {
  readonly kind: RowKind;
  readonly label: string;
}

/**
 * A Refworld header row, or undefined: the disclaimer and citation rows are `strong` (chrome
 * wherever they are); the others are rows only inside a header table.
 */
function headerRow(text: string): Row | undefined {
  if (disclaimerRow.test(text)) return { kind: 'strong', label: 'Disclaimer' };
  const match = row.exec(text);
  if (!match) return undefined;
  const label = match[1]!;
  const separator = match[2];
  const value = match[3]!;
  // A label with no value (an empty cell, or the value in a cell of its own) is a row too.
  if (label === 'Disclaimer' && value !== '') return undefined;
  if (label === 'Cite as' && (separator === '|' || citation.test(value))) return { kind: 'strong', label };
  if (separator === ':' && text.length > colonRowMaxChars) return undefined;
  if (separator === undefined && value !== '' && (text.length > spaceRowMaxChars || sentenceEnd.test(value))) return undefined;
  return { kind: 'row', label };
}

/** Fold white space as chrome is compared: trimmed, each run one space. */
function foldSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What `findChrome` found: chrome by item index, and the source rules that matched nothing. */
export interface ChromeFound {
  /** Index of each chrome item (line or block), with the rule that set it aside. */
  readonly found: ReadonlyMap<number, string>;
  /** Indexes in the source's `chrome:` list of entries that matched no item. */
  readonly unmatched: readonly number[];
}

/** A source entry's `chrome:` item as a test of one folded line. */
function sourceMatcher(entry: SourceChrome): (text: string) => boolean {
  if (typeof entry === 'string') {
    const wanted = foldSpace(normalizeText(entry));
    return (text) => text === wanted;
  }
  // Anchored: a pattern names whole lines, as an exact line does.
  const pattern = new RegExp(`^(?:${entry.pattern})$`, entry.flags ?? '');
  return (text) => pattern.test(text);
}

/**
 * Find the chrome among `items`: the lines of a normalised plain text (`''` for a blank line)
 * or the blocks of an extracted document, in order. Built-in rules first, then the source
 * entry's own `chrome:` list on what they left.
 */
export function findChrome(items: readonly string[], sourceChrome: readonly SourceChrome[] = []): ChromeFound {
  const texts = items.map(foldSpace);
  const found = new Map<number, string>();
  texts.forEach((text, index) => {
    const hit = lineRules.find(({ pattern }) => pattern.test(text));
    if (hit) found.set(index, hit.rule);
  });

  // Refworld's header in the layout its own text copy has: the first text line (after any
  // other chrome) down to the disclaimer.
  const first = texts.findIndex((text, index) => text !== '' && (!found.has(index) || refworldHeaderStart.test(text)));
  if (first >= 0 && refworldHeaderStart.test(texts[first]!)) {
    const end = texts.findIndex((text, index) => index > first && refworldHeaderEnd.test(text));
    if (end > first && end - first < refworldHeaderMaxLines) {
      for (let index = first; index <= end; index++) if (texts[index] !== '') found.set(index, 'refworld-header');
    }
  }

  setAsideHeaderTables(texts, found);

  const unmatched: number[] = [];
  sourceChrome.forEach((entry, entryIndex) => {
    const matches = sourceMatcher(entry);
    let matched = false;
    texts.forEach((text, index) => {
      if (text === '' || found.has(index) || !matches(text)) return;
      found.set(index, sourceEntryRule);
      matched = true;
    });
    if (!matched) unmatched.push(entryIndex);
  });
  return { found, unmatched };
}

/**
 * Header tables: runs of Refworld header rows (blank lines and other chrome between them do
 * not end a run). A run is chrome if it holds a disclaimer or citation row, or if it has two
 * or more different labels and starts near the top.
 */
function setAsideHeaderTables(texts: readonly string[], found: Map<number, string>): void {
  let run: { index: number; row: Row }[] = [];
  let textLines = 0;
  let runStart = 0;
  const endRun = () => {
    const strong = run.some((item) => item.row.kind === 'strong');
    const labels = new Set(run.map((item) => item.row.label));
    if (strong || (labels.size >= 2 && runStart <= headerReach)) {
      for (const item of run) found.set(item.index, 'refworld-header');
    }
    run = [];
  };
  texts.forEach((text, index) => {
    if (text === '' || found.has(index)) return;
    const header = headerRow(text);
    if (header) {
      if (run.length === 0) runStart = textLines;
      run.push({ index, row: header });
    } else {
      endRun();
    }
    textLines++;
  });
  endRun();
}

/** A document with its chrome set aside, and the source's `chrome:` entries that matched nothing. */
export interface WithoutChrome {
  readonly content: DocumentContent;
  /** Indexes in the source's `chrome:` list of entries that matched no line. */
  readonly unmatched: readonly number[];
}

/**
 * Set aside the page chrome of a document as `readDocument` (or the extract cache) gives it,
 * by the built-in rules and the source entry's `chrome:` list. ¶ numbers then count only the
 * paragraphs that remain. The text is kept whole (chrome included: it is what the document
 * says); lines keep their numbers in it.
 */
export function setAsideChrome(content: DocumentContent, sourceChrome: readonly SourceChrome[] = []): WithoutChrome {
  if (content.format === 'text') {
    const lines = content.text.split('\n');
    const { found, unmatched } = findChrome(lines, sourceChrome);
    if (found.size === 0) return { content, unmatched };
    const chrome = [...found].sort(([a], [b]) => a - b).map(([index, rule]) => ({ line: index + 1, text: lines[index]!.trim(), rule }));
    return { content: { ...content, chrome, ...splitParagraphs(content.text, chrome) }, unmatched };
  }
  // Extracted formats: each paragraph is one block of the extracted text.
  const { found, unmatched } = findChrome(content.paragraphs.map((paragraph) => paragraph.text), sourceChrome);
  if (found.size === 0) return { content, unmatched };
  const chrome = content.paragraphs.flatMap((paragraph, index) => {
    const rule = found.get(index);
    return rule === undefined ? [] : [{ line: paragraph.line, text: paragraph.text, rule }];
  });
  const kept = content.paragraphs.filter((_, index) => !found.has(index));
  return { content: { ...content, chrome, ...renumberParagraphs(kept) }, unmatched };
}
