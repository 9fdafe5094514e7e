import type { HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import type { Point } from 'unist';
import type { ChartData } from '../chart/index.js';
import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import type { Locale } from '../locale/index.js';
import { asOfLine, sourceRecency } from './as-of.js';
import { disagreements, findConflicts } from './conflicts.js';
import { coverageNote, reportGaps } from './coverage.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { aboutEvidence } from './evidence-base.js';
import { keyFindings } from './key-findings.js';
import { briefSummary } from './summary.js';
import { chartData, chartMarkdown } from './figure-chart.js';
import { collectSeries } from './figure-series.js';
import { figureTable } from './figure-table.js';
import { figureTrends } from './figure-trends.js';
import { formatIsoDate } from './format-date.js';
import { lawTable } from './law-table.js';
import { escapeInline, listOf } from './markdown-text.js';
import { createNoteMarks, type NoteLedger } from './notes.js';
import { quotation } from './quotation.js';
import { sourceLabel } from './source-label.js';
import { prose, statement } from './statement.js';
import { TemplateProblem } from './template-error.js';
import { tierSummary, tierTimeline } from './tier-timeline.js';
import { timeline } from './timeline.js';
import { tableMetrics, tipTable } from './tip-table.js';
import { anchorFact, collectReports, coveredYears, latestPossibleReport, missingReportYears, statedTiers } from './tip-reports.js';

export { formatIsoDate } from './format-date.js';

/** What a fact looks like inside a template (`{{#each (facts)}}…{{id}}…{{/each}}`). */
export interface FactView {
  readonly id: string;
  readonly statement: string;
  readonly topics: readonly string[];
  readonly tags: readonly string[];
  readonly year: number | null;
  readonly date: string | null;
  readonly note: string | null;
  readonly sources: readonly string[];
  /** The TIP report the fact comes from, if any. */
  readonly report: number | null;
  /** Whether the fact carries a figure. */
  readonly figure: boolean;
}

/** What a TIP report looks like inside a template (`{{#each (reports)}}…{{/each}}`). */
export interface ReportView {
  /** The report's year. */
  readonly year: number;
  /** The calendar year it covers, if a fact states it. */
  readonly covers: number | null;
  /** Its tier, if a fact states it. */
  readonly tier: string | null;
}

/** What the helpers read and record while one brief renders. */
export interface HelperContext {
  readonly briefId: string;
  readonly facts: ReadonlyMap<string, VerifiedFact>;
  readonly docs: ReadonlyMap<string, SourceDoc>;
  /** The edition date (ISO or as printed): it bounds the years the Coverage note counts. */
  readonly edition: string;
  /** What the brief records of its facts: cited, placed, printed in full, caveats printed (helpers record here). */
  readonly ledger: NoteLedger;
  /** Charts the brief draws (helpers push here; the Markdown stage draws them). */
  readonly charts: ChartData[];
  /** The interface language: the helpers' own words, dates, numbers and lists are written in it. */
  readonly language: Locale;
}

const placeOf = (options: HelperOptions): Point | undefined => {
  const loc = (options as HelperOptions & { loc?: { start: { line: number; column: number } } }).loc;
  return loc ? { line: loc.start.line, column: loc.start.column + 1 } : undefined;
};

function view(fact: VerifiedFact): FactView {
  return {
    id: fact.id,
    statement: fact.statement,
    topics: fact.topics,
    tags: fact.tags,
    year: fact.year ?? null,
    date: fact.date ?? null,
    note: fact.note ?? null,
    sources: [...new Set(fact.citations.map((citation) => citation.source))],
    report: fact.tip?.report ?? null,
    figure: fact.figure !== undefined,
  };
}

function byTime(a: VerifiedFact, b: VerifiedFact): number {
  const key = (fact: VerifiedFact) => fact.date ?? (fact.year === undefined ? '9999' : String(fact.year));
  return key(a).localeCompare(key(b));
}

const safe = (markdown: string) => new Handlebars.SafeString(markdown);

/**
 * The helpers templates may call. Each returns Markdown; each records the facts it uses.
 * Every helper is registered as known, so Handlebars rejects any other name at compile time.
 */
export function createHelpers(ctx: HelperContext) {
  const marks = createNoteMarks(ctx.ledger, ctx.language);
  const lookup = (id: unknown, options: HelperOptions): VerifiedFact => {
    const fact = typeof id === 'string' ? ctx.facts.get(id) : undefined;
    if (!fact) {
      const near = typeof id === 'string' ? didYouMean(id, [...ctx.facts.keys()]) : undefined;
      throw new TemplateProblem('unknown-fact', String(id), placeOf(options), `No fact has the id ${JSON.stringify(String(id))}${near ? `: did you mean ${JSON.stringify(near)}?` : '.'}`);
    }
    return fact;
  };
  /** Facts from a list the `facts` helper returned (or a single id). */
  const listed = (items: unknown, options: HelperOptions): VerifiedFact[] => {
    const list = Array.isArray(items) ? items : [items];
    return list.map((item) => lookup(typeof item === 'object' && item !== null && 'id' in item ? (item as { id: unknown }).id : item, options));
  };
  const topicFacts = (topic: string = ctx.briefId) => [...ctx.facts.values()].filter((fact) => fact.topics.includes(topic));
  const topicOf = (options: HelperOptions) => {
    const topic = (options.hash as { topic?: unknown }).topic;
    return typeof topic === 'string' ? topic : ctx.briefId;
  };
  const reportsOf = (options: HelperOptions) => collectReports(topicFacts(topicOf(options)));

  const helpers = {
    /** `{{fact "id"}}`: the fact's statement with its footnote, and its caveat if it has one. */
    fact(id: unknown, options: HelperOptions) {
      return safe(statement(lookup(id, options), marks));
    },
    /**
     * `{{point "id"}}`: for key points: the statement, its note and its caveat; the fact is
     * stated here once (`fresh=true` lists after it skip it).
     */
    point(id: unknown, options: HelperOptions) {
      const fact = lookup(id, options);
      ctx.ledger.points.push(fact.id);
      return safe(statement(fact, marks));
    },
    /**
     * `{{keyFindings}}`: key findings as a list, drawn from the newest evidence (the newest
     * report's tier and findings, the figures' change over time); each stated here only.
     */
    keyFindings(options: HelperOptions) {
      const facts = topicFacts(topicOf(options));
      const points = keyFindings(collectReports(facts), collectSeries(facts).series, marks);
      return safe(points.map((point) => `- ${point}`).join('\n'));
    },
    /** `{{summary}}`: three or four sentences on what the brief rests on, covers, and where its sources disagree. */
    summary(options: HelperOptions) {
      const facts = topicFacts(topicOf(options));
      const reports = collectReports(facts);
      const missing = reports.length > 0 ? missingReportYears(reports.map((report) => report.year), latestPossibleReport(ctx.edition, ctx.language)) : [];
      return safe(briefSummary({ facts, docs: ctx.docs, reports, missing, conflicts: findConflicts(facts, ctx.language) }, ctx.language));
    },
    /** `{{aboutEvidence}}`: "About the evidence": the sources by kind, which are dated, the years each describes. */
    aboutEvidence(options: HelperOptions) {
      return safe(aboutEvidence(topicFacts(topicOf(options)), ctx.docs, ctx.language));
    },
    /** `{{cite "id"}}`: only the footnote marker of a fact. */
    cite(id: unknown, options: HelperOptions) {
      return safe(marks.cite(lookup(id, options)));
    },
    /** `{{quote "id"}}`: the fact's first quoted passage, in quotation marks, with its footnote. */
    quote(id: unknown, options: HelperOptions) {
      const fact = lookup(id, options);
      const text = fact.citations[0]?.quote.replace(/\s+/g, ' ').trim() ?? '';
      return safe(`“${text}”${marks.cite(fact)}`);
    },
    /** `{{prose (facts …)}}`: the facts' statements as one paragraph, each with its note and caveat. */
    prose(items: unknown, options: HelperOptions) {
      return safe(prose(listed(items, options), marks));
    },
    /** `{{quotation "id"}}`: what a named person or body said (`speaker`), set apart as a block quotation. */
    quotation(id: unknown, options: HelperOptions) {
      return safe(quotation(lookup(id, options), ctx.docs, marks));
    },
    /** `{{timeline (facts …) full=false}}`: a dated list, oldest first; `short` phrases unless `full=true`. */
    timeline(items: unknown, options: HelperOptions) {
      return safe(timeline(listed(items, options), marks, { full: (options.hash as { full?: unknown }).full === true }));
    },
    /**
     * `(facts topic="…" tag="…" year=2010 source="tip-2011" report=2011 figure=true fresh=true)`:
     * the facts of a brief (default: this one), filtered: `tag` (one of several, comma-separated),
     * `year` described, cited `source`, TIP `report` year (`report=false`: not from a TIP report),
     * with or without a `figure`;
     * `fresh=true` leaves out facts already stated. In time order (undated last), then file
     * order; `order="file"` keeps the order of facts.yaml.
     */
    facts(options: HelperOptions): FactView[] {
      const hash = options.hash as { tag?: unknown; year?: unknown; source?: unknown; report?: unknown; figure?: unknown; fresh?: unknown; order?: unknown };
      const tags = typeof hash.tag === 'string' ? hash.tag.split(',').map((tag) => tag.trim()) : undefined;
      return topicFacts(topicOf(options))
        .filter((fact) => (hash.fresh === true ? !ctx.ledger.placed.has(fact.id) : true))
        .filter((fact) => (typeof hash.source === 'string' ? fact.citations.some((c) => c.source === hash.source) : true))
        .filter((fact) => (tags ? fact.tags.some((tag) => tags.includes(tag)) : true))
        .filter((fact) => (hash.year === undefined ? true : fact.year === Number(hash.year)))
        .filter((fact) => (hash.report === undefined ? true : hash.report === false ? !fact.tip : fact.tip?.report === Number(hash.report)))
        .filter((fact) => (typeof hash.figure === 'boolean' ? (fact.figure !== undefined) === hash.figure : true))
        .sort(hash.order === 'file' ? () => 0 : byTime)
        .map(view);
    },
    /** `(years topic="…")`: the years that facts of a brief describe, ascending. */
    years(options: HelperOptions): number[] {
      const years = topicFacts(topicOf(options))
        .filter((fact) => fact.year !== undefined)
        .map((fact) => fact.year as number);
      return [...new Set(years)].sort((a, b) => a - b);
    },
    /**
     * `(reports)`: the TIP reports the brief's facts come from (`tip.report`), ascending;
     * `fresh=true`: only those with a fact not yet stated (a section would be empty).
     */
    reports(options: HelperOptions): ReportView[] {
      const hash = options.hash as { fresh?: unknown; newest?: unknown; older?: unknown; order?: unknown };
      const all = reportsOf(options);
      let chosen = all;
      if (typeof hash.newest === 'number') chosen = all.slice(-hash.newest);
      if (typeof hash.older === 'number') {
        chosen = all.slice(0, Math.max(0, all.length - hash.older));
        // Facts of these reports that the brief leaves out are then a warning, not an error.
        const cutoff = all.at(-hash.older)?.year;
        if (chosen.length > 0 && cutoff !== undefined) ctx.ledger.inBriefBefore = cutoff;
      }
      if (hash.order === 'newest') chosen = [...chosen].reverse();
      return chosen
        .filter((report) => hash.fresh !== true || report.facts.some((fact) => !ctx.ledger.placed.has(fact.id)))
        .map((report) => ({
        year: report.year,
        covers: coveredYears(report)[0] ?? null,
        tier: statedTiers(report)[0] ?? null,
      }));
    },
    /** `{{reportSources 2011}}`: the sources a TIP report is known from, with a note. */
    reportSources(year: unknown, options: HelperOptions) {
      const report = reportsOf(options).find((candidate) => candidate.year === Number(year));
      if (!report) throw new TemplateProblem('template-render', String(year), placeOf(options), `No fact comes from a TIP report of ${JSON.stringify(year)}.`);
      const labels = report.sources.map((id) => {
        const doc = ctx.docs.get(id);
        return doc ? escapeInline(sourceLabel(doc)) : id;
      });
      return safe(`*${ctx.language.t('knownFrom', { sources: listOf(labels, ctx.language) })}*${marks.cite(anchorFact(report))}`);
    },
    /** `{{reportTable}}`: one row per TIP report: its period and main figures ("–" where none), one note per row. */
    reportTable(options: HelperOptions) {
      return safe(tipTable(reportsOf(options), marks, ctx.ledger, ctx.docs));
    },
    /** `{{tierTimeline}}`: tier by report year, the years without a report, and undated tier statements. */
    tierTimeline(options: HelperOptions) {
      const reports = reportsOf(options);
      const missing = missingReportYears(reports.map((report) => report.year), latestPossibleReport(ctx.edition, ctx.language));
      const undated = topicFacts(topicOf(options)).filter((fact) => fact.tags.includes('tier') && !fact.tip);
      return safe(tierTimeline(reports, missing, undated, marks));
    },
    /** `{{tierSummary}}`: one sentence: which tier in which report years. */
    tierSummary(options: HelperOptions) {
      return safe(tierSummary(reportsOf(options), marks));
    },
    /** `{{figureChart}}`: a chart of the figures given for two or more years, its text alternative and any disagreement. */
    figureChart(options: HelperOptions) {
      const { series, conflicts } = collectSeries(topicFacts(topicOf(options)));
      if (series.length === 0) return safe(`<!-- uncited -->\n${ctx.language.t('chartNothing')}`);
      const data = chartData(`figures-${ctx.charts.length + 1}`, series, ctx.language);
      ctx.charts.push(data);
      return safe(chartMarkdown(data, series, conflicts, marks));
    },
    /** `{{figureTrends}}`: one sentence on how those figures changed between their first and last year. */
    figureTrends(options: HelperOptions) {
      return safe(figureTrends(collectSeries(topicFacts(topicOf(options))).series, marks));
    },
    /**
     * `{{figureTable (facts …)}}`: figures as a table (what, figure, year); leaves out figures the
     * `reportTable` shows unless `all=true`.
     */
    figureTable(items: unknown, options: HelperOptions) {
      const all = (options.hash as { all?: unknown }).all === true;
      const facts = listed(items, options).filter((fact) => fact.figure && (all || !tableMetrics.has(fact.figure.metric)));
      return safe(figureTable(facts, marks));
    },
    /** `{{lawTable}}`: the legal instruments (`law`): in force, prohibits, penalties, sources; with caveats. */
    lawTable(options: HelperOptions) {
      return safe(lawTable(topicFacts(topicOf(options)), ctx.docs, marks, ctx.ledger));
    },
    /** `{{disagreements}}`: "Where the sources disagree": every conflict among the brief's facts, each answer with its source (nothing when they agree). */
    disagreements(options: HelperOptions) {
      ctx.ledger.parts.add('disagreements');
      const silent: string[] = [];
      if ((options.hash as { reportGaps?: unknown }).reportGaps === true) {
        const reports = reportsOf(options);
        const latest = latestPossibleReport(ctx.edition, ctx.language);
        const gap = reportGaps(reports, missingReportYears(reports.map((report) => report.year), latest), latest, ctx.language);
        if (gap) silent.push(gap);
      }
      const asides = ctx.ledger.asides.splice(0);
      return safe(disagreements(findConflicts(topicFacts(topicOf(options)), ctx.language), ctx.docs, marks, { asides, silent }));
    },
    /** `{{asOf}}`: the "as of" line: the brief's newest source, and which sources are undated. */
    asOf(options: HelperOptions) {
      return safe(asOfLine(sourceRecency(topicFacts(topicOf(options)), ctx.facts.values(), ctx.docs), marks));
    },
    /** `{{coverage}}`: the report years the collection holds, by source, and those it has no source for. */
    coverage(options: HelperOptions) {
      const reports = reportsOf(options);
      const latest = latestPossibleReport(ctx.edition, ctx.language);
      const missing = missingReportYears(reports.map((report) => report.year), latest);
      return safe(coverageNote(reports, missing, latest, ctx.docs, marks));
    },
    /** `{{formatDate "2011-06-27"}}` → 27 June 2011. */
    formatDate(value: unknown, options: HelperOptions) {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new TemplateProblem('template-render', String(value), placeOf(options), `formatDate needs a date such as "2011-06-27", not ${JSON.stringify(value)}.`);
      }
      return formatIsoDate(String(value), ctx.language);
    },
    /** `{{t "summary"}}`: an interface word in the collection's language (a key of the locale files). */
    t(key: unknown, options: HelperOptions) {
      if (typeof key !== 'string' || !ctx.language.keys.includes(key)) {
        const near = typeof key === 'string' ? didYouMean(key, ctx.language.keys) : undefined;
        throw new TemplateProblem('template-render', String(key), placeOf(options), `No interface text has the key ${JSON.stringify(String(key))}${near ? `: did you mean ${JSON.stringify(near)}?` : ''} (the keys are those of defaults/locales/en.yaml).`);
      }
      return ctx.language.t(key);
    },
    /** `{{sourceTitle "tip-2011"}}`: the title of a source document. */
    sourceTitle(id: unknown, options: HelperOptions) {
      const doc = typeof id === 'string' ? ctx.docs.get(id) : undefined;
      if (!doc) {
        throw new TemplateProblem('template-render', String(id), placeOf(options), `No source has the id ${JSON.stringify(String(id))}.`);
      }
      return doc.bib.title;
    },
    /** `(eq a b)`: whether two values are equal (for `{{#if}}`). */
    eq(a: unknown, b: unknown) {
      return a === b;
    },
  };
  return helpers;
}

/** The names of all helpers, for Handlebars' `knownHelpers`. */
export const helperNames = [
  'fact', 'point', 'cite', 'quote', 'prose', 'quotation', 'timeline', 'facts', 'years', 'reports', 'reportSources',
  'reportTable', 'tierTimeline', 'tierSummary', 'figureChart', 'figureTrends', 'figureTable', 'lawTable', 'asOf',
  'coverage', 'disagreements', 'formatDate', 'sourceTitle', 'eq', 'keyFindings', 'summary', 'aboutEvidence', 't',
] as const;

