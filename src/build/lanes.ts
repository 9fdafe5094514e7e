/** A document to print and how much work it is (any unit: characters of its HTML will do). */
export interface PrintJob {
  readonly id: string;
  readonly weight: number;
}

/**
 * Share the print jobs among the browser's pages (lanes) so they finish together: the heaviest
 * job first, each to the lane with the least work so far (ties to the lower lane; equal weights
 * in id order). The same jobs always get the same lanes, in the same order, so Chromium numbers
 * its nodes (they show in the tagged PDF) the same way from build to build.
 *
 * With the handout pack (about the weight of all briefs together) and two pages, the pack gets
 * one page and the briefs the other; without it, the briefs are spread over both.
 */
export function assignLanes(jobs: readonly PrintJob[], lanes: number): Map<string, number> {
  const load = Array.from({ length: Math.max(1, lanes) }, () => 0);
  const ordered = [...jobs].sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const assigned = new Map<string, number>();
  for (const job of ordered) {
    let lane = 0;
    for (let candidate = 1; candidate < load.length; candidate++) if (load[candidate]! < load[lane]!) lane = candidate;
    load[lane]! += Math.max(0, job.weight);
    assigned.set(job.id, lane);
  }
  return assigned;
}
