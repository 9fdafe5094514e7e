import type { HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import type { Point } from 'unist';
import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import { TemplateProblem } from './template-error.js';

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
}

/** What the helpers read and record while one brief renders. */
export interface HelperContext {
  readonly briefId: string;
  readonly facts: ReadonlyMap<string, VerifiedFact>;
  readonly docs: ReadonlyMap<string, SourceDoc>;
  /** Fact ids in the order templates used them (helpers push here). */
  readonly used: string[];
  /** Fact ids stated in the body with `fact` (so `fresh=true` skips them). */
  readonly placed: Set<string>;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2011-06-27` → `27 June 2011`; `2011-06` → `June 2011`; `2011` → `2011`. */
export function formatIsoDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  if (!year) return iso;
  if (!month) return String(year);
  const name = months[month - 1] ?? String(month);
  return day ? `${day} ${name} ${year}` : `${name} ${year}`;
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
  };
}

function byTime(a: VerifiedFact, b: VerifiedFact): number {
  const key = (fact: VerifiedFact) => fact.date ?? (fact.year === undefined ? '9999' : String(fact.year));
  return key(a).localeCompare(key(b));
}

/**
 * The helpers templates may call. Each returns Markdown; each records the facts it uses.
 * Every helper is registered as known, so Handlebars rejects any other name at compile time.
 */
export function createHelpers(ctx: HelperContext) {
  const lookup = (id: unknown, options: HelperOptions): VerifiedFact => {
    const fact = typeof id === 'string' ? ctx.facts.get(id) : undefined;
    if (!fact) {
      throw new TemplateProblem('unknown-fact', String(id), placeOf(options), `No fact has the id ${JSON.stringify(String(id))}.`);
    }
    if (!ctx.used.includes(fact.id)) ctx.used.push(fact.id);
    return fact;
  };
  const statement = (fact: VerifiedFact) => {
    const note = fact.note ? ` *Caveat: ${fact.note.replace(/\s+/g, ' ')}*` : '';
    return new Handlebars.SafeString(`${fact.statement.replace(/\s+/g, ' ').trim()}[^${fact.id}]${note}`);
  };
  const helpers = {
    /** `{{fact "id"}}`: the fact's statement with its footnote, and its caveat if it has one. */
    fact(id: unknown, options: HelperOptions) {
      const fact = lookup(id, options);
      ctx.placed.add(fact.id);
      return statement(fact);
    },
    /** `{{point "id"}}`: like `fact`, for key points: the fact can still appear in a section. */
    point(id: unknown, options: HelperOptions) {
      return statement(lookup(id, options));
    },
    /** `{{cite "id"}}`: only the footnote marker of a fact. */
    cite(id: unknown, options: HelperOptions) {
      const fact = lookup(id, options);
      return new Handlebars.SafeString(`[^${fact.id}]`);
    },
    /** `{{quote "id"}}`: the fact's first quoted passage, in quotation marks, with its footnote. */
    quote(id: unknown, options: HelperOptions) {
      const fact = lookup(id, options);
      const text = fact.citations[0]?.quote.replace(/\s+/g, ' ').trim() ?? '';
      return new Handlebars.SafeString(`“${text}”[^${fact.id}]`);
    },
    /**
     * `(facts topic="…" tag="…" year=2010 source="tip-2011" fresh=true)`: the facts of a brief
     * (default: this one), optionally with a tag, a year or a cited source; `fresh=true` leaves
     * out facts already stated with `fact`. In time order (undated last), then file order.
     */
    facts(options: HelperOptions): FactView[] {
      const hash = options.hash as { topic?: unknown; tag?: unknown; year?: unknown; source?: unknown; fresh?: unknown };
      const topic = typeof hash.topic === 'string' ? hash.topic : ctx.briefId;
      return [...ctx.facts.values()]
        .filter((fact) => fact.topics.includes(topic))
        .filter((fact) => (hash.fresh === true ? !ctx.placed.has(fact.id) : true))
        .filter((fact) => (typeof hash.source === 'string' ? fact.citations.some((c) => c.source === hash.source) : true))
        .filter((fact) => (typeof hash.tag === 'string' ? fact.tags.includes(hash.tag) : true))
        .filter((fact) => (hash.year === undefined ? true : fact.year === Number(hash.year)))
        .sort(byTime)
        .map(view);
    },
    /** `(years topic="…")`: the years that facts of a brief describe, ascending. */
    years(options: HelperOptions): number[] {
      const hash = options.hash as { topic?: unknown };
      const topic = typeof hash.topic === 'string' ? hash.topic : ctx.briefId;
      const years = [...ctx.facts.values()]
        .filter((fact) => fact.topics.includes(topic) && fact.year !== undefined)
        .map((fact) => fact.year as number);
      return [...new Set(years)].sort((a, b) => a - b);
    },
    /** `{{formatDate "2011-06-27"}}` → 27 June 2011. */
    formatDate(value: unknown, options: HelperOptions) {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new TemplateProblem('template-render', String(value), placeOf(options), `formatDate needs a date such as "2011-06-27", not ${JSON.stringify(value)}.`);
      }
      return formatIsoDate(String(value));
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
export const helperNames = ['fact', 'point', 'cite', 'quote', 'facts', 'years', 'formatDate', 'sourceTitle', 'eq'] as const;
