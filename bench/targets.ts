import type { ScenarioResult } from './scenario.js';
import { linearFit, summarize, type LinearFit, type Summary } from './stats.js';

/** A ratio of two scenarios: of their medians, and run by run within each round. */
export interface Ratio {
  readonly id: string;
  readonly label: string;
  /** median(numerator) / median(denominator). */
  readonly ofMedians: number;
  /** numerator / denominator of the same round: the side-by-side figure, summarised. */
  readonly perRound: Summary;
}

/** How build time and memory grow with the number of briefs, for one series of builds. */
export interface ScaleAnalysis {
  /** Which builds: pack included, or briefs only. */
  readonly series: string;
  /** Failed runs, by brief count (a failed size makes the series fail its targets). */
  readonly failures: readonly { readonly briefs: number; readonly runs: number; readonly reason: string }[];
  readonly points: readonly {
    readonly briefs: number;
    readonly medianMs: number;
    readonly medianRssBytes: number;
    readonly maxRssBytes: number;
    readonly maxPssBytes: number;
  }[];
  /** Least-squares line through the median times: slope = marginal cost per brief (ms). */
  readonly time: LinearFit;
  /** Least-squares line through the median peak RSS: slope = bytes per brief. */
  readonly memory: LinearFit;
  /** Marginal cost per brief between consecutive sizes (ms per brief). */
  readonly segments: readonly { readonly from: number; readonly to: number; readonly msPerBrief: number }[];
}

/** A target of the issue, checked. */
export interface TargetResult {
  readonly id: string;
  readonly label: string;
  readonly limit: string;
  readonly measured: string;
  readonly status: 'pass' | 'fail' | 'skipped';
}

/** Limits from the issue. */
export const limits = {
  coldOverFloor: 1.3,
  noopMs: 500,
  peakRssBytes: 1.5e9,
  /** Linear: the fit explains the medians (R² ≥ this) … */
  linearR2: 0.98,
  /** … and the last segment costs at most this much more per brief than the first. */
  linearSegmentGrowth: 1.3,
} as const;

/** Scenario ids the benchmark records. */
export const ids = {
  cold: 'cold',
  floor: 'floor',
  layoutFloor: 'floor-layout',
  coldBriefs: 'cold-briefs',
  noop: 'noop',
  start: 'cli-start',
  check: 'check',
  oneDocument: 'one-document',
  scale: (briefs: number) => `scale-${briefs}`,
  scaleBriefs: (briefs: number) => `scale-${briefs}-briefs`,
  peer: (peer: string) => `peer-${peer}`,
} as const;

export function ratio(id: string, label: string, numerator: ScenarioResult, denominator: ScenarioResult): Ratio {
  const byRound = new Map(denominator.runs.map((run) => [run.round, run.ms]));
  const perRound = numerator.runs.flatMap((run) => {
    const other = byRound.get(run.round);
    return other ? [run.ms / other] : [];
  });
  return { id, label, ofMedians: numerator.time.median / denominator.time.median, perRound: summarize(perRound.length > 0 ? perRound : [Number.NaN]) };
}

