import type { Tier, VerifiedFact } from '../facts/index.js';
import type { Locale } from '../locale/index.js';
import { editionMonth } from './format-date.js';

/** One year's US TIP report as the collection knows it: derived from facts, never listed by hand. */
export interface TipReport {
  /** The report's year (edition). */
  readonly year: number;
  /** Every fact from this report, in file order. */
  readonly facts: readonly VerifiedFact[];
  /** Facts that show the calendar year the report covers (`tip.covers`). */
  readonly covers: readonly VerifiedFact[];
  /** Facts that state the report's tier placement (`tip.tier`). */
  readonly tiers: readonly VerifiedFact[];
  /** Ids of the sources the report is known from, in order of first citation. */
  readonly sources: readonly string[];
}

/** The calendar years a report covers, as its facts state them (normally one). */
export function coveredYears(report: TipReport): number[] {
  return [...new Set(report.covers.map((fact) => fact.tip?.covers).filter((year): year is number => year !== undefined))];
}

/** The tiers a report states (normally one). */
export function statedTiers(report: TipReport): Tier[] {
  return [...new Set(report.tiers.map((fact) => fact.tip?.tier).filter((tier): tier is Tier => tier !== undefined))];
}

/** The fact a report's row and section are anchored on: its period, else its tier, else its first fact. */
export function anchorFact(report: TipReport): VerifiedFact {
  return report.covers[0] ?? report.tiers[0] ?? report.facts[0]!;
}

/** Group facts by the TIP report they come from (`tip.report`), in ascending report year. */
export function collectReports(facts: Iterable<VerifiedFact>): TipReport[] {
  const byYear = new Map<number, VerifiedFact[]>();
  for (const fact of facts) {
    if (!fact.tip) continue;
    const list = byYear.get(fact.tip.report) ?? [];
    list.push(fact);
    byYear.set(fact.tip.report, list);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, list]) => ({
      year,
      facts: list,
      covers: list.filter((fact) => fact.tip?.covers !== undefined),
      tiers: list.filter((fact) => fact.tip?.tier !== undefined),
      sources: [...new Set(list.flatMap((fact) => fact.citations.map((citation) => citation.source)))],
    }));
}

/**
 * The latest report year that could exist on the edition date. TIP reports come out each
 * June, so an edition before June cannot have that year's report.
 */
export function latestPossibleReport(edition: string, language?: Locale): number | undefined {
  const date = editionMonth(edition, language);
  if (!date) return undefined;
  return date.month >= 6 ? date.year : date.year - 1;
}

/**
 * Report years between the earliest report in the collection and the latest that could
 * exist on the edition date, for which the collection has no source.
 */
export function missingReportYears(reportYears: readonly number[], latest: number | undefined): number[] {
  if (reportYears.length === 0) return [];
  const first = Math.min(...reportYears);
  const last = Math.max(latest ?? first, ...reportYears);
  const have = new Set(reportYears);
  const missing: number[] = [];
  for (let year = first; year <= last; year++) if (!have.has(year)) missing.push(year);
  return missing;
}
