import type { VerifiedFact } from '../facts/index.js';
import { listOf, yearRanges } from './markdown-text.js';
import { joinMarks, marksFor, type NoteMarks } from './notes.js';
import { caveat } from './statement.js';
import { anchorFact, statedTiers, type TipReport } from './tip-reports.js';

/** The fact to cite where a report's tier is not stated: one tagged `tier` (it says why), else its anchor. */
function tierContext(report: TipReport): VerifiedFact {
  return report.facts.find((fact) => fact.tags.includes('tier')) ?? anchorFact(report);
}

/**
 * The tier placements year by year, as one run-in line: each report year in the collection with
 * its tier (or "no tier stated"), the years the collection has no report for, then tier
 * statements that name no report year, with their caveats (stated here).
 */
export function tierTimeline(reports: readonly TipReport[], missing: readonly number[], undated: readonly VerifiedFact[], marks: NoteMarks): string {
  const { language } = marks;
  const entries: { year: number; text: string }[] = reports.map((report) => {
    const tiers = statedTiers(report);
    if (tiers.length === 0) return { year: report.year, text: `**${report.year}**: ${language.t('tierNotStated')}${marks.cite(tierContext(report))}` };
    const parts = tiers.map((tier) => `${tier}${marksFor(report.tiers.filter((fact) => fact.tip?.tier === tier), marks.cite)}`);
    return { year: report.year, text: `**${report.year}**: ${parts.join('; ')}` };
  });
  for (const range of yearRanges(missing)) {
    entries.push({ year: Number(range.slice(0, 4)), text: `**${range}**: ${language.t('tierNoneInCollection')}` });
  }
  entries.sort((a, b) => a.year - b.year);
  const line = entries.map((entry) => entry.text).join(' → ');
  const rest = undated.map(
    (fact) => ` **${language.t('yearNotStated')}**: ${fact.short ?? fact.tip?.tier ?? ''}.${marks.state(fact)}${caveat(fact, { note: marks.caveatDue(fact), language })}`,
  );
  return `${line}.${rest.join('')}`;
}

/** One sentence on the tiers: which tier in which report years, and which years state none. */
export function tierSummary(reports: readonly TipReport[], marks: NoteMarks): string {
  const byTier = new Map<string, string[]>();
  const none: number[] = [];
  for (const report of reports) {
    const tiers = statedTiers(report);
    if (tiers.length === 0) none.push(report.year);
    for (const tier of tiers) {
      const facts = report.tiers.filter((fact) => fact.tip?.tier === tier);
      byTier.set(tier, [...(byTier.get(tier) ?? []), `${report.year}${joinMarks(facts.map((fact) => marks.cite(fact)))}`]);
    }
  }
  const { language } = marks;
  const placed = [...byTier.entries()].map(([tier, years]) => language.t('tierIn', { tier, years: listOf(years, language) }));
  const unstated = none.length > 0
    ? `; ${language.t('tierNoneFor', { years: listOf(none.map(String), language) })}${joinMarks(reports.filter((report) => none.includes(report.year)).map((report) => marks.cite(tierContext(report))))}`
    : '';
  return language.t('tierSummary', { placements: listOf(placed, language), unstated });
}
