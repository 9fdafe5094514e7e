import type { MetricInfo, VerifiedFact } from '../facts/index.js';
import { metricOf, singleYear } from './format-figure.js';

/** One value of a series: the fact it comes from and the year it describes. */
export interface SeriesPoint {
  readonly year: number;
  readonly value: number;
  /** The fact shown (from the newest report, where several give this year). */
  readonly fact: VerifiedFact;
  /** Every fact giving this metric for this year, including `fact`. */
  readonly sources: readonly VerifiedFact[];
}

/** A metric, in one unit, over the years. */
export interface FigureSeries {
  readonly metric: string;
  /** What the metric is called and counted in. */
  readonly about: MetricInfo;
  readonly unit: string;
  readonly points: readonly SeriesPoint[];
}

/** Facts that give different numbers for the same metric, unit and year. */
export interface FigureConflict {
  readonly metric: string;
  readonly about: MetricInfo;
  readonly unit: string;
  readonly year: number;
  readonly facts: readonly VerifiedFact[];
}

const reportOf = (fact: VerifiedFact) => fact.tip?.report ?? Number.NEGATIVE_INFINITY;

/**
 * Series of the numbers sources give for a single year each, by metric and unit, keeping only
 * those with two or more years. Where facts give one year different numbers, the newest
 * report's number is shown and the disagreement is returned, never settled silently.
 */
export function collectSeries(facts: Iterable<VerifiedFact>): { series: FigureSeries[]; conflicts: FigureConflict[] } {
  const groups = new Map<string, { metric: string; about: MetricInfo; unit: string; byYear: Map<number, VerifiedFact[]> }>();
  for (const fact of facts) {
    const figure = fact.figure;
    const year = figure ? singleYear(figure) : undefined;
    if (!figure || figure.value === undefined || year === undefined) continue;
    const unit = figure.unit ?? '';
    const key = `${figure.metric}\u0000${unit}`;
    const group = groups.get(key) ?? { metric: figure.metric, about: metricOf(figure), unit, byYear: new Map() };
    group.byYear.set(year, [...(group.byYear.get(year) ?? []), fact]);
    groups.set(key, group);
  }
  const series: FigureSeries[] = [];
  const conflicts: FigureConflict[] = [];
  for (const group of groups.values()) {
    if (group.byYear.size < 2) continue;
    const points = [...group.byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, list]): SeriesPoint => {
        const newest = [...list].sort((a, b) => reportOf(b) - reportOf(a))[0]!;
        if (new Set(list.map((fact) => fact.figure!.value)).size > 1) {
          conflicts.push({ metric: group.metric, about: group.about, unit: group.unit, year, facts: list });
        }
        return { year, value: newest.figure!.value!, fact: newest, sources: list };
      });
    series.push({ metric: group.metric, about: group.about, unit: group.unit, points });
  }
  return { series, conflicts };
}
