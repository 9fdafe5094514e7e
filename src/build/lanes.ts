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
 * `alone` (the handout pack) gets the first lane to itself when there are two or more: one
 * document of every brief lays out slower per page than the briefs do, so a brief queued behind
 * it would wait for the whole pack.
 */
export function assignLanes(jobs: readonly PrintJob[], lanes: number, alone?: string): Map<string, number> {
  const count = Math.max(1, lanes);
  const assigned = new Map<string, number>();
  const separate = alone !== undefined && count > 1 && jobs.some((job) => job.id === alone);
  if (separate) assigned.set(alone, 0);
  const first = separate ? 1 : 0;
  const load = Array.from({ length: count - first }, () => 0);
  const ordered = jobs
    .filter((job) => !(separate && job.id === alone))
    .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const job of ordered) {
    let lane = 0;
    for (let candidate = 1; candidate < load.length; candidate++) if (load[candidate]! < load[lane]!) lane = candidate;
    load[lane]! += Math.max(0, job.weight);
    assigned.set(job.id, first + lane);
  }
  return assigned;
}
