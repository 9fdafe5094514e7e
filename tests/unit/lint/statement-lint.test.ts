import { describe, expect, it } from 'vitest';
import { lintBriefs, type LintFact } from '../../../src/lint/index.js';

const factsPath = '/project/sources/facts.yaml';

/** A fact whose statement facts.yaml writes on one line: `statement: …` at line 20, the value at column 14. */
function fact(id: string, statement: string, quotes: readonly (string | { quote: string; inQuotationMarks: boolean })[]): LintFact {
  return {
    id,
    topics: ['brief-a'],
    statement,
    statementPlace: { line: 20, column: 14 },
    statementSource: statement,
    citations: quotes.map((quote) => (typeof quote === 'string' ? { quote } : quote)),
    place: { line: 18, column: 3 },
  };
}

const lint = (...facts: LintFact[]) => lintBriefs({ facts: new Map(facts.map((item) => [item.id, item])), factsPath, briefs: [] });
const columnOf = (statement: string, word: string) => 14 + statement.indexOf(word);

describe('lintBriefs: attribution', () => {
  const quote = 'Nonetheless, the police reported continued difficulties in staffing available positions with minority, ethnic Serbian law enforcement officers.';

  it('should warn where "the police reported continued difficulties" becomes "police had continued difficulties"', () => {
    const statement = 'The 2011 TIP report states that police had continued difficulties in staffing positions with ethnic Serbian officers.';
    const messages = lint(fact('staffing', statement, [quote]));
    expect(messages.map((message) => [message.ruleId, message.line, message.column, message.fatal, message.file])).toEqual([
      ['attribution-dropped', 20, columnOf(statement, 'police'), false, factsPath],
    ]);
    expect(messages[0]?.message).toMatch(/^The statement of fact "staffing" states what its quote attributes \("the police reported"\) without saying who said it\.$/);
  });

  it('should not count the statement\'s own frame ("The 2011 TIP report notes …") as the attribution', () => {
    const statement = 'The 2011 TIP report notes continued police difficulty in staffing positions with ethnic Serbian officers.';
    expect(lint(fact('staffing', statement, [quote])).map((message) => message.ruleId)).toEqual(['attribution-dropped']);
  });

  it('should accept a statement that keeps the reporting verb, inside its frame or with "according to"', () => {
    for (const statement of [
      'The 2011 TIP report states that the police reported continued difficulties in staffing positions with ethnic Serbian officers.',
      'According to the police, cited by the 2011 TIP report, staffing positions with ethnic Serbian officers remained difficult.',
    ]) {
      expect(lint(fact('staffing', statement, [quote])), statement).toEqual([]);
    }
  });

  it('should warn where the statement no longer names who said it, unless another attribution stands in its place', () => {
    const concern = 'Nevertheless, international experts expressed concerns that there were insufficient care and rehabilitation options for child victims of trafficking who did not want to return to their families.';
    const dropped = 'The 2011 TIP report found care insufficient for child victims who did not want to return to their families.';
    const kept = 'The 2011 TIP report states that observers said care was insufficient for child victims who did not want to return to their families.';
    const messages = lint(fact('dropped', dropped, [concern]), fact('kept', kept, [concern]));
    expect(messages.map((message) => [message.ruleId, message.message.match(/fact "([^"]+)"/)?.[1], message.column])).toEqual([['attribution-dropped', 'dropped', 14]]);
    expect(messages[0]?.message).toMatch(/\("international experts expressed concerns"\)/);
  });

  it('should pass over what the report says in its own voice ("It stated", "According to the State Department")', () => {
    const statement = 'Koha\'s summary states that most sex trafficking victims are girls and that corruption enables some trafficking crimes.';
    const quotes = ['It stated that most sex trafficking victims in Kosovo are girls.', 'According to the State Department, government corruption creates an environment that enables some trafficking crimes.'];
    expect(lint(fact('own-voice', statement, quotes))).toEqual([]);
  });

  it('should pass over a statement that does not repeat what the quote attributes', () => {
    const statement = 'The 2011 TIP report states that the police conducted 194 investigations.';
    expect(lint(fact('other', statement, ['In 2010, Kosovo authorities conducted 194 investigations.', quote]))).toEqual([]);
  });
});

describe('lintBriefs: qualifiers', () => {
  it('should warn where "over 300 bars" becomes "300 bars", at the number', () => {
    const statement = 'According to the 2011 TIP report, the government raided 300 bars and cafes.';
    const messages = lint(fact('raids', statement, ['This year, in conducting raids of over 300 bars and cafes, the government officially identified only 39 victims.']));
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['qualifier-dropped', 20, columnOf(statement, '300')]]);
    expect(messages[0]?.message).toMatch(/^The statement of fact "raids" says "300 bars" where its quote says "over 300 bars"\.$/);
  });

  it('should accept another qualifier of the same meaning, and no other', () => {
    const quote = 'The section\'s elevated status included an approximate 50 percent increase in law enforcement officers.';
    expect(lint(fact('about', 'Officers increased by about 50 percent.', [quote]))).toEqual([]);
    expect(lint(fact('over', 'Officers increased by over 50 percent.', [quote])).map((message) => message.ruleId)).toEqual(['qualifier-dropped']);
  });

  it('should not mistake another thing counted by the same number for the qualified one', () => {
    const quote = 'two received sentences of three years, one received a sentence of more than one year, and one received a sentence of three months.';
    expect(lint(fact('sentences', 'Two offenders got three years, one over a year and one three months.', [quote]))).toEqual([]);
  });

  it('should warn where "including Moldova, Albania, Poland, and Serbia" becomes a complete list', () => {
    const quote = 'Most foreign victims of forced prostitution are young women from Eastern Europe including Moldova, Albania, Poland, and Serbia.';
    const statement = 'The 2011 TIP report states that most foreign victims of forced prostitution were young women from Moldova, Albania, Poland and Serbia.';
    const messages = lint(fact('profile', statement, [quote]));
    expect(messages.map((message) => [message.ruleId, message.column])).toEqual([['qualifier-dropped', columnOf(statement, 'Moldova')]]);
    expect(messages[0]?.message).toMatch(/says "Moldova, Albania, Poland and Serbia" where its quote says "including Moldova, Albania, Poland, and Serbia"/);
    for (const open of ['young women from Eastern Europe, including Moldova, Albania, Poland and Serbia', 'young women from countries such as Moldova, Albania, Poland and Serbia']) {
      expect(lint(fact('profile', `The 2011 TIP report states that most foreign victims of forced prostitution were ${open}.`, [quote])), open).toEqual([]);
    }
  });

  it('should warn where a list the quote opens with "including" becomes the whole of something', () => {
    const quote = 'The Government of Kosovo demonstrated strong prevention efforts this year, including creative, broad-impact public awareness raising campaigns and strengthened national coordination activities.';
    const statement = 'The 2011 TIP report called prevention very strong: broad-impact awareness campaigns and strengthened national coordination.';
    expect(lint(fact('prevention', statement, [quote])).map((message) => [message.ruleId, message.column])).toEqual([['qualifier-dropped', columnOf(statement, 'broad')]]);
    expect(lint(fact('prevention', statement.replace(': ', ', including '), [quote]))).toEqual([]);
  });

  it('should warn where "most foreign victims" becomes "foreign victims"', () => {
    const quote = 'Most foreign victims of forced prostitution are young women from Eastern Europe.';
    const messages = lint(fact('most', 'The report states that foreign victims of forced prostitution were young women from Eastern Europe.', [quote]));
    expect(messages.map((message) => message.ruleId)).toEqual(['qualifier-dropped']);
    expect(messages[0]?.message).toMatch(/says "foreign victims" where its quote says "Most foreign victims"/);
  });
});

describe('lintBriefs: "quotes"', () => {
  it('should warn where a statement says the source quotes and no quote is in quotation marks in the source', () => {
    const statement = 'Koha\'s summary quotes the report as saying that corruption enables some trafficking crimes.';
    const quote = { quote: 'According to the State Department, government corruption creates an environment that enables some trafficking crimes.', inQuotationMarks: false };
    const messages = lint(fact('koha', statement, [quote]));
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['quotes-without-quotation', 20, columnOf(statement, 'quotes')]]);
    expect(messages[0]?.message).toMatch(/^The statement of fact "koha" says "quotes", but none of its quotes stands in quotation marks in its source\.$/);
  });

  it('should accept "quotes" where the source sets a quote in quotation marks, or the quote holds some', () => {
    const statement = 'Koha\'s summary quotes the report as saying that convictions fell to a five-year low.';
    expect(lint(fact('enclosed', statement, [{ quote: 'Convictions decreased to a five-year low.', inQuotationMarks: true }]))).toEqual([]);
    expect(lint(fact('holds', statement, ['The report said that "convictions decreased to a five-year low"']))).toEqual([]);
  });
});
