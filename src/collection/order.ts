/**
 * Brief ids in the collection's order (`briefs:` in briefs.yaml), then the others in the order
 * given (name order). Ids the order names that are not briefs are left out.
 */
export function orderBriefs(ids: readonly string[], order: readonly string[]): string[] {
  const known = new Set(ids);
  const first = order.filter((id, index) => known.has(id) && order.indexOf(id) === index);
  const placed = new Set(first);
  return [...first, ...ids.filter((id) => !placed.has(id))];
}
