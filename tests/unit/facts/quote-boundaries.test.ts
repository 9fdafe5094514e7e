import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundedOccurrences, loadFacts, verifyQuotes } from '../../../src/facts/index.js';
import { fold, readSources } from '../../../src/ingest/index.js';
import { lineOf, makeProject, type TempProject } from '../../helpers/project.js';

describe('boundedOccurrences', () => {
  it('should not find words cut from longer words or numbers', () => {
    expect(boundedOccurrences('there were insufficient care options', 'sufficient care options')).toEqual([]);
    expect(boundedOccurrences('the authorities trained 323 officials', 'the authorities trained 32')).toEqual([]);
    expect(boundedOccurrences('a fine of 1,500 euros', '500 euros')).toEqual([]);
    expect(boundedOccurrences('rose by 3.5 percent', 'rose by 3')).toEqual([]);
  });

  it('should find whole words and numbers, and a quote that starts or ends with punctuation', () => {
    expect(boundedOccurrences('the authorities trained 323 officials.', 'trained 323 officials')).toEqual([16]);
    expect(boundedOccurrences('he said: "progress was slow".', '"progress was slow".')).toEqual([9]);
    expect(boundedOccurrences('one two, one two', 'one two')).toEqual([0, 9]);
  });

  // Documents of words and numbers: a quote cut at word boundaries is always found; one cut
  // inside a word or a number at either end never is (unless those words also occur whole).
  const token = fc.oneof(fc.stringMatching(/^[a-z]{2,8}$/), fc.integer({ min: 10, max: 99_999 }).map(String));
  const document = fc.array(token, { minLength: 6, maxLength: 40 });

  it('should always find a passage cut from a document at word boundaries', () => {
    fc.assert(
      fc.property(document, fc.nat(), fc.nat(), (words, a, b) => {
        const start = a % words.length;
        const end = start + 1 + (b % (words.length - start));
        const text = words.join(' ');
        const quote = words.slice(start, end).join(' ');
        expect(boundedOccurrences(text, quote).length).toBeGreaterThan(0);
      }),
    );
  });

  it('should never find a passage cut inside a word or a number', () => {
    fc.assert(
      fc.property(document, fc.nat(), fc.nat(), fc.boolean(), (words, a, b, cutStart) => {
        const start = a % words.length;
        const end = start + 1 + (b % (words.length - start));
        const text = words.join(' ');
        const whole = words.slice(start, end).join(' ');
        // Cut one character off the first word's front, or the last word's end.
        const quote = cutStart ? whole.slice(1) : whole.slice(0, -1);
        const cutWord = cutStart ? words[start]!.slice(1) : words[end - 1]!.slice(0, -1);
        // The cut word may be a whole word elsewhere in the document: then it is rightly found.
        fc.pre(!words.includes(cutWord) && quote.length > 0);
        expect(boundedOccurrences(text, quote)).toEqual([]);
      }),
    );
  });
});

describe('verifyQuotes on word boundaries and repeated passages', () => {
  let project: TempProject;
  const document = `The report found that international experts expressed concerns that there were insufficient care and reintegration options.

The Kosovo police trained 323 customs and border officials in December.

The government continued to fund the shelters for victims of trafficking.

The government continued to fund the shelters for victims of trafficking.
`;
  const facts = (citation: string, extra = '') => `- id: demo-fact
  topics: [legal-framework]${extra}
  statement: A statement.
  citations:
    - source: demo
      ${citation}
`;

  beforeEach(async () => {
    project = await makeProject();
    await project.write('sources/sources.yaml', '- id: demo\n  file: documents/demo.txt\n  type: report\n  title: Demo report\n');
    await project.write('sources/documents/demo.txt', document);
  });
  afterEach(() => project.remove());

  async function verify(text: string) {
    await project.write('sources/facts.yaml', text);
    const sources = await readSources(project.path('sources'));
    const factsFile = await loadFacts(project.path('sources', 'facts.yaml'));
    const verified = verifyQuotes(factsFile.facts, sources.docs, factsFile.file);
    return { verified, messages: factsFile.file.messages };
  }

  it('should refuse a quote that starts inside a word, and say that it does', async () => {
    const { messages } = await verify(facts('quote: "sufficient care and reintegration options"'));
    expect(messages.map((message) => message.ruleId)).toEqual(['quote-not-found']);
    expect(messages[0]!.note).toMatch(/begins or ends inside a word or a number/);
  });

  it('should refuse a quote that ends inside a number', async () => {
    const { messages } = await verify(facts('quote: "The Kosovo police trained 32"'));
    expect(messages.map((message) => message.ruleId)).toEqual(['quote-not-found']);
  });

  it('should refuse a quote of fewer than five words unless the fact says why', async () => {
    const short = facts('quote: "insufficient care and reintegration"');
    const refused = await verify(short);
    expect(refused.messages.map((message) => [message.ruleId, message.line])).toEqual([['quote-few-words', lineOf(short, 'quote:')]]);
    expect(refused.messages[0]!.reason).toBe('The quote "insufficient care and reintegration" of fact "demo-fact" has 4 words; a quote needs at least 5 to show what the source says.');
    const said = await verify(facts('quote: "insufficient care and reintegration"', '\n  short-quote: The source says no more than this.'));
    expect(said.messages).toEqual([]);
  });

  it('should ask for a locator when a quote is in two paragraphs, and take the one the locator names', async () => {
    const quote = 'quote: "The government continued to fund the shelters"';
    const ambiguous = await verify(facts(quote));
    expect(ambiguous.messages.map((message) => message.ruleId)).toEqual(['quote-ambiguous']);
    expect(ambiguous.messages[0]!.reason).toBe('The quote of fact "demo-fact" is in source "demo" more than once: ¶ 3, ¶ 4.');
    const second = await verify(facts(`${quote}\n      locator: ¶ 4`));
    expect(second.messages).toEqual([]);
    expect(second.verified.get('demo-fact')!.citations[0]!.match.paragraph).toBe(4);
    const wrong = await verify(facts(`${quote}\n      locator: ¶ 2`));
    expect(wrong.messages.map((message) => message.reason)).toEqual(['Fact "demo-fact" gives the locator "¶ 2", but the quote is in ¶ 3 or ¶ 4.']);
  });

  it('should still fold quote marks and white space at the boundaries', async () => {
    expect(fold('“insufficient')).toBe('"insufficient');
    const { messages } = await verify(facts('quote: "international experts expressed concerns that there were insufficient care"'));
    expect(messages).toEqual([]);
  });
});
