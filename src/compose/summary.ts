import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import type { Conflict } from './conflicts.js';
import { describedYears, evidenceSources } from './evidence-base.js';
import { countOf, inWords, listOf, yearRanges } from './markdown-text.js';
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
export function briefSummary(input: SummaryInput): string {
  const sources = evidenceSources(input.facts, input.docs);
  const years = input.facts.flatMap(describedYears);
  const dated = sources.filter((source) => source.issued).length;
  const sentences: string[] = [];
  const span = years.length > 0 ? `, on events from ${Math.min(...years)} to ${Math.max(...years)}` : '';
  sentences.push(
    `This brief sets out what ${countOf(sources.length, 'source')} say${sources.length === 1 ? 's' : ''}, in ${countOf(input.facts.length, 'statement')}${span}; ${
      dated === sources.length ? 'every source is dated' : dated === 0 ? 'none of the sources is dated' : `${inWords(dated)} of the sources ${dated === 1 ? 'is' : 'are'} dated`
    }.`,
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
          ? '; all are known from summaries or encyclopedia articles, not the reports themselves'
          : `; for ${listOf(yearRanges(own))} the collection holds the report itself, for ${listOf(yearRanges(secondHand))} only a summary or an encyclopedia article`;
    sentences.push(
      `It draws on ${countOf(reportYears.length, 'year')} of US Trafficking in Persons reports (${listOf(yearRanges(reportYears))})${how}${
        input.missing.length > 0 ? `; it has none for ${listOf(yearRanges(input.missing))}` : ''
      }.`,
    );
    const byTier = new Map<string, number[]>();
    for (const report of input.reports) for (const tier of statedTiers(report)) byTier.set(tier, [...(byTier.get(tier) ?? []), report.year]);
    const unstated = input.reports.filter((report) => statedTiers(report).length === 0).map((report) => report.year);
    if (byTier.size === 1 && unstated.length === 0) {
      sentences.push(`Every one of them gives the same tier, ${[...byTier.keys()][0]}.`);
    } else if (byTier.size > 0) {
      const tiers = [...byTier.entries()].map(([tier, list]) => `${tier} in ${listOf(yearRanges(list))}`);
      sentences.push(`The tiers they give: ${listOf(tiers)}${unstated.length > 0 ? `; the source for ${listOf(yearRanges(unstated))} states none` : ''}.`);
    }
  }
  const disagree = input.conflicts.length;
  sentences.push(
    disagree > 0
      ? `The sources disagree on ${countOf(disagree, 'point')}; “Where the sources disagree or are silent” shows each reading, and “About the evidence” what each source is.`
      : `“About the evidence” says what each source is and which years it describes.`,
  );
  return `<!-- uncited -->\n${sentences.join(' ')}`;
}
