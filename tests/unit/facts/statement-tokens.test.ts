import { describe, expect, it } from 'vitest';
import { keysStatedBy, numbersIn, tokensIn } from '../../../src/facts/statement-tokens.js';

const keys = (text: string) => tokensIn(text).map((token) => token.key);

describe('tokensIn', () => {
  it('should read a number in digits and in words as the same value', () => {
    expect(keys('194 investigations')).toEqual(['number:194']);
    expect(keys('one hundred ninety-four investigations')).toEqual(['number:194']);
    expect(keys('nine shelters, twenty-five offenders, one hundred and five raids')).toEqual(['number:9', 'number:25', 'number:105']);
    expect(keys('nearly one hundred children, more than one million subscribers, a million, 1 million')).toEqual([
      'number:100',
      'number:1000000',
      'number:1000000',
      'number:1000000',
    ]);
  });

  it('should read an amount of money by its currency, whichever way it is written', () => {
    expect(keys('€500,000, 500,000 euros and EUR 500,000')).toEqual(['money:EUR:500000', 'money:EUR:500000', 'money:EUR:500000']);
    expect(keys('$216,234, 216,234 US dollars and US$4.35 million')).toEqual(['money:USD:216234', 'money:USD:216234', 'money:USD:4350000']);
  });

  it('should read a percentage written with a sign, as "percent" or as "per cent"', () => {
    expect(keys('60%, 60 percent, sixty per cent')).toEqual(['percent:60', 'percent:60', 'percent:60']);
  });

  it('should read a date in any of its forms as one token, and a month with its year', () => {
    expect(keys('27 June 2011, June 27, 2011 and 2011-06-27')).toEqual(['date:2011-06-27', 'date:2011-06-27', 'date:2011-06-27']);
    expect(keys('in January 2013, on September 2013, Sept. 2013')).toEqual(['month:2013-01', 'month:2013-09', 'month:2013-09']);
    // "may" and "march" are verbs: only the capitalised names are months.
    expect(keys('it may 2010 march')).toEqual(['number:2010']);
  });

  it('should tell a year from a count: four digits from 1900 to 2100, without a comma', () => {
    expect(tokensIn('in 2010, 2,010 victims, 1850 raids').map((token) => token.kind)).toEqual(['year', 'number', 'number']);
  });

  it('should read "Tier 2 Watch List" as a tier of its own, never as "Tier 2"', () => {
    expect(keys('Kosovo (Tier 2); Tier 2 Watch List; TIER 3')).toEqual(['tier:Tier 2', 'tier:Tier 2 Watch List', 'tier:Tier 3']);
  });

  it('should read each article of "Articles 137 and 139" as a token of its own', () => {
    const tokens = tokensIn('Articles 137 and 139 of the 2004 criminal code; Article 171');
    expect(tokens.map((token) => [token.key, token.text])).toEqual([
      ['article:137', 'Article 137'],
      ['article:139', 'Article 139'],
      ['number:2004', '2004'],
      ['article:171', 'Article 171'],
    ]);
  });

  it('should read ordinals from "third" up, and leave "first", "second" and the pronoun "one" alone', () => {
    expect(keys('for the fifth year, the 21st, at first, a second, no one, one another')).toEqual(['ordinal:5', 'ordinal:21']);
  });

  it('should give each token its offsets in the text', () => {
    const [token] = tokensIn('It conducted 195 investigations.');
    expect(token).toMatchObject({ text: '195', start: 13, end: 16 });
  });

  it('should not read digits in link targets, HTML attributes or URLs', () => {
    expect(keys('[the page](https://example.org/2011/1) <img src="http://127.0.0.1:8080/x.png"> see https://a.b/7 and 12 more')).toEqual(['number:12']);
  });
});

describe('keysStatedBy', () => {
  it('should say that a date states its month and year, and an article its number', () => {
    const stated = keysStatedBy('Publication Date 27 June 2011, under Article 171');
    for (const key of ['date:2011-06-27', 'month:2011-06', 'number:2011', 'article:171', 'number:171']) expect(stated.has(key)).toBe(true);
  });

  it('should read "no" and "none" as zero', () => {
    expect(keysStatedBy('No labor trafficking offenders were convicted this year.').has('number:0')).toBe(true);
    expect(keysStatedBy('Eleven convictions.').has('number:0')).toBe(false);
  });
});

describe('numbersIn', () => {
  it('should keep reading every number a passage states, as the lint did', () => {
    expect([...numbersIn('In total, the government provided $216,234 for victim care; 60% were children.')]).toEqual(expect.arrayContaining([216234, 60]));
    expect(numbersIn('a shelter').has(1)).toBe(false);
  });
});
