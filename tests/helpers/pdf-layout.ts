import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/*
 * A layout checker for built brief PDFs: it reads the text of each page back with pdfjs-dist,
 * rebuilds the printed lines from the text items (baseline, size, font), sorts them into running
 * head, running foot, headings, body, notes, and reports what an editor would mark on a proof:
 * notes printed twice, pages holding only a heading, pages left part-empty, orphaned lines,
 * headings stranded at a page foot, wrong running heads, and text running past the margin.
 *
 * Everything after reading the PDF (`groupLines`, `layoutPages` and the rules) is a pure function
 * of the text runs, so the unit tests drive it with synthetic pages.
 *
 * Measures, all derived from the PDF: the body size is the commonest size of serif text, the
 * note size that of "N." lines at the left margin; line pitches are the commonest baseline
 * distances. The running head and foot are the small lines set apart (10 pt or more) at the top
 * and foot on baselines most pages share; Paged.js centres them in the margins, which gives the
 * top and bottom margins, and their outer ends give the left and right ones. Thresholds: a
 * paragraph break is a baseline distance over pitch + 0.15 × body size; a line "reaches the
 * margin" within a fifth of the measure; a page must be 2/3 full; a heading needs 2 lines after
 * it; text may pass the margins by 1 pt; notes need 4 pt of space above them.
 */

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/** One text item of a page as pdfjs-dist reports it (mostly one word). Lengths in pt; y from the page foot. */
export interface TextRun {
  readonly text: string;
  /** Left edge. */
  readonly x: number;
  /** Baseline, from the foot of the page (PDF coordinates). */
  readonly y: number;
  readonly width: number;
  /** Font size (pdfjs item height). */
  readonly size: number;
  /** pdfjs's generic family: "serif", "sans-serif", "monospace". */
  readonly family: string;
  /** The embedded font's name without its subset prefix, e.g. "SourceSerif4-Bold"; "" when unknown. */
  readonly font: string;
  /** Font ascent and descent as fractions of the size (descent positive); defaults 0.95 / 0.25. */
  readonly ascent?: number;
  readonly descent?: number;
}

/** A stretch of one line separated from the next by a wide gap (a running head's left and right parts, table cells). */
export interface LineSegment {
  readonly x: number;
  readonly right: number;
  /** Baseline of the segment's first run (the parts of a running head may sit a little apart). */
  readonly y: number;
  readonly text: string;
}

/** One printed line: the runs that share a baseline, with the superscript note markers set on it. */
export interface TextLine {
  /** The words of the line, joined; superscript markers are left out (see `markers`). */
  readonly text: string;
  /** The note numbers set as superscripts on this line. */
  readonly markers: readonly number[];
  readonly x: number;
  /** Right edge of the rightmost run (markers included). */
  readonly right: number;
  /** Baseline. */
  readonly y: number;
  /** Top and bottom of the glyphs (baseline ± ascent / descent). */
  readonly top: number;
  readonly bottom: number;
  /** The line's main font size, family and font (weighted by characters). */
  readonly size: number;
  readonly family: string;
  readonly font: string;
  readonly sans: boolean;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly segments: readonly LineSegment[];
  readonly runs: readonly TextRun[];
}

export type LineKind =
  | 'running-head'
  | 'running-foot'
  | 'title'
  | 'heading2'
  | 'heading3'
  | 'body'
  | 'other'
  | 'note';

export interface LayoutLine extends TextLine {
  readonly kind: LineKind;
  /** For a line that starts a note ("7. United States …"): the note's number. */
  readonly noteStart?: number;
}

/** The text block: the page area inside the margins (PDF coordinates, y from the page foot). */
export interface TextBlock {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Sizes measured over the whole document. */
export interface LayoutMetrics {
  /** Font size of body text. */
  readonly bodySize: number;
  /** Baseline-to-baseline distance of body lines within a paragraph. */
  readonly linePitch: number;
  /** Font size of the notes at the page foot. */
  readonly noteSize: number;
  /** Baseline-to-baseline distance of note lines. */
  readonly notePitch: number;
}

/** One page, its lines classified, top to bottom. */
export interface PageLayout {
  /** 1-based page number. */
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly block: TextBlock;
  readonly metrics: LayoutMetrics;
  readonly lines: readonly LayoutLine[];
}

/** A page of lines before classification. */
export interface RawPage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly TextLine[];
}

export type LayoutRule =
  | 'notesPrintedMoreThanOnce'
  | 'headingOnlyPages'
  | 'underfilledPages'
  | 'orphanLines'
  | 'headingsWithoutFollowers'
  | 'runningHeadMismatches'
  | 'outsideTextBlock'
  | 'notesCrowdingBody';

export interface LayoutViolation {
  readonly rule: LayoutRule;
  /** 1-based page number. */
  readonly page: number;
  readonly detail: string;
}

export interface LayoutReport {
  readonly pages: readonly PageLayout[];
  readonly violations: readonly LayoutViolation[];
}

export interface LayoutOptions {
  /** Least fraction of the text block a page (but the last) must fill; default 2/3. */
  readonly fillThreshold?: number;
  /** Headings of parts that start on a new page ("Evidence", "Sources"): the page before one may be short. */
  readonly newPartHeadings?: readonly string[];
  /** Body lines a heading needs after it on its page; default 2. */
  readonly minLinesAfterHeading?: number;
  /** How far (pt) text may pass the text block's edges; default 1. */
  readonly marginTolerance?: number;
  /** Least space (pt) between the last body line's descenders and the first note's ascenders; default 4. */
  readonly minNotesGap?: number;
}

// ---------------------------------------------------------------------------------------------
// Reading a PDF
// ---------------------------------------------------------------------------------------------

