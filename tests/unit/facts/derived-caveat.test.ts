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
    const text = prose([fact('a', { derived }), fact('b', { derived }), fact('c')], createNoteMarks(emptyLedger()));
    expect(text).toBe('Statement of a.[^a] *Derived: The summary names no year; 2016 is the report that covers 2015.* Statement of b.[^b] Statement of c.[^c]');
  });
});
