/** A run of consecutive integers, both ends included. */
export type Range = readonly [first: number, last: number];

/** The runs of consecutive integers in `numbers` (any order, repeats ignored): `[1, 2, 3, 5]` → `[[1, 3], [5, 5]]`. */
export function toRanges(numbers: Iterable<number>): Range[] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = ranges.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else ranges.push([n, n]);
  }
  return ranges;
}

/**
 * `1–4, 7, 9–12`: runs joined by an en dash. `label` writes each end (a page's printed label,
 * say); runs are found on the numbers themselves.
 */
export function formatRanges(numbers: Iterable<number>, label: (n: number) => string = String): string {
  return toRanges(numbers)
    .map(([first, last]) => (first === last ? label(first) : `${label(first)}–${label(last)}`))
    .join(', ');
}
