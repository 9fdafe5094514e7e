import { loadCollection } from '../../src/collection/load-collection.js';
import type { VerifiedFact } from '../../src/facts/index.js';
import { collectionRoot } from './project.js';

/** The metrics of the Kosovo collection (its briefs.yaml), as facts get them when they load. */
export const kosovoMetrics = loadCollection(collectionRoot).collection.metrics;

/**
 * A verified fact for tests: a statement and one citation of a made-up source (`test-source`
 * unless `source` says otherwise), at `line` of facts.yaml; `extra` overrides any field.
 */
export function verifiedFact(id: string, extra: Partial<VerifiedFact> = {}, where: { readonly line?: number; readonly source?: string } = {}): VerifiedFact {
  const line = where.line ?? 1;
  return {
    id,
    topics: ['tip-assessment'],
    tags: [],
    statement: `Statement of ${id}.`,
    citations: [
      {
        source: where.source ?? 'test-source',
        quote: `Quote of ${id}.`,
        place: { line, column: 1 },
        sourceDigest: 'x',
        match: { paragraph: 1, line: 1, start: 0, end: 5, textStart: 0, textEnd: 5, locator: { label: 'paragraph', value: '1' } },
      },
    ],
    place: { line, column: 3 },
    ...extra,
    // A figure carries what its metric is called, as attachMetrics gives it from briefs.yaml.
    ...(extra.figure ? { figure: { about: kosovoMetrics.get(extra.figure.metric) ?? { label: extra.figure.metric, unit: extra.figure.unit ?? '' }, ...extra.figure } } : {}),
  };
}
