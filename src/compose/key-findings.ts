import { subjectTags, type VerifiedFact } from '../facts/index.js';
import type { FigureSeries } from './figure-series.js';
import { figureTrends } from './figure-trends.js';
import type { NoteMarks } from './notes.js';
import { statement } from './statement.js';
import type { TipReport } from './tip-reports.js';

/** The subjects key findings are drawn from, in the order a reader wants them. */
const subjects = ['finding', 'prosecution', 'protection', 'prevention', 'gap'] as const;

/** The most key findings a brief leads with. */
const mostFindings = 5;

/**
 * The facts of the newest report that says anything on `tag` (in file order), so a finding is
 * never pinned to an older report once a newer one speaks to the subject.
 */
function newestOn(reports: readonly TipReport[], tag: string, taken: ReadonlySet<string>): VerifiedFact | undefined {
  for (const report of [...reports].reverse()) {
    const found = report.facts.find((fact) => fact.tags.includes(tag) && !taken.has(fact.id) && !superseded(fact, reports));
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether a newer report speaks to one of the fact's subjects: then the fact is not a key
 * finding (a 2016 "still lacked a compensation fund" after a 2018 report on protection).
 */
function superseded(fact: VerifiedFact, reports: readonly TipReport[]): boolean {
  // An overall finding or a tier is superseded by nothing but the newer report's own, which the
  // list takes first: only the themes (prosecution, protection …) are compared.
  const own = fact.tags.filter((tag) => subjectTags.has(tag) && tag !== 'finding' && tag !== 'tier');
  const year = fact.tip?.report ?? 0;
  return reports.some((report) => report.year > year && report.facts.some((other) => other.tags.some((tag) => own.includes(tag))));
}

/**
 * Key findings drawn from the newest evidence: the newest report's tier placement, the newest
 * overall finding, how the figures changed from their first year to their last, then the newest
 * finding on prosecution, protection, prevention and gaps, each from the newest report that
 * speaks to it. Each fact is stated here once (the sections after do not repeat it).
 */
export function keyFindings(reports: readonly TipReport[], series: readonly FigureSeries[], marks: NoteMarks): string[] {
  const points: string[] = [];
  const taken = new Set<string>();
  const newestTier = [...reports].reverse().find((report) => report.tiers.length > 0)?.tiers[0];
  if (newestTier) {
    taken.add(newestTier.id);
    points.push(statement(newestTier, marks));
  }
  const trend = figureTrends(series.filter((s) => s.points.length >= 2), marks);
  for (const tag of subjects) {
    if (points.length >= mostFindings - (trend ? 1 : 0)) break;
    const fact = newestOn(reports, tag, taken);
    if (!fact) continue;
    taken.add(fact.id);
    points.push(statement(fact, marks));
    if (tag === 'finding' && trend) points.push(trend);
  }
  if (trend && !points.includes(trend)) points.push(trend);
  return points;
}
