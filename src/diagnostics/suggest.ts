import { closest, distance } from 'fastest-levenshtein';

/**
 * Largest edit distance still taken for a typo of a name this long: 2 for a short name (so that
 * a swap of two letters, `biuld`, is still found), a third of the name for a long one.
 */
export const typoDistance = (name: string): number => Math.max(2, Math.floor(name.length / 3));

/**
 * The candidate `name` was probably meant to be (`biuld` → `build`), compared without regard to
 * case; undefined when none is near enough to be a typo of it.
 */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const others = candidates.filter((candidate) => candidate !== name);
  if (name === '' || others.length === 0) return undefined;
  const lower = name.toLowerCase();
  const best = closest(lower, others.map((candidate) => candidate.toLowerCase()));
  const gap = distance(lower, best);
  // Near enough, and not so near to nothing: `ab` is no typo of `cd`.
  if (gap > typoDistance(name) || gap >= Math.max(lower.length, best.length)) return undefined;
  return others.find((candidate) => candidate.toLowerCase() === best);
}

/**
 * `Unknown brief "tip-asessment": did you mean "tip-assessment"? The briefs are: …` (several
 * unknown ids each with their own suggestion).
 */
export function unknownBriefsMessage(unknown: readonly string[], known: readonly string[]): string {
  const named = unknown.map((id) => ({ id: JSON.stringify(id), meant: didYouMean(id, known) }));
  const only = named.length === 1 ? named[0] : undefined;
  const which = only
    ? `${only.id}${only.meant ? `: did you mean ${JSON.stringify(only.meant)}?` : '.'}`
    : `${named.map(({ id, meant }) => (meant ? `${id} (did you mean ${JSON.stringify(meant)}?)` : id)).join(', ')}.`;
  return `Unknown brief ${which} The briefs are: ${known.join(', ')}.`;
}
