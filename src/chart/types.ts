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
}

/** A chart as typed data: what the compose stage derives from facts and the chart stage draws. */
export interface ChartData {
  /** Placeholder id the Markdown refers to (unique within a brief). */
  readonly id: string;
  /** The chart's title, drawn above it. */
  readonly title: string;
  /** Lines under the title: what the years are, where the figures come from, how to read it. */
  readonly subtitle: readonly string[];
  /** Text alternative: every value in words, for screen readers and the SVG's `<desc>`. */
  readonly description: string;
  /** Small multiples, one per metric and unit. */
  readonly panels: readonly ChartPanel[];
}
