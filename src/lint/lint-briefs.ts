import type { VFileMessage } from 'vfile-message';
import { checkFigures } from './figure-checks.js';
import type { LintInput } from './types.js';
import { findUncitedParagraphs } from './uncited-paragraphs.js';
import { findUnusedFacts } from './unused-facts.js';

/**
 * Warnings (never errors) about the curated content: facts a brief they name does not use,
 * brief paragraphs without a note, figures without a period or whose value no quote states.
 * Facts warnings point into facts.yaml; paragraph warnings into the brief's template. Call it
 * on the Markdown of the briefs, before it becomes HTML.
 */
export function lintBriefs(input: LintInput): VFileMessage[] {
  return [...findUnusedFacts(input), ...checkFigures(input), ...findUncitedParagraphs(input)].sort(
    (a, b) => String(a.file).localeCompare(String(b.file)) || (a.line ?? 0) - (b.line ?? 0),
  );
}
