import type { Root } from 'mdast';
import type { Point } from 'unist';
import type { Figure, PlacedStatement } from '../facts/index.js';

/** What the lint reads of a citation. */
export interface LintCitation {
  readonly quote: string;
  /** Whether the source sets the passage (or part of it) in quotation marks, where known. */
  readonly inQuotationMarks?: boolean | undefined;
}

/** What the lint reads of a fact: loaded or verified facts both fit. */
export interface LintFact extends PlacedStatement {
  readonly id: string;
  readonly topics: readonly string[];
  readonly figure?: Figure | undefined;
  readonly citations: readonly LintCitation[];
  /** Its tags (subjects). */
  readonly tags?: readonly string[] | undefined;
  /** The TIP report it comes from, if any. */
  readonly tip?: { readonly report: number } | undefined;
  /** Position of the fact's entry in facts.yaml. */
  readonly place: Point;
  /** Position of its `figure`, if any. */
  readonly figurePlace?: Point | undefined;
}

/** What the lint reads of a rendered brief (the compose stage's BriefMarkdown fits). */
export interface LintBrief {
  readonly briefId: string;
  /** `path` is the template; `value` the Markdown (before it becomes HTML), unless `tree` is given. */
  readonly file: { readonly path: string; readonly value: unknown };
  /** The Markdown's syntax tree, when it has been parsed already (then `file.value` may be HTML). */
  readonly tree?: Root | undefined;
  /** Fact ids the brief uses. */
  readonly usedFacts: readonly string[];
  /** Template line of each Markdown line, if known. */
  readonly templateLines?: readonly number[] | undefined;
  /** Facts the template made key points (`point`). */
  readonly keyPoints?: readonly string[] | undefined;
}

/** What `lintBriefs` needs. */
export interface LintInput {
  /** The facts, with their places in facts.yaml. */
  readonly facts: ReadonlyMap<string, LintFact>;
  /** Path of facts.yaml: fact warnings point into it. */
  readonly factsPath: string;
  /** The briefs that were rendered, as Markdown (call before they become HTML). */
  readonly briefs: readonly LintBrief[];
}
