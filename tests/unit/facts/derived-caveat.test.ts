import { describe, expect, it } from 'vitest';
import { createNoteMarks, emptyLedger } from '../../../src/compose/notes.js';
import { caveat, prose } from '../../../src/compose/statement.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import { verifiedFact } from '../../helpers/verified-fact.js';

const fact = (id: string, extra: Partial<VerifiedFact> = {}) => verifiedFact(id, extra);


const derived = { tokens: ['2016'], why: 'The summary names no year;\n  2016 is the report that covers 2015.' };

describe('the `derived` caveat', () => {
  it('should print why the curator derived a token, after the note, like the note', () => {
    expect(caveat(fact('a', { derived }))).toBe(' *Derived: The summary names no year; 2016 is the report that covers 2015.*');
    expect(caveat(fact('a', { derived, note: 'A note.' }))).toBe(' *Caveat: A note.* *Derived: The summary names no year; 2016 is the report that covers 2015.*');
    expect(caveat(fact('a'))).toBe('');
  });

  it('should print the same reason once in a paragraph of facts derived the same way', () => {
    // Facts of several sources: a note after each statement, the reason after the first.
    const text = prose(
      [verifiedFact('a', { derived }, { source: 'one' }), verifiedFact('b', { derived }, { source: 'two' }), verifiedFact('c', {}, { source: 'one' })],
      createNoteMarks(emptyLedger()),
    );
    expect(text).toBe('Statement of a.[^a] *Derived: The summary names no year; 2016 is the report that covers 2015.* Statement of b.[^b] Statement of c.[^c]');
  });

  it('should print the same reason once in a paragraph drawn from one source, whose one note is at its end', () => {
    const text = prose([fact('a', { derived }), fact('b', { derived }), fact('c')], createNoteMarks(emptyLedger()));
    expect(text).toBe('Statement of a. *Derived: The summary names no year; 2016 is the report that covers 2015.* Statement of b. Statement of c.[^a+b+c]');
  });

  // In a paragraph drawn from one source, the last statement carries the paragraph's note and
  // then its own caveat and reason (it was once written twice, and lost both).
  it('should print the caveat and the reason of the last statement of a one-source paragraph, after its note', () => {
    const ledger = emptyLedger();
    const text = prose([fact('a'), fact('b', { derived, note: 'A note.' })], createNoteMarks(ledger));
    expect(text).toBe('Statement of a. Statement of b.[^a+b] *Caveat: A note.* *Derived: The summary names no year; 2016 is the report that covers 2015.*');
    expect(ledger.noted).toEqual(new Set(['b']));
  });
});
