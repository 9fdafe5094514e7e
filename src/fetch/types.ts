import type { FetchRecord } from './archive.js';
import type { QuoteDrift } from './drift.js';
import type { Redirect, Validators } from './http-get.js';

/**
 * Where a source's pin stands after a fetch:
 * - `current`: the live copy is the pinned one;
 * - `moved`: every quote verified in a new version and the pin moved to it;
 * - `pending`: every quote verifies in a new version; `--accept` (or `accept: auto`) moves the pin;
 * - `held`: a quote broke in the new version, so the pin stays where it is.
 */
export type PinState = 'current' | 'moved' | 'pending' | 'held';

/** What `briefs fetch` found for one watched source. */
export interface SourceDrift {
  readonly id: string;
  /** The address fetched. */
  readonly url: string;
  /** Line of the entry in sources.yaml. */
  readonly line: number;
  /** The copy the briefs cite (as sources.yaml named it before this fetch). */
  readonly pinned: { readonly file: string; readonly digest: string; readonly accessed?: string };
  /** ISO time of the check (for a skipped source, of the last one). */
  readonly checked: string;
  /** What the fetch gave: `unchanged` (304, or the same bytes), `changed`, `failed`, or `skipped` (checked within `every`). */
  readonly result: 'unchanged' | 'changed' | 'failed' | 'skipped';
  /** One line for people: `304 Not Modified`, `HTTP 500 after 3 tries` … */
  readonly detail: string;
  readonly http?: { readonly status?: number; readonly tries: number; readonly redirects: readonly Redirect[]; readonly problem?: string };
  /** The validators of the live version, for the next conditional request. */
  readonly validators?: Validators;
  /** Digest of the newest version seen upstream (the pin's own when they are the same). */
  readonly liveDigest?: string;
  /** The archived newest version, when it differs from the pin. */
  readonly live?: FetchRecord;
  readonly pin: PinState;
  /** Every quote citing the source, checked against the live version (empty when it is the pin). */
  readonly quotes: readonly QuoteDrift[];
}

/** A document of a yearly series found upstream that no entry of sources.yaml names yet. */
export interface NewDocument {
  /** The id it is archived under (`tip-2027`). */
  readonly id: string;
  /** The entry whose `fetch.series` declares the series. */
  readonly of: string;
  readonly year: number;
  readonly url: string;
  readonly file: string;
  readonly fetched: string;
  /** Found by this run (else an earlier one, still not curated). */
  readonly found: boolean;
}

/** A year of a series that could not be checked (not a missing year: that is only "not yet"). */
export interface SeriesFailure {
  readonly of: string;
  readonly year: number;
  readonly url: string;
  readonly reason: string;
}

/** The drift report: `output/source-drift.json`, and what SOURCE-DRIFT.md says. */
export interface DriftReport {
  /** ISO time of the run. */
  readonly generated: string;
  readonly sources: readonly SourceDrift[];
  readonly newDocuments: readonly NewDocument[];
  readonly seriesFailures: readonly SeriesFailure[];
  readonly summary: {
    readonly checked: number;
    readonly changed: number;
    readonly failed: number;
    readonly skipped: number;
    /** Quotes that no longer verify in a live version. */
    readonly brokenQuotes: number;
    readonly moved: readonly string[];
    readonly pending: readonly string[];
    readonly held: readonly string[];
  };
}
