import { describe, expect, it } from 'vitest';
import { locateInStatement } from '../../../src/facts/index.js';
import { inQuotationMarks } from '../../../src/facts/verify-quotes.js';
import { fold } from '../../../src/ingest/index.js';

describe('locateInStatement', () => {
  const statement = 'Koha counts 12 raids and, later, 12 arrests in one hundred ninety-four towns.';
  // As facts.yaml writes it: a folded block from line 20, `>-` at column 14.
  const statementSource = '>-\n    Koha counts 12 raids and, later, 12 arrests in one hundred\n    ninety-four towns.\n';
  const fact = { statement, statementSource, statementPlace: { line: 20, column: 14, offset: 500 }, place: { line: 18, column: 3 } };

  it('should find the same occurrence of the words on their own line of the folded block', () => {
    const second = statement.lastIndexOf('12');
    expect(locateInStatement(fact, second, second + 2)).toEqual({ line: 21, column: 38, offset: 500 + statementSource.lastIndexOf('12') });
  });

  it('should find words the block breaks across two lines at the first of them', () => {
    const start = statement.indexOf('one hundred');
    const end = statement.indexOf(' towns');
    expect(locateInStatement(fact, start, end)).toMatchObject({ line: 21, column: 52 });
  });

  it('should fall back to the statement, then the entry, where the source writes the words otherwise', () => {
    expect(locateInStatement({ ...fact, statementSource: '"Koha counts \\x31\\x32 raids"' }, 12, 14)).toEqual(fact.statementPlace);
    expect(locateInStatement({ statement, place: fact.place }, 12, 14)).toEqual(fact.place);
  });
});

describe('inQuotationMarks', () => {
  const paragraph = fold('It stated that most victims are girls. “During the reporting period, authorities identified children,” the report states. It ranks Kosovo as a \'Tier 2\' country.');
  const at = (passage: string) => {
    const start = paragraph.indexOf(fold(passage));
    return inQuotationMarks(paragraph, start, start + fold(passage).length);
  };

  it('should tell a passage the source sets in quotation marks (or that holds some) from one it paraphrases', () => {
    expect(at('authorities identified children')).toBe(true);
    expect(at('It ranks Kosovo as a \'Tier 2\' country.')).toBe(true);
    expect(at('It stated that most victims are girls.')).toBe(false);
    expect(at('the report states.')).toBe(false);
  });
});
