import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import { formatIsoDate } from './format-date.js';
import { lastYear } from './format-figure.js';
import { escapeInline } from './markdown-text.js';
import type { NoteMarks } from './notes.js';
import { issuedIso, issuedText, sourceLabel } from './source-label.js';

/** How recent a source is: its publication date, or else the latest date or year its facts describe. */
export interface SourceRecency {
  readonly doc: SourceDoc;
  /** Publication date (ISO), if the bibliography gives one. */
  readonly issued: string | undefined;
  /** The latest year the source's facts describe, or its publication year if later. */
  readonly year: number;
  /** That year, or a more exact date (ISO) where a fact gives one in that year. */
  readonly latest: string;
  /** The fact that shows it. */
  readonly fact: VerifiedFact;
}

/** The latest year a fact describes or comes from. */
export function factYear(fact: VerifiedFact): number | undefined {
  const years = [
    fact.year,
    fact.date ? Number(fact.date.slice(0, 4)) : undefined,
    fact.tip?.report,
    fact.figure ? lastYear(fact.figure) : undefined,
  ].filter((year): year is number => year !== undefined);
  return years.length > 0 ? Math.max(...years) : undefined;
}

/** The latest point a fact describes, as a sortable ISO string: its date if that is in its latest year. */
function factLatest(fact: VerifiedFact): string | undefined {
  const year = factYear(fact);
  if (year === undefined) return undefined;
  return fact.date && fact.date.startsWith(String(year)) ? fact.date : String(year);
}

/** The recency of each source the given facts cite, judged on every fact in the collection. */
export function sourceRecency(
  briefFacts: readonly VerifiedFact[],
  allFacts: Iterable<VerifiedFact>,
  docs: ReadonlyMap<string, SourceDoc>,
): SourceRecency[] {
  const all = [...allFacts];
  const ids = [...new Set(briefFacts.flatMap((fact) => fact.citations.map((citation) => citation.source)))];
  const result: SourceRecency[] = [];
  for (const id of ids) {
    const doc = docs.get(id);
    if (!doc) continue;
    const issued = issuedIso(doc);
    // Prefer the brief's own facts as evidence; fall back to any fact from the source.
    const candidates = [...briefFacts, ...all].filter((fact) => fact.citations.some((citation) => citation.source === id));
    let best: { fact: VerifiedFact; latest: string } | undefined;
    for (const fact of candidates) {
      const latest = factLatest(fact);
      if (latest !== undefined && (!best || latest > best.latest)) best = { fact, latest };
    }
    const fact = best?.fact ?? candidates[0];
    if (!fact) continue;
    const latest = [best?.latest, issued].filter((value): value is string => value !== undefined).sort().at(-1) ?? '';
    result.push({ doc, issued, year: Number(latest.slice(0, 4)), latest, fact });
  }
  return result;
}

/**
 * The "as of" line: the brief's newest source, and which sources are dated. Undated sources
 * are named as such; nothing is dated that the sources do not date.
 */
export function asOfLine(recency: readonly SourceRecency[], marks: NoteMarks): string {
  if (recency.length === 0) return '';
  const newest = [...recency].sort((a, b) => b.latest.localeCompare(a.latest) || Number(Boolean(b.issued)) - Number(Boolean(a.issued)))[0]!;
  const { language } = marks;
  const name = (source: SourceRecency) => escapeInline(sourceLabel(source.doc));
  const when = newest.issued
    ? language.t('asOfPublished', { date: issuedText(newest.doc, language)! })
    : newest.latest.length > 4
      ? language.t('asOfUndatedDate', { date: formatIsoDate(newest.latest, language) })
      : newest.latest !== ''
        ? language.t('asOfUndatedYear', { year: newest.latest })
        : language.t('asOfUndated');
  const others = recency.filter((source) => source !== newest);
  const dated = others.filter((source) => source.issued).length;
  // The newest source is named; the rest are counted ("About the evidence" lists them).
  const rest =
    others.length === 0
      ? ''
      : ` ${language.t('asOfOthers', { count: others.length, dated: dated === others.length ? 'all' : dated === 0 ? 'none' : 'some', datedCount: dated })}`;
  return `**${language.t('asOfLabel')}** ${language.t('asOfNewest', { source: name(newest), when: `${when}${marks.cite(newest.fact)}` })}${rest}`;
}
