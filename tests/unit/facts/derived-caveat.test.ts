import { describe, expect, it } from 'vitest';
import { createNoteMarks, emptyLedger } from '../../../src/compose/notes.js';
import { caveat, prose } from '../../../src/compose/statement.js';
import type { VerifiedFact } from '../../../src/facts/index.js';

/** A verified fact for tests: one citation of a made-up source. */
function fact(id: string, extra: Partial<VerifiedFact> = {}): VerifiedFact {
  return {
    id,
    topics: ['tip-assessment'],
    tags: [],
    statement: `Statement of ${id}.`,
    citations: [
      { source: 'test-source', quote: `Quote of ${id}.`, place: { line: 1, column: 1 }, sourceDigest: 'x', match: { paragraph: 1, line: 1, start: 0, end: 5, textStart: 0, textEnd: 5, locator: { label: 'paragraph', value: '1' } } },
    ],
    place: { line: 1, column: 1 },
    ...extra,
  };
}

const derived = { tokens: ['2016'], why: 'The summary names no year;\n  2016 is the report that covers 2015.' };

describe('the `derived` caveat', () => {
  it('should print why the curator derived a token, after the note, like the note', () => {
    expect(caveat(fact('a', { derived }))).toBe(' *Derived: The summary names no year; 2016 is the report that covers 2015.*');
    expect(caveat(fact('a', { derived, note: 'A note.' }))).toBe(' *Caveat: A note.* *Derived: The summary names no year; 2016 is the report that covers 2015.*');
    expect(caveat(fact('a'))).toBe('');
  });

  it('should print the same reason once in a paragraph of facts derived the same way', () => {
    const text = prose([fact('a', { derived }), fact('b', { derived }), fact('c')], createNoteMarks(emptyLedger()));
    expect(text).toBe('Statement of a.[^a] *Derived: The summary names no year; 2016 is the report that covers 2015.* Statement of b.[^b] Statement of c.[^c]');
  });
});
