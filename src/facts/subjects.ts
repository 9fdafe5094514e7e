/**
 * Tags that name what a finding is about (not how a brief files it): key findings are drawn by
 * them, and a key point is stale when a newer report speaks to one of them.
 */
export const subjectTags: ReadonlySet<string> = new Set([
  'tier',
  'finding',
  'prosecution',
  'protection',
  'prevention',
  'gap',
  'institution',
  'complicity',
  'profile',
  'recommendation',
]);