/** The text runs of each page of a PDF (upright text only; chart labels set at an angle are left out). */
export async function readPdfRuns(
  file: string,
): Promise<{ page: number; width: number; height: number; runs: TextRun[] }[]> {
  const data = new Uint8Array(await readFile(file));
  const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: { page: number; width: number; height: number; runs: TextRun[] }[] = [];
  try {
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      // The embedded fonts' names (bold, italic) are known once the page's operators are loaded.
      await page.getOperatorList();
      const fontNames = new Map<string, string>();
      for (const id of Object.keys(content.styles)) {
        try {
          const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : undefined;
          fontNames.set(id, (font?.name ?? '').replace(/^[A-Z]{6}\+/, ''));
        } catch {
          fontNames.set(id, '');
        }
      }
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '' || !(item.height > 0)) continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        if (Math.abs(b ?? 0) > 0.01 || Math.abs(c ?? 0) > 0.01 || (a ?? 0) <= 0 || (d ?? 0) <= 0) continue;
        const style = content.styles[item.fontName];
        runs.push({
          text: item.str,
          x: (e ?? 0) - x0,
          y: (f ?? 0) - y0,
          width: item.width,
          size: item.height,
          family: style?.fontFamily ?? '',
          font: fontNames.get(item.fontName) ?? '',
          ascent: style?.ascent ?? 0.95,
          descent: Math.abs(style?.descent ?? 0.25),
        });
      }
      pages.push({ page: number, width: x1 - x0, height: y1 - y0, runs });
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return pages;
}

/** Read a PDF and classify the lines of its pages. */
export async function readPdfLayout(file: string): Promise<PageLayout[]> {
  const pages = await readPdfRuns(file);
  return layoutPages(pages.map(({ page, width, height, runs }) => ({ page, width, height, lines: groupLines(runs) })));
}

/** Read a PDF and check it against every rule. */
export async function checkPdfLayout(file: string, options: LayoutOptions = {}): Promise<LayoutReport> {
  return checkLayout(await readPdfLayout(file), options);
}

// ---------------------------------------------------------------------------------------------
// Lines from runs
// ---------------------------------------------------------------------------------------------

/** Runs whose baselines differ by no more than this (pt) are on one line. */
const BASELINE_TOLERANCE = 1.2;
/** A gap wider than this many times the size splits a line into segments. */
const SEGMENT_GAP = 3;
/** A gap wider than this many times the size is a space between words. */
const WORD_GAP = 0.15;

const isBoldFont = (font: string) => /bold|black|heavy|semibold|demibold/i.test(font);
const isItalicFont = (font: string) => /italic|oblique/i.test(font);
const isSansRun = (run: TextRun) => run.family === 'sans-serif' || (/sans/i.test(run.font) && !/serif/i.test(run.font.replace(/sans/gi, '')));

/** The value that most characters of `runs` have. */
function dominant<T>(runs: readonly TextRun[], value: (run: TextRun) => T): T {
  const weights = new Map<T, number>();
  for (const run of runs) weights.set(value(run), (weights.get(value(run)) ?? 0) + run.text.length);
  let best: T | undefined;
  let most = -1;
  for (const [key, weight] of weights) {
    if (weight > most) {
      best = key;
      most = weight;
    }
  }
  return best as T;
}

/**
 * Group a page's runs into lines, top to bottom: runs on one baseline (within 1.2 pt) form a
 * line; a cluster of small numbers set just above a line (a superscript note marker, "7" or
 * "7,8") joins that line as its markers.
 */
export function groupLines(runs: readonly TextRun[]): TextLine[] {
  const sorted = runs
    .filter((run) => run.text.trim() !== '' && run.size > 0)
    .slice()
    .sort((p, q) => q.y - p.y || p.x - q.x);
  const clusters: { y: number; runs: TextRun[] }[] = [];
  for (const run of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && Math.abs(last.y - run.y) <= BASELINE_TOLERANCE) last.runs.push(run);
    else clusters.push({ y: run.y, runs: [run] });
  }
  const maxSize = (cluster: { runs: TextRun[] }) => Math.max(...cluster.runs.map((run) => run.size));
  const lines: { y: number; runs: TextRun[]; markers: TextRun[] }[] = clusters.map((cluster) => ({ ...cluster, markers: [] }));
  // Superscripts: a cluster of small numbers just above the next line down, within its width.
  for (let index = 0; index < lines.length; index++) {
    const upper = lines[index]!;
    if (upper.runs.length === 0 || !upper.runs.every((run) => /^[\d,\s–-]+$/.test(run.text))) continue;
    const below = lines.slice(index + 1).find((line) => line.runs.length > 0);
    if (!below) continue;
    const size = dominant(below.runs, (run) => run.size);
    const left = Math.min(...below.runs.map((run) => run.x));
    const right = Math.max(...below.runs.map((run) => run.x + run.width));
    // Each marker is over the line, or follows the marker before it ("7,8" at the line's end).
    let previousEnd = -Infinity;
    const overLine = [...upper.runs]
      .sort((p, q) => p.x - q.x)
      .every((run) => {
        const ok = (run.x >= left - 2 && run.x <= right + 2) || (run.x >= previousEnd - 0.5 && run.x <= previousEnd + 3);
        previousEnd = run.x + run.width;
        return ok;
      });
    if (maxSize(upper) < size * 0.85 && upper.y - below.y > 0 && upper.y - below.y <= size * 0.6 && overLine) {
      below.markers.push(...upper.runs);
      upper.runs = [];
    }
  }
  return lines.filter((line) => line.runs.length > 0).map((line) => makeLine(line.runs, line.markers));
}

