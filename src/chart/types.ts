/** One point of a chart panel: a value for one year. */
export interface ChartPoint {
  /** The year the value describes. */
  readonly year: number;
  /** The value. */
  readonly value: number;
  /** The value as the brief writes it (`194`, `$216,234`), printed next to the point. */
  readonly label: string;
}

/** One small multiple: one metric in one unit over the years. */
export interface ChartPanel {
  /** Panel title, e.g. `Investigations`. */
  readonly title: string;
  /** Title of the panel's value axis, e.g. `Number` or `US dollars`. */
  readonly axisTitle: string;
  /** The points, in year order. */
  readonly points: readonly ChartPoint[];
  /** Text alternative: the panel's values in words (`Investigations: 63 in 2009, 194 in 2010.`). */
  readonly description: string;
}

/** What the marks of a chart mean, in words: the key printed under its title. */
export interface ChartKey {
  /** What a point is, e.g. `a figure a report gives for that year`. */
  readonly point: string;
  /** What a line between two points is, e.g. `joins the figures of consecutive years`. */
  readonly line: string;
  /** What a break in the line is, e.g. `a gap: no figure for the years between`. */
  readonly gap: string;
}

/** A chart as typed data: what the compose stage derives from facts and the chart stage draws. */
export interface ChartData {
  /** Placeholder id the Markdown refers to (unique within a brief). */
  readonly id: string;
  /** The chart's title, printed above it; also the accessible name of the figure. */
  readonly title: string;
  /** Lines under the title: what the years are, where the figures come from, how to read it. */
  readonly subtitle: readonly string[];
  /** The key to the marks, printed under the subtitle. */
  readonly key: ChartKey;
  /** Small multiples, one per metric and unit, each drawn as an `<svg>` of its own. */
  readonly panels: readonly ChartPanel[];
}
