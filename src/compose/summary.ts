import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import type { Conflict } from './conflicts.js';
import { describedYears, evidenceSources } from './evidence-base.js';
import { englishLocale, type Locale } from '../locale/index.js';
import { inWords, listOf, yearRanges } from './markdown-text.js';
import { statedTiers, type TipReport } from './tip-reports.js';


/** What the summary reads: the brief's facts and what the collection knows about them. */
export interface SummaryInput {
  readonly facts: readonly VerifiedFact[];
  readonly docs: ReadonlyMap<string, SourceDoc>;
  readonly reports: readonly TipReport[];
  /** Report years between the first report and the edition with no source in the collection. */
  readonly missing: readonly number[];
  readonly conflicts: readonly Conflict[];
}

/**
 * The brief's summary, three or four sentences drawn from the collection itself: what the brief
 * rests on and the years it covers; for TIP reports, which report years it has and the tiers they
 * give; where the sources disagree or are silent. Nothing is said that the facts do not show.
 */
export function briefSummary(input: SummaryInput, language: Locale = englishLocale()): string {
  const sources = evidenceSources(input.facts, input.docs, language);
  const years = input.facts.flatMap(describedYears);
  const dated = sources.filter((source) => source.issued).length;
  // Small numbers in words in English ("one source"), as figures in other languages.
  const words = (n: number) => (language.file === 'en' ? inWords(n) : language.number(n));
  const list = (items: readonly number[]) => listOf(yearRanges(items), language);
  const sentences: string[] = [];
  sentences.push(
    language.t('summaryOpening', {
      sources: sources.length,
      sourcesWords: words(sources.length),
      statements: input.facts.length,
      statementsWords: language.number(input.facts.length),
      span: years.length > 0 ? language.t('summarySpan', { from: String(Math.min(...years)), to: String(Math.max(...years)) }) : '',
      dated: dated === sources.length ? 'all' : dated === 0 ? 'none' : 'some',
      datedCount: dated,
      datedWords: words(dated),
    }),
  );
  if (input.reports.length > 0) {
    const reportYears = input.reports.map((report) => report.year);
    // Which report years the collection holds in the report's own text, and which only through
    // a summary or an encyclopedia: a reader weighs them differently.
    const own = input.reports.filter((report) => report.sources.some((id) => input.docs.get(id)?.bib.type === 'report')).map((report) => report.year);
    const secondHand = reportYears.filter((year) => !own.includes(year));
    const how =
      secondHand.length === 0
        ? ''
        : own.length === 0
          ? language.t('summaryAllSecondHand')
          : language.t('summarySomeSecondHand', { own: list(own), secondHand: list(secondHand) });
    sentences.push(
      language.t('summaryReports', {
        years: reportYears.length,
        yearsWords: words(reportYears.length),
        list: list(reportYears),
        how,
        missing: input.missing.length > 0 ? language.t('summaryMissing', { years: list(input.missing) }) : '',
      }),
    );
    const byTier = new Map<string, number[]>();
    for (const report of input.reports) for (const tier of statedTiers(report)) byTier.set(tier, [...(byTier.get(tier) ?? []), report.year]);
    const unstated = input.reports.filter((report) => statedTiers(report).length === 0).map((report) => report.year);
    if (byTier.size === 1 && unstated.length === 0) {
      sentences.push(language.t('summaryOneTier', { tier: [...byTier.keys()][0]! }));
    } else if (byTier.size > 0) {
      const tiers = [...byTier.entries()].map(([tier, years]) => language.t('summaryTierIn', { tier, years: list(years) }));
      sentences.push(language.t('summaryTiers', { tiers: listOf(tiers, language), unstated: unstated.length > 0 ? language.t('summaryTiersUnstated', { years: list(unstated) }) : '' }));
    }
  }
  const disagree = input.conflicts.length;
  const headings = { disagreements: language.t('disagreements'), aboutEvidence: language.t('aboutEvidence') };
  sentences.push(disagree > 0 ? language.t('summaryDisagree', { points: disagree, pointsWords: words(disagree), ...headings }) : language.t('summaryNoDisagree', headings));
  return `<!-- uncited -->\n${sentences.join(' ')}`;
}
