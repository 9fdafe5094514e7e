import { latestPossibleReport } from '../compose/index.js';
import type { SourceFormat } from '../ingest/index.js';
import type { CurationBrief, CurationDoc, CurationFact, CurationInput } from './types.js';

/** Which facts a brief uses, of those it could. */
export interface BriefCoverage {
  readonly briefId: string;
  readonly title: string;
  /** Facts the brief uses, in order of first use. */
  readonly used: readonly string[];
  /** Facts that name the brief in `topics` but that it does not use, in facts.yaml order. */
  readonly unused: readonly string[];
  /** Facts the brief uses although their `topics` do not name it. */
  readonly offTopic: readonly string[];
}

/** A page of a PDF document: its number (1-based) and printed label. */
export interface PageRef {
  readonly page: number;
  readonly label: string;
}

/** How much of a document the facts cite. */
export interface DocumentCoverage {
  readonly id: string;
  readonly title: string;
  readonly format: SourceFormat;
  readonly paragraphs: {
    readonly total: number;
    readonly cited: number;
    /** ¶ numbers no fact cites, ascending. */
    readonly uncited: readonly number[];
  };
  /** PDF only: the pages that hold text, and those on which no fact cites anything. */
  readonly pages?: {
    /** Pages in the document. */
    readonly total: number;
    /** Pages holding at least one paragraph. */
    readonly withText: number;
    readonly cited: number;
    readonly uncited: readonly PageRef[];
  };
}

/** A TIP report year the collection has a source for. */
export interface CoveredYear {
  readonly year: number;
  /** Ids of the documents the year's facts cite, in order of first citation. */
  readonly sources: readonly string[];
  /** Ids of the facts that carry `tip.report` = year. */
  readonly facts: readonly string[];
}

/** Which US TIP report years the collection covers. */
export interface ReportYearCoverage {
  /** The earliest report year a fact cites (undefined when no fact has `tip`). */
  readonly first?: number;
  /** The last year counted: the latest report published by the edition date, or a later year a fact cites. */
  readonly last?: number;
  /** The latest report published by the edition date, by the June rule. */
  readonly latestPublished: number;
  /** The edition date the range was counted at (ISO). */
  readonly edition: string;
  /** The assumption behind `latestPublished`, in words. */
  readonly assumption: string;
  readonly covered: readonly CoveredYear[];
  /** Years from `first` to `last` that no fact covers, ascending. */
  readonly missing: readonly number[];
}

/** A document `briefs fetch` found upstream (a new year of a series) and no entry names yet. */
export interface UncuratedDocument {
  readonly id: string;
  readonly year: number;
  /** The entry that declares the series. */
  readonly of: string;
  readonly url: string;
  /** The archived copy, relative to the sources folder. */
  readonly file: string;
  /** ISO time it was fetched. */
  readonly fetched: string;
}

/** The whole coverage report. */
export interface Coverage {
  readonly briefs: readonly BriefCoverage[];
  readonly documents: readonly DocumentCoverage[];
  readonly reportYears: ReportYearCoverage;
  /** Documents fetched and archived that no entry of sources.yaml names yet. */
  readonly uncurated: readonly UncuratedDocument[];
}

/** The assumption `latestPublishedReport` makes, for the output. */
export const juneRule =
  'The US TIP report is published each June: a report year counts from 1 June (as in the briefs\' Coverage notes).';

/**
 * The latest TIP report year published by `edition` (ISO date): this year's from 1 June, else
 * last year's. The same rule as the briefs' Coverage note (compose's `latestPossibleReport`).
 */
export function latestPublishedReport(edition: string): number {
  const latest = /^\d{4}-\d{2}/.test(edition) ? latestPossibleReport(edition) : undefined;
  if (latest === undefined) throw new TypeError(`The edition date ${JSON.stringify(edition)} is not an ISO date (YYYY-MM-DD).`);
  return latest;
}

