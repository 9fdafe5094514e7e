import type { TopLevelSpec } from 'vega-lite';
import { axisYears, labelOffset, labelWidth, placeLabels, runsOf, type LabelPlace, type PlotFrame } from './place-labels.js';
import type { ChartData, ChartPanel } from './types.js';

/** Point shapes in panel order: with distinct shapes a panel can be told apart in black and white. */
const shapes = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'] as const;
/** Dash patterns in panel order (solid first). */
export const dashes: readonly (readonly number[])[] = [[], [6, 3], [2, 2], [8, 3, 2, 3]];

const font = 'DejaVu Sans, Noto Sans, Arial, sans-serif';
const ink = '#1a1a1a';

/**
 * Sizes in pixels. A panel's SVG is 300 px wide in all: about half an A4 text block (174 mm)
 * at 96 dpi, and less than a phone's width, so its 10 px text prints at about 7.5 pt and is
 * never drawn smaller than 10 px on a screen 300 px wide or more.
 */
export const panelSize = { width: 243, height: 104, yAxis: 34, fontSize: 10, titleSize: 12 } as const;
/** Space kept between the plot's edges and the first and last year, for their points and labels. */
const edge = 16;

/** Every year any panel has a figure for, in order: the panels share one year axis. */
function chartYears(data: ChartData): number[] {
  return [...new Set(data.panels.flatMap((panel) => panel.points.map((point) => point.year)))].sort((a, b) => a - b);
}

/** The plot area of a panel: its pixel size and its scales' domains. */
function panelFrame(panel: ChartPanel, years: readonly number[]): PlotFrame {
  const first = years[0] ?? 0;
  const last = years.at(-1) ?? first;
  const span = last - first;
  // Pad the year domain by `edge` pixels each side (half a year when there is only one).
  const pad = span === 0 ? 0.5 : (edge * span) / (panelSize.width - 2 * edge);
  const max = Math.max(...panel.points.map((point) => point.value), 0);
  return {
    width: panelSize.width,
    height: panelSize.height,
    years: [first - pad, last + pad],
    // Head-room above the highest point for its value label.
    top: max === 0 ? 1 : max * 1.25,
    fontSize: panelSize.fontSize,
  };
}

/**
 * The value axis's ticks: zero and round steps (1, 2 or 5 × 10ⁿ), about four, none so close to
 * the top that its label would stick out above the plot (the panels' plots then line up).
 */
function valueTicks(frame: PlotFrame): number[] {
  const rough = frame.top / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const error = rough / power;
  const step = (error >= 7.07 ? 10 : error >= 3.16 ? 5 : error >= 1.41 ? 2 : 1) * power;
  const highest = frame.top * (1 - (panelSize.fontSize * 0.6) / frame.height);
  const ticks: number[] = [];
  for (let tick = 0; tick <= highest; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/** A title broken into lines that fit the panel's width. */
function titleLines(title: string): string[] {
  const room = panelSize.width + panelSize.yAxis;
  const lines: string[] = [];
  for (const word of title.split(/\s+/)) {
    const line = lines.at(-1);
    if (line !== undefined && labelWidth(`${line} ${word}`, panelSize.titleSize) <= room) lines[lines.length - 1] = `${line} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const textAlign = { left: 'right', center: 'center', right: 'left' } as const;

/**
 * The Vega-Lite spec of one panel: its own value scale (from zero), the shared year axis, a line
 * per run of consecutive years (a year without a figure breaks it), the panel's point shape and
 * dash pattern, and values printed where they fit (see `placeLabels`).
 */
export function panelSpec(panel: ChartPanel, index: number, years: readonly number[]): TopLevelSpec {
  const frame = panelFrame(panel, years);
  const runs = runsOf(panel.points);
  const runSize = (run: number) => runs.filter((other) => other === run).length;
  const places = placeLabels(panel.points, runs, frame);
  const x = {
    field: 'year',
    type: 'quantitative' as const,
    title: null,
    scale: { domain: [...frame.years], nice: false, zero: false },
    axis: {
      values: axisYears(frame, years[0] ?? 0, years.at(-1) ?? 0, panelSize.fontSize),
      format: 'd',
      labelAngle: 0,
      grid: false,
      labelOverlap: true,
    },
  };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: panel.axisTitle,
    scale: { domain: [0, frame.top], nice: false, zero: true },
    axis: {
      values: valueTicks(frame),
      format: '~s',
      // '~s' writes zero as "0k" on a scale of thousands.
      labelExpr: "datum.value === 0 ? '0' : datum.label",
      gridColor: '#dddddd',
      // A fixed width for the value axis, so every panel's plot starts at the same place.
      minExtent: panelSize.yAxis,
      maxExtent: panelSize.yAxis,
      labelOverlap: true,
    },
  };
  const used = [...new Set(places.filter((place): place is LabelPlace => place !== undefined))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: panel.description,
    title: { text: titleLines(panel.title), fontSize: panelSize.titleSize, fontWeight: 'bold', font, color: ink, anchor: 'start', offset: 6 },
    width: frame.width,
    height: frame.height,
    background: 'white',
    padding: 4,
    data: {
      values: panel.points.map((point, at) => ({
        ...point,
        run: runs[at],
        joined: runSize(runs[at]!) > 1,
        place: places[at] ?? 'none',
      })),
    },
    layer: [
      {
        // One line per run: `detail` splits the path where a year is missing.
        transform: [{ filter: { field: 'joined', equal: true } }],
        mark: { type: 'line', color: ink, strokeWidth: 1.5, strokeDash: [...(dashes[index % dashes.length] ?? [])] },
        encoding: { x, y, detail: { field: 'run', type: 'nominal' } },
      },
      {
        mark: { type: 'point', filled: true, color: ink, size: 50, opacity: 1, shape: shapes[index % shapes.length] },
        encoding: { x, y },
      },
      ...used.map((place) => {
        const { dx, dy } = labelOffset(place);
        return {
          transform: [{ filter: { field: 'place', equal: place } }],
          mark: {
            type: 'text' as const,
            fontSize: panelSize.fontSize,
            font,
            color: ink,
            align: textAlign[place.split('-')[1] as 'left' | 'center' | 'right'],
            baseline: dy < 0 ? ('bottom' as const) : ('top' as const),
            dx,
            dy,
          },
          encoding: { x, y, text: { field: 'label', type: 'nominal' as const } },
        };
      }),
    ],
    config: {
      font,
      view: { stroke: null },
      // The panel's <svg> is one image with its values in words as its name: Vega's own ARIA
      // labels on every mark and axis would only be hidden inside it.
      aria: false,
      axis: {
        labelFont: font,
        titleFont: font,
        labelFontSize: panelSize.fontSize,
        titleFontSize: panelSize.fontSize,
        labelColor: ink,
        titleColor: ink,
        titleFontWeight: 'normal',
        domainColor: '#666666',
        tickColor: '#666666',
      },
    },
  } as TopLevelSpec;
}

/** The Vega-Lite specs of a chart: one per panel, each drawn as an SVG of its own. */
export function chartSpecs(data: ChartData): TopLevelSpec[] {
  const years = chartYears(data);
  return data.panels.map((panel, index) => panelSpec(panel, index, years));
}
