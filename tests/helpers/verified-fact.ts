import type { VerifiedFact } from '../../src/facts/index.js';

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
  };
}
