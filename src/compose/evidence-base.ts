import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import { englishLocale, type Locale } from '../locale/index.js';
import { factYear } from './as-of.js';
import { escapeInline, inWords, listOf, markdownTable, yearRanges } from './markdown-text.js';
import { issuedText, sourceLabel } from './source-label.js';

/** What a CSL type is called when "About the evidence" counts sources, where sources.yaml gives no `kind`. */
const kindOfType: Readonly<Record<string, string>> = {
  report: 'report',
  'article-newspaper': 'news article',
  'article-magazine': 'magazine article',
  'article-journal': 'journal article',
  'entry-encyclopedia': 'encyclopedia article',
  'entry-dictionary': 'dictionary entry',
  webpage: 'web page',
  'post-weblog': 'blog post',
  book: 'book',
  chapter: 'book chapter',
  legislation: 'law',
  legal_case: 'court decision',
  treaty: 'treaty',
  document: 'document',
};

/** A source's kind: its `kind` in sources.yaml, else one named after its CSL type. */
export function sourceKind(doc: SourceDoc): string {
  const kind = (doc.bib as { kind?: string }).kind;
  return kind ?? kindOfType[doc.bib.type] ?? doc.bib.type.replace(/[-_]/g, ' ');
}

/** One source of a brief, as "About the evidence" describes it. */
export interface EvidenceSource {
  readonly doc: SourceDoc;
  readonly kind: string;
  /** Publication date as printed, if the bibliography gives one. */
  readonly issued: string | undefined;
  /** Years its facts describe (TIP report years for report facts), ascending. */
  readonly years: readonly number[];
  /** How many of the brief's facts cite it. */
  readonly facts: number;
}

/**
 * The years a fact describes: its `year`, the year its report covers, its date's, its figure's
 * period; else the latest year it comes from (a report's facts mostly describe the year before it).
 */
export function describedYears(fact: VerifiedFact): number[] {
  const stated = [fact.year, fact.tip?.covers, fact.date ? Number(fact.date.slice(0, 4)) : undefined, fact.figure?.period ? Number(String(fact.figure.period).slice(0, 4)) : undefined];
  const fallback = fact.year === undefined && fact.tip?.covers === undefined && !fact.date && !fact.figure?.period ? [factYear(fact)] : [];
  return [...stated, ...fallback].filter((year): year is number => year !== undefined && Number.isFinite(year));
}

/** The sources the brief's facts cite, in bibliography order, with what each contributes. */
export function evidenceSources(facts: readonly VerifiedFact[], docs: ReadonlyMap<string, SourceDoc>, language: Locale = englishLocale()): EvidenceSource[] {
  const result: EvidenceSource[] = [];
  for (const doc of docs.values()) {
    const citing = facts.filter((fact) => fact.citations.some((citation) => citation.source === doc.id));
    if (citing.length === 0) continue;
    const years = [...new Set(citing.flatMap(describedYears))].sort((a, b) => a - b);
    result.push({ doc, kind: sourceKind(doc), issued: issuedText(doc, language), years, facts: citing.length });
  }
  return result;
}


/**
 * "About the evidence": how many sources of each kind the brief rests on, which are dated, the
 * years each describes (a table), and what that means for reading the brief. Drawn from the
 * bibliography and the facts only: nothing here comes from the curator's prose.
 */
export function aboutEvidence(facts: readonly VerifiedFact[], docs: ReadonlyMap<string, SourceDoc>, language: Locale = englishLocale()): string {
  const sources = evidenceSources(facts, docs, language);
  if (sources.length === 0) return '';
  const kinds = new Map<string, { n: number; doc: SourceDoc }>();
  for (const source of sources) kinds.set(source.kind, { n: (kinds.get(source.kind)?.n ?? 0) + 1, doc: kinds.get(source.kind)?.doc ?? source.doc });
  const english = language.file === 'en';
  // Small numbers in words in English ("two reports"), as figures in other languages.
  const words = (n: number) => (english ? inWords(n) : language.number(n));
  // A kind named after the CSL type is said in the language; a curator's `kind` as written.
  const kindName = (kind: string, doc: SourceDoc, n: number) => {
    const key = `kind_${doc.bib.type.replace(/-/g, '_')}`;
    if ((doc.bib as { kind?: string }).kind === undefined && language.keys.includes(key)) return language.t(key, { count: n });
    return english && n !== 1 ? pluralKind(kind) : kind;
  };
  const kindList = listOf([...kinds.entries()].map(([kind, { n, doc }]) => `${words(n)} ${kindName(kind, doc, n)}`), language);
  const dated = sources.filter((source) => source.issued);
  const undated = sources.filter((source) => !source.issued);
  const [onlyKind] = kinds.size === 1 ? [...kinds.entries()] : [];
  const opening =
    sources.length === 1
      ? language.t('evidenceOne', { kind: kindName(onlyKind![0], onlyKind![1].doc, 1), article: /^[aeiou]/i.test(kindName(onlyKind![0], onlyKind![1].doc, 1)) ? 'an' : 'a' })
      : onlyKind !== undefined
        ? language.t('evidenceSameKind', { count: sources.length, countWords: words(sources.length), kinds: kindName(onlyKind[0], onlyKind[1].doc, sources.length) })
        : language.t('evidenceMixed', { count: sources.length, countWords: words(sources.length), kinds: kindList });
  const dates =
    undated.length === 0
      ? language.t('evidenceDatedAll')
      : dated.length === 0
        ? language.t('evidenceDatedNone')
        : language.t('evidenceDatedSome', {
            dated: dated.length,
            datedWords: words(dated.length).replace(/^./, (c) => c.toUpperCase()),
            undated: undated.length,
            undatedWords: words(undated.length),
          });
  const span = (years: readonly number[]) => (years.length === 0 ? language.t('noYearStated') : listOf(yearRanges(years), language));
  const rows = sources.map((source) => [
    escapeInline(sourceLabel(source.doc)),
    escapeInline(kindName(source.kind, source.doc, 1)),
    source.issued ?? language.t('undated'),
    span(source.years),
    language.number(source.facts),
  ]);
  const table = markdownTable(
    [language.t('evidenceSource'), language.t('evidenceKind'), language.t('evidencePublished'), language.t('evidenceYears'), language.t('evidenceFacts')],
    rows,
  );
  const secondHand = sources.filter((source) => source.kind !== 'report' && source.kind !== 'primary report');
  const reading =
    secondHand.length > 0 && secondHand.length < sources.length
      ? ` ${language.t('evidenceSecondHand')}`
      : '';
  return `<!-- uncited -->\n${opening} ${dates}${reading}\n\n${table}`;
}

function pluralKind(kind: string): string {
  // "news article" → "news articles", "summary of a report" → "summaries of a report".
  const [head, ...rest] = kind.split(' of ');
  const words = head!.split(' ');
  const last = words.pop()!;
  const plural = /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(last) ? `${last}es` : `${last}s`;
  return [[...words, plural].join(' '), ...rest].join(' of ');
}
