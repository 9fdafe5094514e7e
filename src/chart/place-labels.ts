import type { ChartPoint } from './types.js';

/** Where a value label sits relative to its point: above or below, and which way it runs. */
export type LabelPlace = `${'above' | 'below'}-${'left' | 'center' | 'right'}`;

/** A panel's plot area in pixels and the scales that map years and values onto it. */
export interface PlotFrame {
  /** Width of the plot area (inside the axes). */
  readonly width: number;
  /** Height of the plot area. */
  readonly height: number;
  /** Year domain of the x scale (padded beyond the first and last year). */
  readonly years: readonly [number, number];
  /** Upper end of the value scale (the lower end is zero). */
  readonly top: number;
  /** Font size of the value labels, in pixels. */
  readonly fontSize: number;
}

/** A box in plot pixels. */
interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Points in a panel beyond which only the first, last, highest and lowest carry their value. */
const labelAllUpTo = 6;

/** Gap between a point and its label, and the radius a point takes, in pixels. */
const offset = { side: 5, center: 7 } as const;
const pointRadius = 4;

/**
 * The width of a label in pixels, estimated from DejaVu Sans's advance widths (the widest of the
 * fonts the chart names): digits and `$` are 0.64 em, separators 0.32 em, `%` 0.95 em.
 */
export function labelWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += /[.,:;'’ ]/.test(char) ? 0.32 : /[0-9$€]/.test(char) ? 0.64 : char === '%' ? 0.95 : 0.7;
  return em * fontSize;
}

const xPixel = (frame: PlotFrame, year: number): number =>
  ((year - frame.years[0]) / (frame.years[1] - frame.years[0])) * frame.width;
const yPixel = (frame: PlotFrame, value: number): number => frame.height - (value / frame.top) * frame.height;

/** Dx and dy (to the text's anchor, baseline top or bottom) of a label at a place. */
export function labelOffset(place: LabelPlace): { dx: number; dy: number } {
  const [vertical, align] = place.split('-') as ['above' | 'below', 'left' | 'center' | 'right'];
  const dy = align === 'center' ? offset.center : offset.side;
  const dx = align === 'left' ? -offset.side : align === 'right' ? offset.side : 0;
  // `left` runs to the left of the point (the text is right-aligned), `right` to its right.
  return { dx, dy: vertical === 'above' ? -dy : dy };
}

function labelBox(frame: PlotFrame, point: ChartPoint, place: LabelPlace): Box {
  const x = xPixel(frame, point.year);
  const y = yPixel(frame, point.value);
  const { dx, dy } = labelOffset(place);
  const width = labelWidth(point.label, frame.fontSize);
  const align = place.split('-')[1];
  const left = align === 'left' ? x + dx - width : align === 'right' ? x + dx : x - width / 2;
  const top = dy < 0 ? y + dy - frame.fontSize : y + dy;
  return { left, right: left + width, top, bottom: top + frame.fontSize };
}

const overlaps = (a: Box, b: Box, margin = 1.5): boolean =>
  a.left < b.right + margin && b.left < a.right + margin && a.top < b.bottom + margin && b.top < a.bottom + margin;

const inside = (frame: PlotFrame, box: Box): boolean =>
  box.left >= 0 && box.right <= frame.width && box.top >= 0 && box.bottom <= frame.height;

/** Which points carry their value, most important first: the last, first, highest and lowest. */
function candidates(points: readonly ChartPoint[]): number[] {
  const byValue = points.map((_, index) => index).sort((a, b) => points[a]!.value - points[b]!.value || points[b]!.year - points[a]!.year);
  const key = [points.length - 1, 0, byValue.at(-1)!, byValue[0]!];
  const rest = points.length <= labelAllUpTo ? points.map((_, index) => index) : [];
  return [...new Set([...key, ...rest])].filter((index) => index >= 0);
}

/** Places to try for a label, best first: away from the line through its point. */
function placesFor(points: readonly ChartPoint[], index: number, runStart: boolean, runEnd: boolean): LabelPlace[] {
  const point = points[index]!;
  const neighbours = [runStart ? undefined : points[index - 1], runEnd ? undefined : points[index + 1]].filter(
    (neighbour): neighbour is ChartPoint => neighbour !== undefined,
  );
  const valley = neighbours.length > 0 && neighbours.every((neighbour) => neighbour.value > point.value);
  const vertical: ('above' | 'below')[] = valley ? ['below', 'above'] : ['above', 'below'];
  // The line leaves the first point of a run to the right and reaches the last from the left.
  const aligns: ('left' | 'center' | 'right')[] =
    runStart && !runEnd ? ['left', 'center', 'right'] : runEnd && !runStart ? ['right', 'center', 'left'] : ['center', 'left', 'right'];
  return vertical.flatMap((v) => aligns.map((align): LabelPlace => `${v}-${align}`));
}

/**
 * Where each point's value label goes, or `undefined` for a point that carries none. With many
 * points only the last, first, highest and lowest are labelled; every label is kept inside the
 * plot (clear of the axes' labels) and clear of the other labels and the points, and one that
 * fits nowhere is left out (the figure's text alternative and the table carry every value).
 */
export function placeLabels(points: readonly ChartPoint[], runs: readonly number[], frame: PlotFrame): (LabelPlace | undefined)[] {
  const places: (LabelPlace | undefined)[] = points.map(() => undefined);
  const taken: Box[] = [];
  const pointBoxes = points.map((point): Box => {
    const x = xPixel(frame, point.year);
    const y = yPixel(frame, point.value);
    return { left: x - pointRadius, right: x + pointRadius, top: y - pointRadius, bottom: y + pointRadius };
  });
  for (const index of candidates(points)) {
    const runStart = index === 0 || runs[index - 1] !== runs[index];
    const runEnd = index === points.length - 1 || runs[index + 1] !== runs[index];
    const place = placesFor(points, index, runStart, runEnd).find((candidate) => {
      const box = labelBox(frame, points[index]!, candidate);
      return (
        inside(frame, box) &&
        !taken.some((other) => overlaps(box, other)) &&
        !pointBoxes.some((other, at) => at !== index && overlaps(box, other, 0))
      );
    });
    if (place === undefined) continue;
    places[index] = place;
    taken.push(labelBox(frame, points[index]!, place));
  }
  return places;
}

/**
 * Runs of consecutive years: the run number of each point (in year order). A missing year
 * starts a new run, so no line crosses years without a figure.
 */
export function runsOf(points: readonly ChartPoint[]): number[] {
  let run = 0;
  return points.map((point, index) => {
    if (index > 0 && point.year !== points[index - 1]!.year + 1) run += 1;
    return run;
  });
}

/**
 * The years the x axis labels: every year where there is room, else every 2nd, 5th or 10th
 * (multiples of the step), always the first and last, never two closer than a label's width.
 */
export function axisYears(frame: PlotFrame, first: number, last: number, fontSize: number): number[] {
  const room = labelWidth('2000', fontSize) + 8;
  const perYear = last > first ? xPixel(frame, first + 1) - xPixel(frame, first) : Number.POSITIVE_INFINITY;
  const step = [1, 2, 5, 10, 20, 50].find((candidate) => candidate * perYear >= room) ?? 100;
  const inner: number[] = [];
  for (let year = Math.ceil((first + 1) / step) * step; year < last; year += step) inner.push(year);
  const clear = inner.filter((year) => (year - first) * perYear >= room && (last - year) * perYear >= room);
  return [...new Set([first, ...clear, last])];
}