function makeLine(words: readonly TextRun[], markerRuns: readonly TextRun[]): TextLine {
  const runs = [...words].sort((p, q) => p.x - q.x);
  const markers = [...markerRuns].sort((p, q) => p.x - q.x);
  const size = dominant(runs, (run) => Math.round(run.size * 100) / 100);
  const main = runs.filter((run) => Math.abs(run.size - size) < 0.05);
  const y = dominant(main, (run) => run.y);
  const ascent = dominant(main, (run) => run.ascent ?? 0.95);
  const descent = dominant(main, (run) => run.descent ?? 0.25);
  let text = '';
  const segments: LineSegment[] = [];
  let segment: { x: number; right: number; y: number; text: string } | undefined;
  let end = -Infinity;
  for (const run of runs) {
    // The gap to the previous word, measured past any marker set between them.
    const between = markers.filter((marker) => marker.x >= end - 0.5 && marker.x + marker.width <= run.x + 0.5);
    let gap = run.x - end;
    if (between.length > 0) {
      // "2010⁷." has no space, "law.⁶ Derived" has one: the widest gap on either side of the markers.
      const edges = [end, ...between.flatMap((marker) => [marker.x, marker.x + marker.width]), run.x];
      gap = Math.max(...edges.slice(1).filter((_, index) => index % 2 === 0).map((edge, index) => edge - edges[index * 2]!));
    }
    if (segment && run.x - end > SEGMENT_GAP * run.size) {
      segments.push(segment);
      segment = undefined;
    }
    // After a marker that follows a sentence or clause ("so.²³Caveat"), a word is a new one even
    // when the browser set no space.
    const afterClause = between.length > 0 && /[.,;:!?”"')\]]$/.test(text) && /^[\p{L}\p{N}“"‘(]/u.test(run.text);
    const space = text !== '' && (gap > WORD_GAP * run.size || afterClause);
    text += (space ? ' ' : '') + run.text;
    if (segment) {
      segment.text += (space ? ' ' : '') + run.text;
      segment.right = Math.max(segment.right, run.x + run.width);
    } else {
      segment = { x: run.x, right: run.x + run.width, y: run.y, text: run.text };
    }
    end = Math.max(end, run.x + run.width);
  }
  if (segment) segments.push(segment);
  const all = [...runs, ...markers];
  const weighted = (test: (run: TextRun) => boolean) =>
    runs.filter(test).reduce((sum, run) => sum + run.text.length, 0) * 2 > runs.reduce((sum, run) => sum + run.text.length, 0);
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    markers: markers.flatMap((marker) => marker.text.split(/[,\s–-]+/).filter(Boolean).map(Number)),
    x: Math.min(...all.map((run) => run.x)),
    right: Math.max(...all.map((run) => run.x + run.width)),
    y,
    top: y + ascent * size,
    bottom: y - descent * size,
    size,
    family: dominant(runs, (run) => run.family),
    font: dominant(runs, (run) => run.font),
    sans: weighted(isSansRun),
    bold: weighted((run) => isBoldFont(run.font)),
    italic: weighted((run) => isItalicFont(run.font)),
    segments: segments.map((part) => ({ ...part, text: part.text.replace(/\s+/g, ' ').trim() })),
    runs: all,
  };
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/** How far (pt) glyphs may reach past the margins the running head and foot give (a heading's ascenders at the top). */
const MARGIN_SLACK = 3;
/** A running head or foot is set apart from the text block by at least this much (pt). */
const RUNNING_GAP = 10;
/** A note line is within this much (pt) of the note size. */
const NOTE_SIZE_TOLERANCE = 0.6;
/** Text this far (pt) from the left edge of the text block starts at the margin. */
const AT_MARGIN = 2;

const round = (value: number, step = 0.1) => Number((Math.round(value / step) * step).toFixed(6));

function mode(values: readonly number[], fallback: number): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(round(value), (counts.get(round(value)) ?? 0) + 1);
  let best = fallback;
  let most = 0;
  for (const [value, count] of counts) {
    if (count > most || (count === most && value < best)) {
      best = value;
      most = count;
    }
  }
  return best;
}

const startsNote = (line: TextLine) => /^\d+\.(\s|$)/.test(line.text);

/** Measure body and note sizes and line spacing over all pages. */
export function measure(pages: readonly RawPage[]): LayoutMetrics {
  const lines = pages.flatMap((page) => page.lines);
  const serif = lines.filter((line) => !line.sans && line.size >= 8.5 && line.size <= 14);
  const weighted = (list: readonly TextLine[]) => list.flatMap((line) => Array<number>(Math.max(1, line.text.length)).fill(line.size));
  const bodySize = mode(weighted(serif.length > 0 ? serif : lines), 10.5);
  const left = Math.min(...lines.map((line) => line.x));
  const noteStarts = lines.filter((line) => startsNote(line) && line.size < bodySize * 0.9 && Math.abs(line.x - left) <= AT_MARGIN);
  const noteSize = mode(noteStarts.map((line) => line.size), round(bodySize * 0.75));
  const pitches = (size: number, limit: number) =>
    pages.flatMap((page) => {
      const same = [...page.lines].filter((line) => Math.abs(line.size - size) < 0.3).sort((p, q) => q.y - p.y);
      return same.slice(1).map((line, index) => same[index]!.y - line.y).filter((pitch) => pitch > size * 0.9 && pitch < limit);
    });
  // Baselines snap to device pixels, so one pitch shows as two values (15.0 and 15.7): average
  // the distances near the most common one.
  const typical = (values: readonly number[], fallback: number) => {
    const most = mode(values, fallback);
    const near = values.filter((value) => Math.abs(value - most) <= most * 0.1);
    return near.length > 0 ? near.reduce((sum, value) => sum + value, 0) / near.length : fallback;
  };
  const linePitch = typical(pitches(bodySize, bodySize * 2.5), round(bodySize * 1.4));
  const notePitch = typical(pitches(noteSize, noteSize * 2), round(noteSize * 1.3));
  return { bodySize, linePitch, noteSize, notePitch };
}

