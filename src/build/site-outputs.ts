import { sourcePagePath } from '../ingest/anchors.js';
import { indexFile } from './plan.js';

/** The site's output names for a set of documents: the index, and one viewer page each. */
export function siteOutputs(sourceIds: readonly string[]): string[] {
  return [indexFile, ...sourceIds.map(sourcePagePath)];
}
