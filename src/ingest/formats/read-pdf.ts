import type { PDFDocumentProxy, PDFPageProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { Block, Extracted } from './types.js';
import { FormatError } from './types.js';

/** One printed line of a page: text items on one baseline, in the order the page draws them. */
interface Line {
  text: string;
  /** Baseline (PDF units, up is positive) of the line's largest text. */
  y: number;
  x0: number;
  x1: number;
  /** Font size of most of the line's characters. */
  size: number;
  /** Characters (not spaces) per font size, to find `size`. */
  readonly sizes: Map<number, number>;
  /** Characters (not spaces) per font (pdfjs's name of the font resource: bold is another one). */
  readonly fonts: Map<string, number>;
  /** Whether the line is page chrome (running header or footer, page number). */
  chrome: boolean;
}

/** The lines of one page, in the order the page draws them. */
interface PageLines {
  readonly page: number;
  readonly lines: Line[];
}

/** Lines that make one block: a paragraph, or a heading when `size` is large or it is set apart. */
interface Group {
  readonly lines: Line[];
  readonly page: number;
  readonly size: number;
  /** A heading set apart by its own line and font (see `setApartHeading`), whatever its size. */
  readonly setApart?: boolean;
}

// A new paragraph starts where the space between two baselines, in font sizes, is this much
// larger than the page's usual line spacing (most paragraph spacing is ≥ 1.33 of the leading).
const paragraphGapFactor = 1.3;
// Sizes this far apart (relative) are different fonts: a heading, a byline, a note.
const sizeChange = 0.15;
// A heading is set at least this much larger than the body text, and is short.
const headingFactor = 1.15;
const headingMaxChars = 200;
const headingMaxLines = 3;
// A heading in the body size (bold) or barely larger ends its line well before the column does:
// at most this share of the column's width. Lines of running text are fuller than that.
const setApartMaxWidth = 0.7;
// A heading's line is in its font throughout (this share of its characters at least), so a bold
// phrase in a line of text sets nothing apart.
const setApartFontShare = 0.8;
// A size this much larger than the text after it sets a heading apart even in the same font.
const setApartSizeFactor = 1.05;
// Chrome repeats at the same place (± this many PDF units) on this share of the pages.
const chromeTolerance = 3;
const chromeShare = 0.4;

const pageNumberLine = /^(?:page\s+|p\.\s*)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;
const wordPattern = /[\p{L}\p{M}]+(?:[-‐'’][\p{L}\p{M}]+)*/gu;

const roundSize = (size: number) => Math.round(size * 4) / 4;

/** The message of whatever pdfjs threw, on one line. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim() || 'unknown error';
}

/** The most common size among `sizes` (characters per size), the smaller one on a tie. */
function dominantSize(sizes: Map<number, number>): number {
  let best = 0;
  let count = -1;
  for (const [size, chars] of sizes) {
    if (chars > count || (chars === count && size < best)) [best, count] = [size, chars];
  }
  return best;
}

function percentile(values: readonly number[], share: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

const sameSize = (a: number, b: number) => Math.abs(a - b) <= sizeChange * Math.max(a, b);

/**
 * Build lines from a page's text items. Items follow each other on one line while their
 * baselines are within half a font size (so superscripts stay in their line); a space goes in
 * only where there is a visible gap, since pdfjs splits words at ligatures and soft hyphens.
 */
function buildLines(items: readonly TextItem[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let endOfLine = false;
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
    // Upright text only: rotated side tabs and watermarks are not the main text.
    if (Math.abs(b) > 1e-3 * Math.abs(a) || Math.abs(c) > 1e-3 * Math.abs(d) || a <= 0) {
      endOfLine ||= item.hasEOL;
      continue;
    }
    const size = Math.hypot(c, d) || item.height;
    if (item.str === '') {
      endOfLine ||= item.hasEOL;
      continue;
    }
    const str = item.str.replace(/\u00ad(?!$)/g, '');
    const newLine =
      !line || Math.abs(y - line.y) > 0.5 * Math.max(size, line.size) || (endOfLine && x < line.x1 - 0.5 * size);
    if (!line || newLine) {
      line = { text: '', y, x0: x, x1: x, size, sizes: new Map(), fonts: new Map(), chrome: false };
      lines.push(line);
    } else if (line.text !== '' && !/\s$/.test(line.text) && !/^\s/.test(str) && x - line.x1 > 0.15 * size) {
      line.text += ' ';
    }
    line.text += str;
    line.x0 = Math.min(line.x0, x);
    line.x1 = Math.max(line.x1, x + item.width);
    const chars = str.replace(/\s/g, '').length;
    if (chars > 0) {
      const key = roundSize(size);
      line.sizes.set(key, (line.sizes.get(key) ?? 0) + chars);
      line.fonts.set(item.fontName, (line.fonts.get(item.fontName) ?? 0) + chars);
      const main = dominantSize(line.sizes);
      if (main !== line.size) [line.size, line.y] = [main, key === main ? y : line.y];
    }
    endOfLine = item.hasEOL;
  }
  return lines.filter((each) => each.text.trim() !== '');
}

/**
 * Mark page chrome: a line that repeats, digits aside, at the same height on many pages
 * (running headers and footers), and a bare page number among a page's outermost lines.
 */
function markChrome(pages: readonly PageLines[]): void {
  // Pages on which each text (digits aside) is printed, per band of heights `chromeTolerance` high.
  const places = new Map<string, Set<number>>();
  const signature = (line: Line) => line.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
  const place = (text: string, band: number) => `${band}\u0000${text}`;
  for (const { page, lines } of pages) {
    for (const line of lines) {
      const key = place(signature(line), Math.round(line.y / chromeTolerance));
      const seen = places.get(key) ?? new Set<number>();
      seen.add(page);
      places.set(key, seen);
    }
  }
  // The same text in this band or the next ones (within about `chromeTolerance` of a height).
  const nearbyPages = new Map<string, Set<number>>();
  const pagesNear = (line: Line): Set<number> => {
    const [text, band] = [signature(line), Math.round(line.y / chromeTolerance)];
    const key = place(text, band);
    let seen = nearbyPages.get(key);
    if (!seen) {
      seen = new Set([-1, 0, 1].flatMap((step) => [...(places.get(place(text, band + step)) ?? [])]));
      nearbyPages.set(key, seen);
    }
    return seen;
  };
  const needed = Math.max(2, Math.ceil(chromeShare * pages.length));
  for (const { page, lines } of pages) {
    const byHeight = [...lines].sort((a, b) => b.y - a.y);
    const outer = new Set([...byHeight.slice(0, 3), ...byHeight.slice(-3)]);
    const outermost = new Set([...byHeight.slice(0, 2), ...byHeight.slice(-2)]);
    for (const line of lines) {
      if (outermost.has(line) && pageNumberLine.test(line.text.trim())) {
        line.chrome = true;
        continue;
      }
      const seen = pagesNear(line);
      // Many pages anywhere, or three of five pages in a row at the head or foot (a chapter's
      // running head, on every page or every other page; a subhead that happens to open pages
      // of different chapters is not one).
      const inWindow = (start: number) => [0, 1, 2, 3, 4].filter((step) => seen.has(start + step)).length;
      const inRun = () => [-4, -3, -2, -1, 0].some((offset) => inWindow(page + offset) >= 3);
      if (seen.size >= needed || (outer.has(line) && inRun())) line.chrome = true;
    }
  }
}

/** Line spacing in font sizes between consecutive lines of the same size going down the page. */
function lineGaps(lines: readonly Line[]): number[] {
  const gaps: number[] = [];
  for (let index = 1; index < lines.length; index++) {
    const [previous, line] = [lines[index - 1]!, lines[index]!];
    const gap = previous.y - line.y;
    if (gap > 0 && sameSize(previous.size, line.size)) gaps.push(gap / Math.max(previous.size, line.size));
  }
  return gaps;
}

const endsSentence = /[.!?:;]["'”’)\]]*$/;
// What a heading does not end in: a colon may ("Recommendations for Kosovo:").
const endsStatement = /[.!?;…]["'”’)\]]*$/u;

const lineWidth = (line: Line) => line.x1 - line.x0;

/** The font most of a line's characters are in, and the share of its characters it has. */
function mainFont(line: Line): { readonly name: string; readonly share: number } {
  let [name, most, total] = ['', 0, 0];
  for (const [font, chars] of line.fonts) {
    total += chars;
    if (chars > most) [name, most] = [font, chars];
  }
  return { name, share: total > 0 ? most / total : 0 };
}

/**
 * How many lines from `start` are a heading set apart from the text it heads, or 0. Such a
 * heading need not be larger than the text (a bold subhead) nor spaced from it: its last line is
 * short (well short of the column, or `breaksEarly`) and ends no sentence, each of its lines is
 * in one font, and the next line is text in another font, or in a smaller size. Up to
 * `headingMaxLines` lines in the same font and size, going down the page, are one heading.
 */
function setApartHeading(lines: readonly Line[], start: number, columnWidth: number): number {
  const first = lines[start]!;
  const font = mainFont(first);
  if (font.share < setApartFontShare) return 0;
  let end = start + 1;
  while (end < lines.length && end - start < headingMaxLines) {
    const [previous, line] = [lines[end - 1]!, lines[end]!];
    const next = mainFont(line);
    const gap = previous.y - line.y;
    if (next.name !== font.name || next.share < setApartFontShare || line.size !== first.size || gap <= 0 || gap > 2 * line.size) break;
    end++;
  }
  const [run, next] = [lines.slice(start, end), lines[end]];
  const last = run.at(-1)!;
  if (!next || (lineWidth(last) > setApartMaxWidth * columnWidth && !breaksEarly(last, next, columnWidth))) return 0;
  if (run.some((line) => endsStatement.test(line.text.trim())) || run.reduce((sum, line) => sum + line.text.length, 0) > headingMaxChars) return 0;
  // A heading is never smaller than its text: a smaller line above text is a byline or a date.
  if (next.size > first.size) return 0;
  return mainFont(next).name !== font.name || first.size >= setApartSizeFactor * next.size ? run.length : 0;
}

/**
 * Whether `line` was broken before the column ends: the first word of `next` would have fitted
 * after it. Running text breaks a line only where the next word does not fit, so such a line
 * ends a paragraph or a heading. The word's width is guessed from `next`'s own characters, with
 * room to spare.
 */
function breaksEarly(line: Line, next: Line, columnWidth: number): boolean {
  const text = next.text.trim();
  const word = /^\S+/.exec(text)?.[0] ?? '';
  const charWidth = lineWidth(next) / Math.max(1, text.length);
  return lineWidth(line) + 1.5 * (word.length + 1) * charWidth <= columnWidth;
}

/** Whether `line` ended its paragraph before `next`, with no space between them to tell. */
const endsParagraphBefore = (line: Line, next: Line, columnWidth: number) => endsSentence.test(line.text.trim()) && breaksEarly(line, next, columnWidth);

/**
 * Split a page's lines into paragraphs at wide gaps and changes of font size, and set apart the
 * headings that open a paragraph without either (see `setApartHeading`). Only a line that starts
 * the page (unless `carried`: the page before ended mid-sentence), follows a gap or follows a
 * line that ended its paragraph (`endsParagraphBefore`) can start a heading: a paragraph's own
 * short last line ends it and never becomes one.
 */
function groupLines(page: number, lines: readonly Line[], usualGap: number, columnWidth: number, carried: boolean): Group[] {
  const groups: Group[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length > 0) groups.push({ lines: current, page, size: dominantSize(sizesOf(current)) });
    current = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const previous = current.at(-1);
    if (previous) {
      const gap = previous.y - line.y;
      const size = Math.max(previous.size, line.size);
      // Up the page and to the right: the next column. The paragraph goes on unless it had ended.
      const nextColumn = gap < -0.5 * size && line.x0 > previous.x0 + 2 * size && !endsSentence.test(previous.text.trim());
      const split = !sameSize(previous.size, line.size) || (gap < -0.5 * size && !nextColumn) || gap / size > paragraphGapFactor * usualGap;
      if (split) flush();
    }
    const last = current.at(-1);
    const opensParagraph = last ? endsParagraphBefore(last, line, columnWidth) : index > 0 || !carried;
    const heading = opensParagraph ? setApartHeading(lines, index, columnWidth) : 0;
    if (heading > 0) {
      flush();
      const headingLines = lines.slice(index, index + heading);
      groups.push({ lines: headingLines, page, size: dominantSize(sizesOf(headingLines)), setApart: true });
      index += heading - 1;
      continue;
    }
    current.push(line);
  }
  flush();
  return groups;
}

function sizesOf(lines: readonly Line[]): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const line of lines) for (const [size, chars] of line.sizes) sizes.set(size, (sizes.get(size) ?? 0) + chars);
  return sizes;
}

/**
 * Join a paragraph's lines. A word broken by a hyphen at a line end is mended when the whole
 * word occurs elsewhere in the document and the hyphenated one does not; the hyphen stays when
 * only the hyphenated word occurs elsewhere (`anti-` + `trafficking`). When neither does, the
 * break is ambiguous: it becomes a soft hyphen (U+00AD), which shows as nothing and which quote
 * matching treats as optional hyphenation (see `foldForMatch`).
 */
function joinLines(lines: readonly Line[], words: ReadonlySet<string>): string {
  let text = '';
  for (const line of lines) {
    const next = line.text.trim();
    if (text === '') {
      text = next;
      continue;
    }
    const broken = /([\p{L}\p{M}]+)([-‐\u00ad])$/u.exec(text);
    const head = /^[\p{L}\p{M}]+/u.exec(next)?.[0];
    if (broken && head && /^\p{Ll}/u.test(head)) {
      const [, before = '', hyphen] = broken;
      const joined = `${before}${head}`.toLowerCase();
      const hyphenated = words.has(`${before.toLowerCase()}-${head.toLowerCase()}`);
      const mend = hyphen === '\u00ad' || (words.has(joined) && !hyphenated);
      const ambiguous = !mend && !hyphenated && !words.has(joined);
      text = mend ? text.slice(0, -1) + next : ambiguous ? `${text.slice(0, -1)}${ambiguousBreak}${next}` : text + next;
    } else if (broken && /^[\p{L}\p{N}]/u.test(next)) {
      text += next;
    } else if (/[\p{L}\p{N}][—–/]$/u.test(text)) {
      text += next;
    } else {
      text += ` ${next}`;
    }
  }
  return text.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim().replaceAll(ambiguousBreak, '\u00ad');
}

// Marks an ambiguous line-end hyphen while lines are joined (soft hyphens already in the text go).
const ambiguousBreak = '\u0000';

/** A paragraph that ends without ending its sentence goes on at the top of the next page. */
const continues = (text: string) => !/[.!?:;…"”’)\]]$/u.test(text.trim());

async function pageLines(doc: PDFDocumentProxy, number: number): Promise<PageLines> {
  let page: PDFPageProxy | undefined;
  try {
    page = await doc.getPage(number);
    const content = await page.getTextContent();
    const items = content.items.filter((item): item is TextItem => 'str' in item);
    return { page: number, lines: buildLines(items) };
  } catch (error) {
    throw new FormatError('pdf', `page ${number} cannot be read (${reason(error)})`, { cause: error });
  } finally {
    page?.cleanup();
  }
}

async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs transfers (detaches) the buffer it is given, and refuses a Buffer: hand it a plain copy.
  const task = getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new FormatError('pdf', 'it is encrypted (password-protected)', { cause: error });
    }
    throw new FormatError('pdf', `it is not a PDF that can be read (${reason(error)})`, { cause: error });
  }
}

/**
 * Read the main text of a PDF report: paragraphs and headings in reading order, each with the
 * page it is printed on, without running headers, footers and page numbers.
 */
export async function readPdf(bytes: Uint8Array): Promise<Extracted> {
  const doc = await openPdf(bytes);
  try {
    const pages: PageLines[] = [];
    // One page at a time, its resources freed after: reports run to 600 pages.
    for (let number = 1; number <= doc.numPages; number++) pages.push(await pageLines(doc, number));
    let pageLabels: string[] | null = null;
    try {
      pageLabels = await doc.getPageLabels();
    } catch {
      // A malformed /PageLabels tree: cite by page number instead.
    }

    markChrome(pages);
    for (const page of pages) page.lines.splice(0, page.lines.length, ...page.lines.filter((line) => !line.chrome));

    const allLines = pages.flatMap((page) => page.lines);
    const words = new Set<string>();
    for (const line of allLines) for (const [word] of line.text.matchAll(wordPattern)) words.add(word.toLowerCase().replace(/‐/g, '-'));
    const documentGap = percentile(lineGaps(allLines), 0.25) ?? 1.2;
    const documentBody = dominantSize(sizesOf(allLines));
    // A column's width: most lines of running text are full, paragraphs' last lines are not.
    const documentColumn = percentile(allLines.map(lineWidth), 0.75) ?? 0;

    const groups: Array<Group & { body: number }> = [];
    let carried = false;
    for (const { page, lines } of pages) {
      const gaps = lineGaps(lines);
      const usualGap = gaps.length >= 3 ? (percentile(gaps, 0.25) ?? documentGap) : documentGap;
      const sizes = sizesOf(lines);
      const chars = [...sizes.values()].reduce((sum, count) => sum + count, 0);
      const body = chars >= 200 ? dominantSize(sizes) : documentBody;
      const column = lines.length >= 5 ? (percentile(lines.map(lineWidth), 0.75) ?? documentColumn) : documentColumn;
      for (const group of groupLines(page, lines, usualGap, column, carried)) groups.push({ ...group, body });
      carried = lines.length > 0 && continues(lines.at(-1)!.text);
    }

    // Short and large, or set apart; and not a line of a table of contents (dot leaders).
    const isLarge = (group: Group & { body: number }) => group.size >= headingFactor * group.body;
    const isHeading = (group: Group & { body: number }) =>
      (group.setApart === true || isLarge(group)) &&
      group.lines.length <= headingMaxLines &&
      group.lines.reduce((sum, line) => sum + line.text.length, 0) <= headingMaxChars &&
      !group.lines.some((line) => /(?:\.\s?){4}/.test(line.text));
    const largest = Math.max(0, ...groups.filter(isHeading).map((group) => group.size));
    const blocks: Block[] = [];
    // A paragraph cut by a page break is one paragraph: its lines on the next page join it, and
    // the offset where each new page starts is kept, so a quote is cited by the page it is on.
    let open: { lines: Line[]; page: number; breaks: { line: number; page: number }[] } | undefined;
    const closeParagraph = () => {
      if (!open) return;
      const text = joinLines(open.lines, words);
      const pageBreaks = open.breaks.map((item) => ({ offset: Math.min(text.length, joinLines(open!.lines.slice(0, item.line), words).length + 1), page: item.page }));
      if (text !== '') blocks.push({ kind: 'paragraph', text, page: open.page, ...(pageBreaks.length > 0 ? { pageBreaks } : {}) });
      open = undefined;
    };
    for (const group of groups) {
      if (isHeading(group)) {
        closeParagraph();
        const text = joinLines(group.lines, words);
        // Only a large heading is a title: one in the body size is a subhead, whatever else there is.
        const depth = isLarge(group) && group.size >= largest / (1 + sizeChange / 2) ? 1 : 2;
        if (text !== '') blocks.push({ kind: 'heading', text, depth, page: group.page });
        continue;
      }
      const lastPage = open?.breaks.at(-1)?.page ?? open?.page;
      if (open && lastPage !== undefined && group.page === lastPage + 1 && continues(open.lines.at(-1)?.text ?? '')) {
        open.breaks.push({ line: open.lines.length, page: group.page });
        open.lines.push(...group.lines);
        continue;
      }
      closeParagraph();
      open = { lines: [...group.lines], page: group.page, breaks: [] };
    }
    closeParagraph();
    if (blocks.length === 0) throw new FormatError('pdf', 'it has no text layer (a scanned image?); run OCR first');
    return { blocks, pages: doc.numPages, ...(pageLabels ? { pageLabels } : {}) };
  } finally {
    await doc.destroy();
  }
}