/** Half the difference between a line box of normal height and the glyphs' baseline position in it. */
const centreToBaseline = (line: TextLine) => {
  const ascent = (line.top - line.y) / line.size;
  const descent = (line.y - line.bottom) / line.size;
  return line.size * (ascent - (ascent + descent) / 2);
};

/** Baselines most pages share (ties: the one furthest out). */
function sharedBaseline(values: readonly number[], outermost: (p: number, q: number) => number): number | undefined {
  if (values.length === 0) return undefined;
  const counts = new Map<number, number>();
  for (const value of values) counts.set(round(value, 0.5), (counts.get(round(value, 0.5)) ?? 0) + 1);
  const best = [...counts].sort((p, q) => q[1] - p[1] || outermost(p[0], q[0]));
  return best[0]![0];
}

/**
 * Find the text block and classify every line of every page. The running head and foot are the
 * small lines set apart at the top and foot of the page on a baseline most pages share; the
 * margins follow from them (a running head is set centred in the top margin, the foot in the
 * bottom margin: Paged.js margin boxes), their outer edges give the left and right margins.
 */
export function layoutPages(pages: readonly RawPage[]): PageLayout[] {
  const metrics = measure(pages);
  const { bodySize } = metrics;
  const sorted = pages.map((page) => [...page.lines].sort((p, q) => q.y - p.y || p.x - q.x));
  const headYs: number[] = [];
  const footYs: number[] = [];
  for (const lines of sorted) {
    const first = lines[0];
    const second = lines[1];
    if (first && first.size <= bodySize * 0.9 && (!second || first.bottom - second.top >= RUNNING_GAP)) headYs.push(first.y);
    const last = lines[lines.length - 1];
    const before = lines[lines.length - 2];
    if (last && last !== first && last.size <= bodySize * 0.9 && (!before || before.bottom - last.top >= RUNNING_GAP)) footYs.push(last.y);
  }
  const headY = sharedBaseline(headYs, (p, q) => q - p);
  const footY = sharedBaseline(footYs, (p, q) => p - q);
  const isHead = (line: TextLine) => headY !== undefined && Math.abs(line.y - headY) <= 1.5;
  const isFoot = (line: TextLine) => footY !== undefined && Math.abs(line.y - footY) <= 1.5;
  const running = pages.flatMap((page) => page.lines.filter((line) => isHead(line) || isFoot(line)));
  const inner = pages.flatMap((page) => page.lines.filter((line) => !isHead(line) && !isFoot(line)));
  const height = Math.max(...pages.map((page) => page.height), 0);
  const width = Math.max(...pages.map((page) => page.width), 0);
  const innerTop = Math.max(...inner.map((line) => line.top), -Infinity);
  const innerBottom = Math.min(...inner.map((line) => line.bottom), Infinity);
  // The margins the running head and foot give (the mean over their parts: the head's left and
  // right parts may sit a little apart), unless text stands well outside them (then the head and
  // foot are not centred in their margins, and the text's extent is the better guess).
  const mean = (values: number[]) => (values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined);
  const heads = running.filter(isHead);
  const foots = running.filter(isFoot);
  const headEdge = mean(heads.flatMap((line) => line.segments.map((part) => height - 2 * (height - part.y - centreToBaseline(line)))));
  const footEdge = mean(foots.flatMap((line) => line.segments.map((part) => 2 * (part.y + centreToBaseline(line)))));
  let top = innerTop;
  if (headEdge !== undefined && heads.every((line) => headEdge < line.bottom) && innerTop <= headEdge + MARGIN_SLACK) top = headEdge;
  let bottom = innerBottom;
  if (footEdge !== undefined && foots.every((line) => footEdge > line.top) && innerBottom >= footEdge - MARGIN_SLACK) bottom = footEdge;
  const left = running.length > 0 ? Math.min(...running.map((line) => line.x)) : Math.min(...inner.map((line) => line.x));
  const right = Math.max(width - left, ...running.map((line) => line.right));
  const block: TextBlock = { left, right, top: Number.isFinite(top) ? top : height, bottom: Number.isFinite(bottom) ? bottom : 0 };
  let notesBefore = false;
  return pages.map((page, index) => {
    const lines = classifyPage(sorted[index]!, { block, metrics, isHead, isFoot, notesBefore });
    notesBefore = lines.some((line) => line.kind === 'note');
    return { page: page.page, width: page.width, height: page.height, block, metrics, lines };
  });
}

/** A list entry that names several notes ("3, 11, 15. the 2011 TIP report, ¶ 3: …"), as an evidence section prints them. */
const isNoteList = (line: TextLine) => /^\d+(\s*,\s*\d+)+\.(\s|$)/.test(line.text);

/** The number of a line that starts a note: "N. " in the note size at the left margin. */
function noteStartNumber(line: TextLine, block: TextBlock, metrics: LayoutMetrics): number | undefined {
  if (!startsNote(line) || Math.abs(line.size - metrics.noteSize) > NOTE_SIZE_TOLERANCE) return undefined;
  if (Math.abs(line.x - block.left) > AT_MARGIN) return undefined;
  return Number(/^\d+/.exec(line.text)![0]);
}

