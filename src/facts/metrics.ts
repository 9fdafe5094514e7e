/**
 * What a metric is called in tables and charts, and the unit its number is usually counted in.
 * A collection declares its metrics in briefs.yaml (`metrics:`); a figure's `about` carries its own.
 */
export interface MetricInfo {
  /** Label in tables and chart panels, e.g. `Victims identified`. */
  readonly label: string;
  /**
   * The unit the metric is normally counted in: a number in that unit is shown bare under a
   * column headed by the label; a number in any other unit is shown with its unit.
   */
  readonly unit: string;
}

/** Units that are amounts of money, with the sign they are written with. */
export const currencies: Readonly<Record<string, string>> = { USD: '$', EUR: '€' };

/** What kind of scale a unit belongs on: charts never put money and head counts on one axis. */
export function unitScale(unit: string): 'money' | 'percent' | 'count' {
  if (unit in currencies) return 'money';
  if (unit === 'percent') return 'percent';
  return 'count';
}
