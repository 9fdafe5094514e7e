import { z } from 'zod';
// Straight from its module: the yaml folder's index loads the YAML parser, which a no-op build never needs.
import { isoDateSchema } from '../yaml/iso-date.js';
import type { MetricInfo } from './metrics.js';

const kebab = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');

const isoDate = isoDateSchema;

/** A citation of a fact: a verbatim passage of one source document. */
export const citationSchema = z.strictObject({
  /** The id of the document in sources.yaml. */
  source: kebab,
  /** The passage, verbatim; only white space, quote marks and dashes may differ. */
  quote: z.string().trim().min(8, 'quote at least a few words so the passage can be found'),
  /** Where in the document, e.g. `¶ 12` (`p. 12` in a PDF). Optional: the build finds it itself. */
  locator: z
    .string()
    .regex(/^(¶\s*\d+|pp?\.\s*[\divxlc]+)$/i, 'write the locator as "¶ 12", or "p. 12" in a PDF (or leave it out: the build finds it)')
    .optional(),
});

const year = z.number().int().min(1900).max(2100);

/** The tiers of the US Trafficking in Persons report. */
export const tiers = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3'] as const;

/** A fact that comes from a US Trafficking in Persons (TIP) report, directly or through a summary. */
export const tipSchema = z.strictObject({
  /** The year of the report (its edition): the report published in June 2011 is 2011. */
  report: year,
  /** The calendar year the report covers, where this fact shows it (the 2011 report covers 2010). */
  covers: year.optional(),
  /** The tier the report places Kosovo in, where this fact states it. */
  tier: z.enum(tiers).optional(),
});

/** `2010`, a range `2017-2021`, or `unstated` where the source gives no period (say so in `note`). */
const period = z.union([
  year,
  z.string().regex(/^\d{4}-\d{4}$/, 'write a range of years as 2017-2021'),
  z.literal('unstated'),
]);

/** A number a source gives (or, where it gives none, its words), in machine-readable form. */
export const figureSchema = z
  .strictObject({
    /** What is counted: one of the metrics the collection declares (`metrics:` in briefs.yaml). */
    metric: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'write the name of a metric declared in briefs.yaml, such as victims-identified'),
    /** The number the source states; leave out where it gives words only (`stated`). */
    value: z.number().nonnegative().optional(),
    /** Unit of `value`: a plural noun (`persons`, `border police officers` …), `USD`, `EUR` or `percent`. */
    unit: z
      .string()
      .regex(/^(USD|EUR|percent|[a-z][a-z -]*[a-z])$/, 'use a plural noun such as persons, or USD, EUR or percent')
      .optional(),
    /** Where the source hedges the number: `over 300`, `nearly one hundred` … */
    qualifier: z.enum(['over', 'more than', 'nearly', 'about', 'up to']).optional(),
    /** The source's words where it gives no number, such as `fewer than the previous year`. */
    stated: z.string().trim().min(1).optional(),
    /** The year (or years) the figure describes: the 2011 report's figures mostly describe 2010. */
    period: period.optional(),
  })
  .refine((figure) => (figure.value === undefined) !== (figure.stated === undefined), {
    message: 'give either `value` (the number the source states) or `stated` (its words where it gives no number)',
  })
  .refine((figure) => figure.value === undefined || figure.unit !== undefined, {
    message: 'a `value` needs a `unit`',
    path: ['unit'],
  });

/** Where a fact describes a legal instrument: one cell of the legal framework's table. */
export const lawSchema = z.strictObject({
  /** The instrument as the source names it, e.g. `2004 criminal code`; facts with the same name share a row. */
  instrument: z.string().trim().min(1),
  /** Articles the source names. */
  articles: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  /** Which column the fact fills: when it entered into force, what it prohibits (or covers), its penalties. */
  aspect: z.enum(['in-force', 'prohibits', 'covers', 'penalty']),
});

