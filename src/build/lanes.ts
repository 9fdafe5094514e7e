/** A document to print and how much work it is (any unit: characters of its HTML will do). */
export interface PrintJob {
  readonly id: string;
  readonly weight: number;
}

/** Picks the page (lane) of each print job as the jobs come. */
export type LaneChooser = (job: PrintJob) => number;

/**
 * Share print jobs among the browser's pages (lanes) as they come, each to the lane with the
 * least work so far (ties to the lower lane), so the lanes finish together. Jobs come in the
 * briefs' order, so the same jobs always get the same lanes in the same order, and Chromium
 * numbers its nodes (they show in the tagged PDF) the same way from build to build.
 */
export function createLaneChooser(lanes: number): LaneChooser {
  const load = Array.from({ length: Math.max(1, lanes) }, () => 0);
  return (job) => {
    let lane = 0;
    for (let candidate = 1; candidate < load.length; candidate++) if (load[candidate]! < load[lane]!) lane = candidate;
    load[lane]! += Math.max(0, job.weight);
    return lane;
  };
}
