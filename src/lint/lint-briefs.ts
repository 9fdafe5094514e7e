import type { VFileMessage } from 'vfile-message';
import { findDroppedAttributions } from './attribution.js';
import { checkFigures } from './figure-checks.js';
import { findDroppedQualifiers } from './qualifiers.js';
import { findQuotesWithoutQuotation } from './quotation-word.js';
import type { LintInput } from './types.js';
import { findStaleKeyPoints } from './stale-key-points.js';
import { findUncitedParagraphs } from './uncited-paragraphs.js';

/**
 * Warnings (never errors) about the curated content: brief paragraphs without a note, figures without a period, and statements that drop their
 * quote's attribution or qualifier or say "quotes" of a paraphrase. Facts warnings point into
 * facts.yaml; paragraph warnings into the brief's template. Call it on the Markdown of the
 * briefs, before it becomes HTML.
 */
export function lintBriefs(input: LintInput): VFileMessage[] {
  return [
    ...checkFigures(input),
    ...findDroppedAttributions(input),
    ...findDroppedQualifiers(input),
    ...findQuotesWithoutQuotation(input),
    ...findUncitedParagraphs(input),
    ...findStaleKeyPoints(input),
  ].sort(
    (a, b) => String(a.file).localeCompare(String(b.file)) || (a.line ?? 0) - (b.line ?? 0),
  );
}