/** Where a fact reports what a named person or body said or claimed. */
export const speakerSchema = z.strictObject({
  /** Who: a person or a body, as the source names them. */
  name: z.string().trim().min(1),
  /** Their role or office, as the source gives it. */
  role: z.string().trim().min(1).optional(),
  /** When they said it, where the source gives it (YYYY, YYYY-MM or YYYY-MM-DD). */
  date: isoDate.optional(),
  /**
   * Their own words, verbatim from one of the fact's quotes: the brief sets them in quotation
   * marks. Leave out for reported speech (“X claimed that …”), which the brief never quotes.
   */
  words: z.string().trim().min(3).optional(),
});

/**
 * A statement's tokens (numbers, years, dates, tiers, articles) that no quote states in so many
 * words, because the curator derived them (the 2011 report's "reporting period" is 2010), and
 * why. The statement check passes over these tokens, and these only; the brief prints `why` as
 * a caveat ("Derived: …").
 */
export const derivedSchema = z.strictObject({
  /** The tokens as the statement writes them, e.g. `["2010"]`. */
  tokens: z
    .array(z.union([z.string().trim().min(1), z.number()]).transform(String))
    .min(1, 'name the tokens the curator derived, e.g. ["2010"]'),
  /** How they were derived, in a sentence a reader of the brief understands. */
  why: z.string().trim().min(1),
});

/** One fact of sources/facts.yaml. */
export const factSchema = z.strictObject({
  /** Unique kebab-case id, used by templates. */
  id: kebab,
  /** The briefs (template ids) the fact belongs to. */
  topics: z.array(kebab).min(1, 'name at least one brief'),
  /** Free labels templates select by, such as `penalty` or `figure`. */
  tags: z.array(kebab).default([]),
  /** The year the fact describes. */
  year: z.number().int().min(1900).max(2100).optional(),
  /** The exact date the fact belongs to, where a source gives one. */
  date: isoDate.optional(),
  /**
   * The fact describes something the source says is to come (a law to enter into force, a plan
   * to end): its `date` may then lie after the edition date. Without it such a date is refused.
   */
  planned: z.literal(true).optional(),
  /** The claim, in Markdown and neutral words. */
  statement: z.string().trim().min(1),
  /**
   * Why a quote of fewer than five words is enough here (a report's heading, "Kosovo (Tier 2)"):
   * without it such a quote is refused, since a few words verify little of a statement.
   */
  'short-quote': z.string().trim().min(1).optional(),
  /** One or more passages that support the statement. */
  citations: z.array(citationSchema).min(1, 'cite at least one passage'),
  /** A caveat shown with the fact: a conflict between sources, a garbled source … */
  note: z.string().trim().min(1).optional(),
  /** A short phrase for table cells and timelines, supported by the same quotes. */
  short: z.string().trim().min(1).optional(),
  /** Which TIP report the fact comes from, and what it says about the report itself. */
  tip: tipSchema.optional(),
  /** The number the fact states, for tables and charts. */
  figure: figureSchema.optional(),
  /** The legal instrument the fact describes, for the legal framework's table. */
  law: lawSchema.optional(),
  /** The person or body whose words or claim the fact reports. */
  speaker: speakerSchema.optional(),
  /** Tokens of the statement the curator derived rather than read in a quote, and why. */
  derived: derivedSchema.optional(),
  /**
   * Facts this one is known to disagree with (another tier for the same report, another
   * number for the same period): the disagreement is acknowledged, and the brief shows both.
   */
  conflicts: z.array(kebab).min(1).optional(),
});

/** The whole facts file: a list of facts. */
export const factsFileSchema = z.array(factSchema);

export type FactEntry = z.output<typeof factSchema>;
/** A figure; `about` (what its metric is called and counted in) is set from the collection once facts load. */
export type Figure = z.output<typeof figureSchema> & { readonly about?: MetricInfo };
export type TipInfo = z.output<typeof tipSchema>;
export type LawInfo = z.output<typeof lawSchema>;
export type Speaker = z.output<typeof speakerSchema>;
export type Derived = z.output<typeof derivedSchema>;
export type Tier = (typeof tiers)[number];