/** Per brief: the facts it uses, the facts of its topic it leaves out, and the facts it borrows. */
export function briefCoverage(briefs: readonly CurationBrief[], facts: ReadonlyMap<string, CurationFact>): BriefCoverage[] {
  return briefs.map((brief) => {
    const used = [...new Set(brief.usedFacts)];
    const usedSet = new Set(used);
    const topic = [...facts.values()].filter((fact) => fact.topics.includes(brief.briefId));
    return {
      briefId: brief.briefId,
      title: brief.matter.title,
      used,
      unused: topic.filter((fact) => !usedSet.has(fact.id)).map((fact) => fact.id),
      offTopic: used.filter((id) => facts.get(id)?.topics.includes(brief.briefId) === false),
    };
  });
}

/** Per document: the paragraphs (and, for a PDF, the pages) no fact cites. */
export function documentCoverage(docs: ReadonlyMap<string, CurationDoc>, facts: ReadonlyMap<string, CurationFact>): DocumentCoverage[] {
  const cited = new Map<string, Set<number>>();
  for (const fact of facts.values()) {
    for (const citation of fact.citations) {
      const set = cited.get(citation.source) ?? new Set<number>();
      set.add(citation.match.paragraph);
      cited.set(citation.source, set);
    }
  }
  return [...docs.values()].map((doc) => {
    const citedHere = cited.get(doc.id) ?? new Set<number>();
    const uncitedParagraphs = doc.paragraphs.filter((paragraph) => !citedHere.has(paragraph.n));
    const coverage: DocumentCoverage = {
      id: doc.id,
      title: doc.bib.title,
      format: doc.format,
      paragraphs: {
        total: doc.paragraphs.length,
        cited: doc.paragraphs.length - uncitedParagraphs.length,
        uncited: uncitedParagraphs.map((paragraph) => paragraph.n),
      },
    };
    if (doc.format !== 'pdf') return coverage;
    const pages = new Map<number, { label: string; cited: boolean }>();
    for (const paragraph of doc.paragraphs) {
      if (paragraph.page === undefined) continue;
      const page = pages.get(paragraph.page) ?? { label: paragraph.pageLabel ?? String(paragraph.page), cited: false };
      pages.set(paragraph.page, { ...page, cited: page.cited || citedHere.has(paragraph.n) });
    }
    const uncited = [...pages.entries()]
      .filter(([, page]) => !page.cited)
      .sort(([a], [b]) => a - b)
      .map(([page, { label }]) => ({ page, label }));
    return {
      ...coverage,
      pages: { total: doc.pages ?? pages.size, withText: pages.size, cited: pages.size - uncited.length, uncited },
    };
  });
}

/**
 * The TIP report years from the earliest any fact cites to the latest published by `edition`
 * (see `latestPublishedReport`): those covered, with their documents, and those not.
 */
export function reportYearCoverage(facts: ReadonlyMap<string, CurationFact>, edition: string): ReportYearCoverage {
  const latestPublished = latestPublishedReport(edition);
  const byYear = new Map<number, { sources: Set<string>; facts: string[] }>();
  for (const fact of facts.values()) {
    if (!fact.tip) continue;
    const entry = byYear.get(fact.tip.report) ?? { sources: new Set<string>(), facts: [] };
    entry.facts.push(fact.id);
    for (const citation of fact.citations) entry.sources.add(citation.source);
    byYear.set(fact.tip.report, entry);
  }
  const covered = [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, entry]): CoveredYear => ({ year, sources: [...entry.sources], facts: entry.facts }));
  const base = { latestPublished, edition, assumption: juneRule, covered };
  if (covered.length === 0) return { ...base, missing: [] };
  const first = covered[0]!.year;
  const last = Math.max(latestPublished, covered.at(-1)!.year);
  const missing: number[] = [];
  for (let year = first; year <= last; year++) if (!byYear.has(year)) missing.push(year);
  return { ...base, first, last, missing };
}

/**
 * The coverage report: briefs, documents and TIP report years, at the edition date; and the
 * documents `briefs fetch` archived that no entry names (`uncurated`, from the archive).
 */
export function coverage(input: CurationInput, edition: string, uncurated: readonly UncuratedDocument[] = []): Coverage {
  return {
    briefs: briefCoverage(input.briefs, input.facts),
    documents: documentCoverage(input.sources.docs, input.facts),
    reportYears: reportYearCoverage(input.facts, edition),
    uncurated: uncurated.filter((doc) => !input.sources.docs.has(doc.id)),
  };
}