/**
 * Where the notes area of a page starts (an index into its text-block lines, top to bottom;
 * `lines.length` when it has none). The candidates are the run of note-sized lines at the foot
 * of the page. When that run looks like nothing but notes (it starts below other text, its note
 * numbers rise, it holds no italic lines and no entries naming several notes), it is the notes
 * area. Otherwise part of it is other small text set in the note size, such as an evidence
 * section listing "9. the 2011 TIP report, ¶ 6: …" entries: walking up from the foot, the notes
 * area takes note starts while their numbers fall and each has its marker on the page, and ends
 * at the first line that breaks that (above the topmost such start). A run with no note start,
 * at the foot of a page after one with notes, is a note carried over.
 */
export function findNotesArea(
  lines: readonly TextLine[],
  context: { block: TextBlock; metrics: LayoutMetrics; notesBefore: boolean },
): number {
  const { block, metrics } = context;
  const noteSized = (line: TextLine) => Math.abs(line.size - metrics.noteSize) <= NOTE_SIZE_TOLERANCE;
  let runFrom = lines.length;
  while (runFrom > 0 && noteSized(lines[runFrom - 1]!)) runFrom--;
  if (runFrom === lines.length) return lines.length;
  const run = lines.slice(runFrom);
  const numbers = run.map((line) => noteStartNumber(line, block, metrics));
  const starts = numbers.filter((number): number is number => number !== undefined);
  const rising = starts.every((number, index) => index === 0 || number > starts[index - 1]!);
  const plain = run.every((line) => !line.italic && !isNoteList(line) && !line.sans);
  if (runFrom > 0 && rising && plain) {
    if (starts.length > 0) return runFrom;
    // Only carried-over note text: it must follow a page with notes.
    return context.notesBefore ? runFrom : lines.length;
  }
  const markers = new Set(lines.flatMap((line) => line.markers));
  let from = lines.length;
  let below = Infinity;
  for (let index = lines.length - 1; index >= runFrom; index--) {
    const line = lines[index]!;
    if (isNoteList(line)) break;
    const number = numbers[index - runFrom];
    if (number === undefined) continue;
    if (number >= below || !markers.has(number)) break;
    below = number;
    from = index;
  }
  return from;
}

function classifyPage(
  lines: readonly TextLine[],
  context: {
    block: TextBlock;
    metrics: LayoutMetrics;
    isHead: (line: TextLine) => boolean;
    isFoot: (line: TextLine) => boolean;
    notesBefore: boolean;
  },
): LayoutLine[] {
  const { block, metrics, isHead, isFoot } = context;
  const { bodySize } = metrics;
  const inner = lines.filter((line) => !isHead(line) && !isFoot(line));
  const isNoteStart = (line: TextLine) => noteStartNumber(line, block, metrics) !== undefined;
  const notesFrom = findNotesArea(inner, { block, metrics, notesBefore: context.notesBefore });
  const notes = new Set(inner.slice(notesFrom));
  return lines.map((line): LayoutLine => {
    if (isHead(line)) return { ...line, kind: 'running-head' };
    if (isFoot(line)) return { ...line, kind: 'running-foot' };
    if (notes.has(line)) {
      const start = isNoteStart(line) ? Number(/^\d+/.exec(line.text)![0]) : undefined;
      return start === undefined ? { ...line, kind: 'note' } : { ...line, kind: 'note', noteStart: start };
    }
    return { ...line, kind: classifyLine(line, bodySize) };
  });
}

/**
 * The kind of a line in the text block, from its size relative to the body size and its font:
 * h2 is bold sans 1.12–1.6 × body, h3 bold sans 0.97–1.12 × body, a title larger still; body
 * text is within 6 % of the body size (and not bold sans); anything else (tables, chart labels,
 * contents, captions, the title block's small lines, note-sized evidence entries) is "other".
 */
