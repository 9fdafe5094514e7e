import os from 'node:os';
import { z } from 'zod';
import type { Collection } from '../collection/schema.js';
import type { Locale } from '../locale/index.js';

/**
 * Where the printed brief gives the passages behind its notes: `annex` (short ones in the note,
 * long ones in an Evidence section at the end, by note number), `notes` (all in the notes) or
 * `none` (references only).
 */
export const evidencePlacements = ['annex', 'notes', 'none'] as const;
export type EvidencePlacement = (typeof evidencePlacements)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD');

/**
 * The build's configuration: one schema for the library API, the CLI flags and the docs.
 * Paths are resolved against `root`.
 */
export const configSchema = z.strictObject({
  /** The project directory; default: the current directory. */
  root: z.string().default(() => process.cwd()),
  /** The folder with sources.yaml, facts.yaml and documents/; default briefs.yaml's, else `sources`. */
  sources: z.string().optional(),
  /** The folder with briefs/ and what overrides the built-in partials/, layouts/, styles/ and csl/; default `templates`. */
  templates: z.string().optional(),
  /** Where the briefs are written; default `output`. */
  out: z.string().optional(),
  /** Brief ids to build; default: every template in templates/briefs/. */
  briefs: z.array(z.string()).default([]),
  /** What to write for each brief (html, pdf, docx); default html and pdf. */
  formats: z.array(z.enum(['html', 'pdf', 'docx'])).min(1).default(['html', 'pdf']),
  /** Paper size of the PDFs; default briefs.yaml's, else `a4`. */
  paper: z.enum(['a4', 'letter']).optional(),
  /** Where the notes of the PDFs go: at the foot of each page, or at the end; default footnotes. */
  notes: z.enum(['footnotes', 'endnotes']).optional(),
  /** Where the printed brief quotes the passages behind its notes; default annex (see EvidencePlacement). */
  evidence: z.enum(evidencePlacements).optional(),
  /** Pages rendered at once in the one browser; default: the number of cores. */
  concurrency: z.number().int().min(1).max(32).default(() => Math.max(1, Math.min(4, os.availableParallelism()))),
  /** CSL style file name in templates/csl/ or the built-in csl/ (without `.csl`); default briefs.yaml's, else Chicago notes. */
  citationStyle: z.string().optional(),
  /** CSL locale; default: the one the collection's language gives (`en-US` for English). */
  locale: z.string().optional(),
  /** Author written into each PDF and HTML; default briefs.yaml's `author`, organisation or title. */
  author: z.string().optional(),
  /** Edition date of the briefs (ISO); default `SOURCE_DATE_EPOCH` if set, else today (UTC). */
  edition: isoDay.optional(),
  /** Rebuild every output even if it is up to date; default false. */
  force: z.boolean().default(false),
  /** Print the plan (what would be rebuilt and why) and change nothing; default false. */
  dryRun: z.boolean().default(false),
  /** Also write the handout pack imposed for saddle-stitch printing (`<pack>-booklet.pdf`); default briefs.yaml's `pack.booklet`, else false. */
  booklet: z.boolean().optional(),
});

/** Options as a caller passes them. */
export type ConfigInput = z.input<typeof configSchema>;

/** The resolved configuration: absolute paths, every default filled, frozen. */
export type Config = Readonly<
  Omit<z.output<typeof configSchema>, 'edition' | 'sources' | 'templates' | 'out' | 'paper' | 'notes' | 'evidence' | 'citationStyle' | 'author' | 'locale' | 'booklet'> & {
    readonly sources: string;
    readonly templates: string;
    readonly out: string;
    readonly paper: 'a4' | 'letter';
    readonly notes: 'footnotes' | 'endnotes';
    readonly evidence: EvidencePlacement;
    /** Whether to write the handout pack as a saddle-stitch booklet too. */
    readonly booklet: boolean;
    readonly citationStyle: string;
    readonly author: string;
    readonly locale: string;
    /** The collection: briefs.yaml with every default filled. */
    readonly collection: Collection;
    /** The interface language (the collection's `lang`): messages, and dates, numbers and lists formatted in it. */
    readonly language: Locale;
    readonly edition: string;
    /** Whether the edition date was fixed (option or SOURCE_DATE_EPOCH) rather than today. */
    readonly editionPinned: boolean;
    /** Creation date written into PDFs when pinned (SOURCE_DATE_EPOCH or the edition at 00:00 UTC). */
    readonly pinnedDate: Date | undefined;
    readonly factsPath: string;
  }
>;
