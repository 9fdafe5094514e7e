import type { TopLevelSpec } from 'vega-lite';
import type { ChartData, ChartPanel } from './types.js';

/** Point shapes in panel order: with distinct shapes a panel can be told apart in black and white. */
const shapes = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'] as const;
/** Dash patterns in panel order (solid first). */
const dashes: readonly (readonly number[])[] = [[], [6, 3], [2, 2], [8, 3, 2, 3]];

const font = 'DejaVu Sans, Noto Sans, Arial, sans-serif';
const ink = '#1a1a1a';

function years(data: ChartData): number[] {
  return [...new Set(data.panels.flatMap((panel) => panel.points.map((point) => point.year)))].sort((a, b) => a - b);
}

function panelSpec(panel: ChartPanel, index: number, allYears: readonly number[], width: number) {
  const first = allYears[0] ?? 0;
  const last = allYears.at(-1) ?? first;
  const x = {
    field: 'year',
    type: 'quantitative' as const,
    title: null,
    // Room either side for the labels of the first and last points.
    scale: { domain: [first - 0.7, last + 0.7], nice: false },
    axis: { values: [...allYears], format: 'd', labelAngle: allYears.length > 4 ? -45 : 0, grid: false },
  };
  const max = Math.max(...panel.points.map((point) => point.value), 0);
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: panel.axisTitle,
    // Head-room above the highest point for its value label.
    scale: { domain: [0, max === 0 ? 1 : max * 1.25], nice: false, zero: true },
    axis: { tickCount: 4, format: '~s', gridColor: '#dddddd' },
  };
  return {
    title: { text: panel.title, fontSize: 11, fontWeight: 'bold' as const, font, color: ink },
    width,
    height: 72,
    data: {
      values: panel.points.map((point, at) => ({
        ...point,
        position: at === 0 ? 'first' : at === panel.points.length - 1 ? 'last' : 'middle',
      })),
    },
    layer: [
      {
        mark: { type: 'line' as const, color: ink, strokeWidth: 1.5, strokeDash: [...(dashes[index % dashes.length] ?? [])] },
        encoding: { x, y },
      },
      {
        mark: { type: 'point' as const, filled: true, color: ink, size: 55, shape: shapes[index % shapes.length] },
        encoding: { x, y },
      },
      // The value at each point: left of the first, right of the last, above the others, so
      // the line leaving a point never runs through its label.
      ...(['first', 'middle', 'last'] as const).map((position) => ({
        transform: [{ filter: { field: 'position', equal: position } }],
        mark: {
          type: 'text' as const,
          fontSize: 10,
          font,
          color: ink,
          align: position === 'first' ? ('right' as const) : position === 'last' ? ('left' as const) : ('center' as const),
          dx: position === 'first' ? -6 : position === 'last' ? 6 : 0,
          dy: position === 'middle' ? -10 : -6,
        },
        encoding: { x, y, text: { field: 'label', type: 'nominal' as const } },
      })),
    ],
  };
}

/**
 * The Vega-Lite spec of a chart: one small multiple per panel, each with its own value scale
 * (from zero), a line, distinct point shapes and the value printed at every point, so it reads
 * in black and white without a legend.
 */
export function chartSpec(data: ChartData): TopLevelSpec {
  const allYears = years(data);
  const columns = Math.min(4, Math.max(1, data.panels.length));
  // About 650 px in all: the width of an A4 page's text block at 96 dpi.
  const width = Math.floor((650 - columns * 58 - (columns - 1) * 24) / columns);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: data.description,
    title: {
      text: data.title,
      // Short lines: Vega sizes the drawing to its widest text, and the SVG is scaled to the page.
      subtitle: [...data.subtitle],
      anchor: 'start',
      font,
      subtitleFont: font,
      fontSize: 12,
      subtitleFontSize: 10,
      color: ink,
      subtitleColor: '#444444',
    },
    background: 'white',
    padding: 6,
    columns,
    concat: data.panels.map((panel, index) => panelSpec(panel, index, allYears, width)),
    config: {
      font,
      view: { stroke: null },
      axis: { labelFont: font, titleFont: font, labelFontSize: 9, titleFontSize: 9, labelColor: ink, titleColor: ink, domainColor: '#666666', tickColor: '#666666' },
      concat: { spacing: 24 },
    },
  } as TopLevelSpec;
}
