import type { Measurement } from './measure.js';
import { summarize, type Summary } from './stats.js';

/** One measured run of a scenario. */
export interface RunRecord {
  /** The round it ran in: scenarios of one round run side by side, one after the other. */
  readonly round: number;
  readonly ms: number;
  /** Peak RSS of the whole process tree (Node + Chromium, or pandoc + weasyprint), bytes. */
  readonly peakRssBytes: number;
  /** Peak PSS of the tree (shared pages divided among processes): the real footprint, bytes. */
  readonly peakPssBytes: number;
  readonly peakProcesses: number;
  /** Whether a Chromium process appeared in the tree. */
  readonly sawBrowser: boolean;
  /** What the run reported about itself (the build's own summary, the floor's timings …). */
  readonly detail: Readonly<Record<string, number | string | boolean>>;
  /** Why the run failed (non-zero exit), if it did: its time and memory are up to the failure. */
  readonly failed?: string;
}

/** A scenario and its runs. */
export interface ScenarioResult {
  readonly id: string;
  /** Its letter in the issue: (a) … (g). */
  readonly letter: string;
  readonly label: string;
  readonly description: string;
  readonly runs: readonly RunRecord[];
  /** Runs that failed; the statistics leave them out unless every run failed. */
  readonly failures: number;
  /** Wall time, milliseconds. */
  readonly time: Summary;
  /** Peak RSS (sum over the tree), bytes. */
  readonly peakRss: Summary;
  /** Peak PSS (sum over the tree), bytes. */
  readonly peakPss: Summary;
}

/** What a scenario is, before it has runs. */
export interface ScenarioInfo {
  readonly id: string;
  readonly letter: string;
  readonly label: string;
  readonly description: string;
}

/** Collects the runs of every scenario, in the order scenarios are first recorded. */
export interface Recorder {
  readonly record: (info: ScenarioInfo, round: number, measurement: Measurement, detail?: RunRecord['detail'], failed?: string) => RunRecord;
  readonly results: () => ScenarioResult[];
}

/** A fresh recorder (its state lives in the closure, one per benchmark). */
export function createRecorder(): Recorder {
  const scenarios = new Map<string, { info: ScenarioInfo; runs: RunRecord[] }>();
  return {
    record: (info, round, measurement, detail = {}, failed) => {
      const run: RunRecord = {
        ...(failed === undefined ? {} : { failed }),
        round,
        ms: measurement.ms,
        peakRssBytes: measurement.peakRssBytes,
        peakPssBytes: measurement.peakPssBytes,
        peakProcesses: measurement.peakProcesses,
        sawBrowser: measurement.sawBrowser,
        detail,
      };
      const entry = scenarios.get(info.id) ?? { info, runs: [] };
      entry.runs.push(run);
      scenarios.set(info.id, entry);
      return run;
    },
    // Listed by the letter, (a) to (g), then in the order first recorded.
    results: () =>
      [...scenarios.values()]
        .sort((x, y) => x.info.letter.localeCompare(y.info.letter))
        .map(({ info, runs }) => {
          const succeeded = runs.filter((run) => run.failed === undefined);
          const counted = succeeded.length > 0 ? succeeded : runs;
          return {
            ...info,
            runs,
            failures: runs.length - succeeded.length,
            time: summarize(counted.map((run) => run.ms)),
            peakRss: summarize(counted.map((run) => run.peakRssBytes)),
            peakPss: summarize(counted.map((run) => run.peakPssBytes)),
          };
        }),
  };
}