/** Fit one series of scale scenarios (at least two sizes). */
export function analyseScale(
  scenarios: readonly ScenarioResult[],
  sizes: readonly number[],
  id: (briefs: number) => string,
  series: string,
): ScaleAnalysis | undefined {
  const failures = sizes.flatMap((briefs) => {
    const scenario = scenarios.find((s) => s.id === id(briefs));
    const failed = scenario?.runs.filter((run) => run.failed !== undefined) ?? [];
    return failed.length > 0 ? [{ briefs, runs: failed.length, reason: failed[0]!.failed! }] : [];
  });
  const points = sizes.flatMap((briefs) => {
    const scenario = scenarios.find((s) => s.id === id(briefs));
    return scenario
      ? [{ briefs, medianMs: scenario.time.median, medianRssBytes: scenario.peakRss.median, maxRssBytes: scenario.peakRss.max, maxPssBytes: scenario.peakPss.max }]
      : [];
  });
  if (points.length < 2) return undefined;
  const segments = points.slice(1).map((point, index) => {
    const previous = points[index]!;
    return { from: previous.briefs, to: point.briefs, msPerBrief: (point.medianMs - previous.medianMs) / (point.briefs - previous.briefs) };
  });
  return {
    series,
    failures,
    points,
    time: linearFit(points.map((point) => [point.briefs, point.medianMs])),
    memory: linearFit(points.map((point) => [point.briefs, point.medianRssBytes])),
    segments,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Check the targets against the results. */
export function checkTargets(
  scenarios: readonly ScenarioResult[],
  ratios: readonly Ratio[],
  scale: readonly ScaleAnalysis[],
  peers: readonly { readonly id: string; readonly label: string; readonly skipped: string | undefined }[],
): TargetResult[] {
  const get = (id: string) => scenarios.find((scenario) => scenario.id === id);
  const targets: TargetResult[] = [];
  const status = (ok: boolean): TargetResult['status'] => (ok ? 'pass' : 'fail');

  const coldFloor = ratios.find((r) => r.id === 'pipeline/floor');
  targets.push(
    coldFloor
      ? {
          id: 'cold-vs-floor',
          label: 'cold build of the briefs vs the floor',
          limit: `≤ ${limits.coldOverFloor.toFixed(2)}×`,
          measured: `${coldFloor.ofMedians.toFixed(2)}× (per round ${coldFloor.perRound.min.toFixed(2)}–${coldFloor.perRound.max.toFixed(2)}×)`,
          status: status(coldFloor.ofMedians <= limits.coldOverFloor),
        }
      : { id: 'cold-vs-floor', label: 'cold full build vs the floor', limit: `≤ ${limits.coldOverFloor}×`, measured: 'not measured', status: 'skipped' },
  );

  const noop = get(ids.noop);
  if (noop) {
    targets.push({
      id: 'noop-time',
      label: 'no-op rebuild',
      limit: `≤ ${seconds(limits.noopMs)}`,
      measured: `${seconds(noop.time.median)} median, ${seconds(noop.time.max)} slowest`,
      status: status(noop.time.median <= limits.noopMs),
    });
    const launched = noop.runs.filter((run) => run.sawBrowser || run.detail.launchedBrowser === true).length;
    const rebuilt = noop.runs.reduce((sum, run) => sum + Number(run.detail.rebuilt ?? 0), 0);
    targets.push({
      id: 'noop-no-browser',
      label: 'no-op rebuild launches no browser',
      limit: 'no browser, nothing rebuilt',
      measured: `browser in ${launched} of ${noop.runs.length} runs; ${rebuilt} briefs rebuilt`,
      status: status(launched === 0 && rebuilt === 0),
    });
  }

  for (const series of scale) {
    const first = series.segments[0]!.msPerBrief;
    const last = series.segments[series.segments.length - 1]!.msPerBrief;
    const growth = first > 0 ? last / first : Number.POSITIVE_INFINITY;
    const failed = series.failures.map((f) => `${f.briefs} briefs failed in ${f.runs} runs (${f.reason})`).join('; ');
    targets.push({
      id: `scale-linear-${series.series.startsWith('full') ? 'full' : 'briefs'}`,
      label: `cost grows linearly, ${series.series} (${series.points.map((p) => p.briefs).join(', ')} briefs)`,
      limit: `every build succeeds; R² ≥ ${limits.linearR2}; last segment ≤ ${limits.linearSegmentGrowth}× first`,
      measured:
        `${Math.round(series.time.slope)} ms per brief, R² = ${series.time.r2.toFixed(3)}, segments ${series.segments.map((s) => Math.round(s.msPerBrief)).join(' → ')} ms per brief` +
        (failed ? `; ${failed}` : ''),
      status: status(!failed && series.time.r2 >= limits.linearR2 && growth <= limits.linearSegmentGrowth),
    });
  }
  const memorySeries = scale[0];
  if (memorySeries) {
    const largest = memorySeries.points[memorySeries.points.length - 1]!;
    // The issue asks for the RSS of Node and Chromium together. Summing each process's VmRSS
    // counts the pages they share (Chromium's binary and libraries, shared memory) once per
    // process; PSS divides them. Both are checked, so the overstatement is visible.
    targets.push({
      id: 'scale-memory-rss',
      label: `peak memory, ${largest.briefs} briefs (${memorySeries.series}): RSS summed over Node + Chromium processes`,
      limit: `< ${megabytes(limits.peakRssBytes)}`,
      measured: `${megabytes(largest.maxRssBytes)} (highest run)`,
      status: status(largest.maxRssBytes < limits.peakRssBytes),
    });
    targets.push({
      id: 'scale-memory-pss',
      label: `peak memory, ${largest.briefs} briefs (${memorySeries.series}): PSS (shared pages counted once)`,
      limit: `< ${megabytes(limits.peakRssBytes)}`,
      measured: `${megabytes(largest.maxPssBytes)} (highest run)`,
      status: status(largest.maxPssBytes < limits.peakRssBytes),
    });
  }

  for (const peer of peers) {
    const r = ratios.find((candidate) => candidate.id === `${peer.id}/pipeline`);
    targets.push({
      id: `faster-than-${peer.id}`,
      label: `faster than ${peer.label}`,
      limit: 'peer / pipeline > 1',
      measured: r ? `${r.ofMedians.toFixed(2)}× (per round ${r.perRound.min.toFixed(2)}–${r.perRound.max.toFixed(2)}×)` : (peer.skipped ?? 'not measured'),
      status: r ? status(r.ofMedians > 1) : 'skipped',
    });
  }
  return targets;
}