export function classifyLine(line: TextLine, bodySize: number): LineKind {
  const ratio = line.size / bodySize;
  // Without the embedded font's name (pdfjs could not tell) boldness is unknown: size decides.
  const bold = line.bold || line.font === '';
  if (ratio >= 1.6) return 'title';
  if (line.sans && bold && ratio >= 1.12) return 'heading2';
  if (line.sans && bold && ratio >= 0.97) return 'heading3';
  if (Math.abs(ratio - 1) <= 0.06 && !(line.sans && bold)) return 'body';
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// Views of a page
// ---------------------------------------------------------------------------------------------

const inBlock = (line: LayoutLine) => line.kind !== 'running-head' && line.kind !== 'running-foot' && line.kind !== 'note';
const isHeading = (line: LayoutLine) => line.kind === 'heading2' || line.kind === 'heading3';

/** The lines of the page's body: neither running head or foot nor notes, top to bottom. */
export function bodyLines(page: PageLayout): LayoutLine[] {
  return page.lines.filter(inBlock);
}

/** The lines of the notes area at the page foot. */
export function noteLines(page: PageLayout): LayoutLine[] {
  return page.lines.filter((line) => line.kind === 'note');
}

/** A heading as printed: one or more lines of one heading level. */
export interface HeadingBlock {
  readonly kind: 'heading2' | 'heading3';
  readonly text: string;
  readonly lines: readonly LayoutLine[];
}

/** The headings of a page's body, a heading that wraps joined into one. */
export function headings(page: PageLayout): HeadingBlock[] {
  const blocks: { kind: 'heading2' | 'heading3'; lines: LayoutLine[] }[] = [];
  let previous: LayoutLine | undefined;
  for (const line of bodyLines(page)) {
    const last = blocks[blocks.length - 1];
    if (isHeading(line)) {
      const kind = line.kind as 'heading2' | 'heading3';
      if (last && previous && last.lines.includes(previous) && last.kind === kind && previous.y - line.y <= line.size * 1.6) last.lines.push(line);
      else blocks.push({ kind, lines: [line] });
    }
    previous = line;
  }
  return blocks.map((block) => ({ ...block, text: block.lines.map((line) => line.text).join(' ') }));
}

/** A note as printed on one page: its number and text (lines joined). */
export interface PrintedNote {
  readonly number: number;
  readonly page: number;
  readonly text: string;
}

/** The notes that start on a page ("N. …" at the left margin), with their text on that page. */
export function printedNotes(page: PageLayout): PrintedNote[] {
  const notes: { number: number; page: number; text: string }[] = [];
  for (const line of noteLines(page)) {
    const last = notes[notes.length - 1];
    if (line.noteStart !== undefined) notes.push({ number: line.noteStart, page: page.page, text: line.text });
    else if (last) last.text += ` ${line.text}`;
  }
  return notes;
}

/** The section named in the running head (its part at the right margin), if the page has one. */
export function runningHeadSection(page: PageLayout): string | undefined {
  const head = page.lines.filter((line) => line.kind === 'running-head');
  const centre = (page.block.left + page.block.right) / 2;
  for (const line of head) {
    const segment = line.segments[line.segments.length - 1];
    if (segment && segment.right >= page.block.right - 3 && (line.segments.length > 1 || segment.x > centre)) return segment.text;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

const quote = (text: string, length = 60) => JSON.stringify(text.length > length ? `${text.slice(0, length - 1)}…` : text);
const normal = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
const pageList = (pages: readonly number[]) => pages.join(', ');

/**
 * A note printed on more than one page: the same number and the same text (one the start of the
 * other, as when a copy is cut off at a page foot) starting a note on two pages. A note that
 * Paged.js carries over to the next page continues there without its number, which is not a
 * reprint; notes that share a number but not their text (the briefs of a handout pack each
 * number from 1) are different notes. The detail names the pages whose text has the note's
 * marker, which tells a note cited again (and printed again) from one printed where nothing
 * cites it.
 */
export function notesPrintedMoreThanOnce(pages: readonly PageLayout[]): LayoutViolation[] {
  const markedOn = (number: number, among: readonly number[]) =>
    pages
      .filter((page) => among.includes(page.page) && page.lines.some((line) => line.kind !== 'note' && line.markers.includes(number)))
      .map((page) => page.page);
  const groups: { number: number; text: string; key: string; pages: number[] }[] = [];
  for (const page of pages) {
    for (const note of printedNotes(page)) {
      const key = normal(note.text);
      const same = groups.find(
        (group) => group.number === note.number && (group.key.startsWith(key) || key.startsWith(group.key)),
      );
      if (!same) groups.push({ number: note.number, text: note.text, key, pages: [page.page] });
      else if (!same.pages.includes(page.page)) same.pages.push(page.page);
    }
  }
  return groups
    .filter((group) => group.pages.length > 1)
    .map((group) => {
      const marked = markedOn(group.number, group.pages);
      const unmarked = group.pages.filter((page) => !marked.includes(page));
      return {
        rule: 'notesPrintedMoreThanOnce' as const,
        page: group.pages[1]!,
        detail:
          `note ${group.number} ${quote(group.text.replace(/^\d+\.\s*/, ''), 50)} is printed on pages ${pageList(group.pages)}` +
          (unmarked.length === 0
            ? ' (each of them cites it)'
            : ` (no marker ${group.number} on page${unmarked.length > 1 ? 's' : ''} ${pageList(unmarked)})`),
      };
    });
}

/** A page whose body holds nothing but one or more headings. */
export function headingOnlyPages(pages: readonly PageLayout[]): LayoutViolation[] {
  return pages.flatMap((page) => {
    const body = bodyLines(page);
    if (body.length === 0 || !body.every(isHeading)) return [];
    const notes = printedNotes(page).length;
    return [
      {
        rule: 'headingOnlyPages' as const,
        page: page.page,
        detail: `the body holds only ${headings(page).map((block) => quote(block.text)).join(', ')}${notes > 0 ? `, then ${notes} notes` : ''}`,
      },
    ];
  });
}

/** How much of a page's text block its body and notes fill (the blank between them, or below the body, is what is left). */
export interface PageFill {
  readonly page: number;
  /** Height of the text block, from the top margin to the bottom margin (pt). */
  readonly usable: number;
  /** From the top of the text block to the foot of the last body line. */
  readonly body: number;
  /** From the top of the notes area (its rule included) to the bottom of the text block. */
  readonly notes: number;
  /** (body + notes) / usable, at most 1. */
  readonly fraction: number;
}

/** Space above the first note line that belongs to the notes area (half a note line: its leading). */
const noteSeparator = (metrics: LayoutMetrics) => 0.5 * metrics.notePitch;

export function pageFill(page: PageLayout): PageFill {
  const usable = page.block.top - page.block.bottom;
  const body = bodyLines(page);
  const notes = noteLines(page);
  const bodyHeight = body.length > 0 ? page.block.top - Math.min(...body.map((line) => line.bottom)) : 0;
  const notesHeight =
    notes.length > 0 ? Math.max(...notes.map((line) => line.top)) + noteSeparator(page.metrics) - page.block.bottom : 0;
  const clamp = (value: number) => Math.max(0, Math.min(usable, value));
  return {
    page: page.page,
    usable,
    body: clamp(bodyHeight),
    notes: clamp(notesHeight),
    fraction: usable > 0 ? Math.min(1, (clamp(bodyHeight) + clamp(notesHeight)) / usable) : 1,
  };
}

/**
 * A page (but the last) whose body and notes fill less than `fillThreshold` (2/3) of the text
 * block, unless the next page starts with one of `newPartHeadings` (a part that starts a page).
 */
export function underfilledPages(
  pages: readonly PageLayout[],
  options: Pick<LayoutOptions, 'fillThreshold' | 'newPartHeadings'> = {},
): LayoutViolation[] {
  const threshold = options.fillThreshold ?? 2 / 3;
  const parts = new Set((options.newPartHeadings ?? []).map(normal));
  return pages.slice(0, -1).flatMap((page, index) => {
    const fill = pageFill(page);
    if (fill.fraction >= threshold) return [];
    const next = pages[index + 1]!;
    const first = bodyLines(next)[0];
    const opening = headings(next)[0];
    if (first && opening && opening.lines[0] === first && parts.has(normal(opening.text))) return [];
    const blank = fill.usable - fill.body - fill.notes;
    return [
      {
        rule: 'underfilledPages' as const,
        page: page.page,
        detail:
          `${Math.round(fill.fraction * 100)}% full (body ${Math.round(fill.body)} pt + notes ${Math.round(fill.notes)} pt ` +
          `of ${Math.round(fill.usable)} pt): ${Math.round(blank)} pt blank ${fill.notes > 0 ? 'above the notes' : 'below the text'}` +
          `${first ? `; page ${next.page} starts with ${quote(first.text, 40)}` : ''}`,
      },
    ];
  });
}

const lastWords = (text: string, count = 4) => text.split(' ').slice(-count).join(' ');
const endsSentence = (text: string) => /[.!?…:;]["'”’»)\]]*$/.test(text.trim());
const atMargin = (line: TextLine, block: TextBlock) => Math.abs(line.x - block.left) <= AT_MARGIN;
/** A line that runs to (near) the right margin: it wrapped, its paragraph goes on. */
const isFull = (line: TextLine, block: TextBlock) => line.right >= block.right - 0.2 * (block.right - block.left);
/** Is there a paragraph break (or a change of kind) between two consecutive lines of a page's body? */
const breakBetween = (upper: LayoutLine, lower: LayoutLine, metrics: LayoutMetrics) =>
  upper.kind !== 'body' || lower.kind !== 'body' || upper.y - lower.y > metrics.linePitch + 0.15 * metrics.bodySize;

/**
 * A paragraph line alone at the top or the foot of a page's body. At the top: the first body
 * line continues the previous page's last line (which reaches the margin and ends no sentence)
 * and a new paragraph or heading follows it. At the foot: the last body line starts a paragraph
 * (after a break or a heading), reaches the margin, ends no sentence, and the next page goes on
 * with body text. Lines indented from the margin (list items, quotations) and lines that are not
 * body text (tables, contents) are left alone.
 */
export function orphanLines(pages: readonly PageLayout[]): LayoutViolation[] {
  const violations: LayoutViolation[] = [];
  pages.forEach((page, index) => {
    const { block, metrics } = page;
    const body = bodyLines(page);
    const previous = index > 0 ? bodyLines(pages[index - 1]!) : [];
    const next = index + 1 < pages.length ? bodyLines(pages[index + 1]!) : [];
    // Top: a paragraph's last line carried over alone.
    const first = body[0];
    const before = previous[previous.length - 1];
    if (
      first &&
      before &&
      first.kind === 'body' &&
      before.kind === 'body' &&
      atMargin(first, block) &&
      atMargin(before, block) &&
      isFull(before, block) &&
      !endsSentence(before.text) &&
      (body.length === 1 || breakBetween(first, body[1]!, metrics))
    ) {
      violations.push({
        rule: 'orphanLines',
        page: page.page,
        detail: `the last line of a paragraph, ${quote(first.text, 50)}, stands alone at the top (continues ${quote(`…${lastWords(before.text)}`)} from page ${pages[index - 1]!.page})`,
      });
    }
    // Foot: a paragraph's first line left behind.
    const last = body[body.length - 1];
    const above = body[body.length - 2];
    const following = next[0];
    if (
      last &&
      above &&
      following &&
      last.kind === 'body' &&
      following.kind === 'body' &&
      atMargin(last, block) &&
      atMargin(following, pages[index + 1]!.block) &&
      isFull(last, block) &&
      !endsSentence(last.text) &&
      breakBetween(above, last, metrics)
    ) {
      violations.push({
        rule: 'orphanLines',
        page: page.page,
        detail: `the first line of a paragraph, ${quote(last.text, 50)}, stands alone at the foot (goes on with ${quote(following.text, 30)} on page ${pages[index + 1]!.page})`,
      });
    }
  });
  return violations;
}

/**
 * A heading with fewer than `minLinesAfterHeading` (2) lines after it on its page while its
 * section goes on over the page (a heading that is the last line of a page's body always
 * counts). Headings directly under it (an h3 under an h2) share its following lines.
 */
export function headingsWithoutFollowers(
  pages: readonly PageLayout[],
  options: Pick<LayoutOptions, 'minLinesAfterHeading'> = {},
): LayoutViolation[] {
  const needed = options.minLinesAfterHeading ?? 2;
  return pages.flatMap((page, index) => {
    const body = bodyLines(page);
    const nextFirst = index + 1 < pages.length ? bodyLines(pages[index + 1]!)[0] : undefined;
    return headings(page).flatMap((block) => {
      let at = body.indexOf(block.lines[block.lines.length - 1]!) + 1;
      while (at < body.length && isHeading(body[at]!)) at++;
      let count = 0;
      while (at < body.length && !isHeading(body[at]!)) {
        count++;
        at++;
      }
      const reachesFoot = at >= body.length;
      if (count >= needed || !reachesFoot) return [];
      // A short section that ends at the foot, the next page opening a new one, is fine.
      if (count > 0 && (!nextFirst || isHeading(nextFirst))) return [];
      return [
        {
          rule: 'headingsWithoutFollowers' as const,
          page: page.page,
          detail:
            count === 0
              ? `heading ${quote(block.text)} is the last line of the page's body`
              : `heading ${quote(block.text)} is followed by only ${count} line${count === 1 ? '' : 's'} before the page ends`,
        },
      ];
    });
  });
}

/**
 * The running head must name the section (h2) printed on the page, or, on a page with none, the
 * last section begun on an earlier page. Pages without a running head (the first) are skipped.
 */
export function runningHeadMismatches(pages: readonly PageLayout[]): LayoutViolation[] {
  let current: string | undefined;
  const violations: LayoutViolation[] = [];
  for (const page of pages) {
    const sections = headings(page)
      .filter((block) => block.kind === 'heading2')
      .map((block) => block.text);
    const hasHead = page.lines.some((line) => line.kind === 'running-head');
    const shown = runningHeadSection(page);
    const expected = sections.length > 0 ? sections : current !== undefined ? [current] : [];
    if (hasHead && expected.length > 0 && (shown === undefined || !expected.some((text) => normal(text) === normal(shown)))) {
      violations.push({
        rule: 'runningHeadMismatches',
        page: page.page,
        detail: `running head ${shown === undefined ? 'names no section' : `says ${quote(shown)}`}, expected ${expected.map((text) => quote(text)).join(' or ')}${sections.length > 0 ? ' (a section heading on the page)' : ' (the section continuing from an earlier page)'}`,
      });
    }
    if (sections.length > 0) current = sections[sections.length - 1];
  }
  return violations;
}

/** Text that runs past the text block's left or right edge by more than `marginTolerance` (1 pt). */
export function outsideTextBlock(
  pages: readonly PageLayout[],
  options: Pick<LayoutOptions, 'marginTolerance'> = {},
): LayoutViolation[] {
  const tolerance = options.marginTolerance ?? 1;
  return pages.flatMap((page) =>
    page.lines.flatMap((line) => {
      const problems: string[] = [];
      const past = line.runs.filter((run) => run.x + run.width > page.block.right + tolerance);
      if (past.length > 0) {
        const far = Math.max(...past.map((run) => run.x + run.width));
        problems.push(
          `${quote(past.map((run) => run.text).join(' '))} runs ${(far - page.block.right).toFixed(1)} pt past the right margin (${page.block.right.toFixed(1)} pt)`,
        );
      }
      const before = line.runs.filter((run) => run.x < page.block.left - tolerance);
      if (before.length > 0) {
        const far = Math.min(...before.map((run) => run.x));
        problems.push(
          `${quote(before.map((run) => run.text).join(' '))} starts ${(page.block.left - far).toFixed(1)} pt before the left margin (${page.block.left.toFixed(1)} pt)`,
        );
      }
      return problems.map((problem) => ({
        rule: 'outsideTextBlock' as const,
        page: page.page,
        detail: `${line.kind} line ${quote(line.text, 40)}: ${problem}`,
      }));
    }),
  );
}

/**
 * Notes set hard against the body: less than `minNotesGap` (4 pt) between the foot of the last
 * body line and the top of the first note, where the print CSS asks for 3 mm + 1.5 mm (the body
 * ran into the notes area). Not one of the editor's seven rules; `checkLayout` reports it too.
 */
export function notesCrowdingBody(
  pages: readonly PageLayout[],
  options: Pick<LayoutOptions, 'minNotesGap'> = {},
): LayoutViolation[] {
  const least = options.minNotesGap ?? 4;
  return pages.flatMap((page) => {
    const body = bodyLines(page);
    const notes = noteLines(page);
    const last = body[body.length - 1];
    const first = notes[0];
    if (!last || !first) return [];
    const gap = last.bottom - first.top;
    if (gap >= least) return [];
    return [
      {
        rule: 'notesCrowdingBody' as const,
        page: page.page,
        detail: `${gap < 0 ? `${(-gap).toFixed(1)} pt of overlap` : `only ${gap.toFixed(1)} pt`} between the last body line ${quote(last.text, 40)} and the first note ${quote(first.text, 40)}`,
      },
    ];
  });
}

/** Every rule over the pages, violations in page order. */
export function checkLayout(pages: readonly PageLayout[], options: LayoutOptions = {}): LayoutReport {
  const violations = [
    ...notesPrintedMoreThanOnce(pages),
    ...headingOnlyPages(pages),
    ...underfilledPages(pages, options),
    ...orphanLines(pages),
    ...headingsWithoutFollowers(pages, options),
    ...runningHeadMismatches(pages),
    ...outsideTextBlock(pages, options),
    ...notesCrowdingBody(pages, options),
  ].sort((p, q) => p.page - q.page);
  return { pages, violations };
}

/** Violations as readable lines: "page 3  underfilledPages  54% full …". */
export function formatViolations(violations: readonly LayoutViolation[], label = ''): string {
  if (violations.length === 0) return `${label}no layout violations`;
  return violations.map((violation) => `${label}page ${violation.page}  ${violation.rule}  ${violation.detail}`).join('\n');
}

/** The lines of the pages, for a look at what the checker saw: "p2 body   757.9  10.5 serif  The chart …". */
export function describePages(pages: readonly PageLayout[]): string {
  return pages
    .flatMap((page) =>
      page.lines.map(
        (line) =>
          `p${page.page} ${line.kind.padEnd(12)} y=${line.y.toFixed(1).padStart(6)} x=${line.x.toFixed(1).padStart(5)}-${line.right.toFixed(1).padStart(5)} ` +
          `${line.size.toFixed(2).padStart(5)} ${line.sans ? 'sans' : 'serif'}${line.bold ? ' bold' : ''}${line.italic ? ' italic' : ''}  ${line.text.slice(0, 70)}`,
      ),
    )
    .join('\n');
}
