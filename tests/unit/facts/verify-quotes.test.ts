import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VFileMessage } from 'vfile-message';
import { loadFacts, verifyQuotes } from '../../../src/facts/index.js';
import { readSources } from '../../../src/ingest/index.js';
import { collectionRoot, lineOf, makeProject, type TempProject } from '../../helpers/project.js';

function only(messages: readonly VFileMessage[]): VFileMessage {
  expect(messages.map((message) => message.ruleId)).toHaveLength(1);
  return messages[0]!;
}

const bibliography = `- id: demo
  file: documents/demo.txt
  type: report
  title: Demo report
`;

// Curly quotes, an en dash, a line break and doubled spaces, as web copies have them.
const document = `= Demo report =

== Findings ==

The report calls Kosovo a “source,  destination and transit” country – for women
and children subjected to sex trafficking.

The government’s shelters were full in 2010; officials said they would open another.

A third paragraph about prosecutions and convictions in the courts of Kosovo.
`;

const factsWith = (citation: string): string => `- id: demo-fact
  topics: [legal-framework]
  statement: A statement.
  citations:
    - source: demo
      ${citation}
`;

describe('verifyQuotes', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await makeProject();
    await project.write('sources/sources.yaml', bibliography);
    await project.write('sources/documents/demo.txt', document);
  });

  afterEach(async () => {
    await project.remove();
  });

  async function verify(factsText: string) {
    await project.write('sources/facts.yaml', factsText);
    const sources = await readSources(project.path('sources'));
    expect(sources.messages).toEqual([]);
    const factsFile = await loadFacts(project.path('sources', 'facts.yaml'));
    expect(factsFile.file.messages).toEqual([]);
    const verified = verifyQuotes(factsFile.facts, sources.docs, factsFile.file);
    return { verified, messages: factsFile.file.messages, text: factsText };
  }

  it('should find a quote whose quote marks, dashes and white space differ from the document', async () => {
    const { verified, messages } = await verify(
      factsWith(`quote: 'calls Kosovo a "source, destination   and transit" country - for women and children'`),
    );
    expect(messages).toEqual([]);
    const citation = verified.get('demo-fact')?.citations[0];
    expect(citation?.match).toMatchObject({ paragraph: 1, line: 5 });
    expect(citation?.sourceDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should find a quote with a straight apostrophe where the document has a curly one', async () => {
    const { verified, messages } = await verify(factsWith(`quote: "The government's shelters were full in 2010"`));
    expect(messages).toEqual([]);
    expect(verified.get('demo-fact')?.citations[0]?.match).toMatchObject({ paragraph: 2, line: 8, start: 0 });
  });

  it('should record where the quote starts and ends in the folded paragraph', async () => {
    const { verified } = await verify(factsWith(`quote: "officials said they would open another"`));
    const match = verified.get('demo-fact')?.citations[0]?.match;
    const paragraph = 'The government\'s shelters were full in 2010; officials said they would open another.';
    expect(match).toEqual({
      paragraph: 2,
      line: 8,
      start: paragraph.indexOf('officials'),
      end: paragraph.indexOf('officials') + 'officials said they would open another'.length,
      textStart: paragraph.indexOf('officials'),
      textEnd: paragraph.indexOf('officials') + 'officials said they would open another'.length,
      locator: { label: 'paragraph', value: '2' },
    });
  });

  it('should report a quote with one word changed at its line in facts.yaml, with the closest passage', async () => {
    const { verified, messages, text } = await verify(factsWith(`quote: "The government's shelters were empty in 2010"`));
    const message = only(messages);
    expect(message.ruleId).toBe('quote-not-found');
    expect(message.line).toBe(lineOf(text, 'quote: "The government'));
    expect(message.column).toBe(14);
    expect(message.fatal).toBe(true);
    expect(message.reason).toMatch(/^The quote of fact "demo-fact" is not in source "demo"\.$/);
    expect(message.expected?.[0]).toMatch(/¶ 2\b/);
    expect(message.expected?.[0]).toContain('The government’s shelters were full in 2010');
    expect(message.actual).toBe("The government's shelters were empty in 2010");
    expect(verified.has('demo-fact')).toBe(false);
  });

  it('should not find a quote that runs across two paragraphs', async () => {
    const { verified, messages } = await verify(
      factsWith(`quote: "subjected to sex trafficking. The government's shelters were full"`),
    );
    expect(only(messages).ruleId).toBe('quote-not-found');
    expect(verified.size).toBe(0);
  });

  it('should not find a quote whose case differs from the document', async () => {
    const { messages } = await verify(factsWith(`quote: "the government's shelters were full in 2010"`));
    expect(only(messages).ruleId).toBe('quote-not-found');
  });

  it('should not find a quote in a heading', async () => {
    const { messages } = await verify(factsWith(`quote: "Findings The report calls Kosovo"`));
    expect(only(messages).ruleId).toBe('quote-not-found');
  });

  it('should find a quote copied verbatim from a document with a zero-width space', async () => {
    await project.write('sources/documents/demo.txt', 'The new anti\u200btrafficking law was passed in 2013.\n');
    const { messages } = await verify(factsWith(`quote: "The new anti\\u200btrafficking law was passed"`));
    expect(messages).toEqual([]);
  });

  it('should report a citation of an unknown source, listing the known ones', async () => {
    const text = `- id: demo-fact
  topics: [legal-framework]
  statement: A statement.
  citations:
    - source: nowhere
      quote: "The government's shelters were full"
`;
    const { verified, messages } = await verify(text);
    const message = only(messages);
    expect(message.ruleId).toBe('unknown-source');
    expect(message.line).toBe(lineOf(text, 'quote: "The government'));
    expect(message.column).toBe(14);
    expect(message.reason).toMatch(/^Fact "demo-fact" cites the source "nowhere", which is not in sources\.yaml \(known: demo\)\.$/);
    expect(verified.size).toBe(0);
  });

  it('should report a locator that disagrees with the ¶ the quote is in', async () => {
    const text = factsWith(`quote: "officials said they would open another"\n      locator: ¶ 3`);
    const { messages } = await verify(text);
    const message = only(messages);
    expect(message.ruleId).toBe('locator-mismatch');
    expect(message.line).toBe(lineOf(text, 'quote: "officials'));
    expect(message.column).toBe(14);
    expect(message.reason).toMatch(/gives the locator "¶ 3", but the quote is in ¶ 2/);
  });

  it('should accept a locator that agrees with the ¶ the quote is in', async () => {
    const { verified, messages } = await verify(factsWith(`quote: "officials said they would open another"\n      locator: ¶ 2`));
    expect(messages).toEqual([]);
    expect(verified.get('demo-fact')?.citations[0]?.match.paragraph).toBe(2);
  });
});

describe('verifyQuotes on the real sources and facts', () => {
  it('should find every quote of sources/facts.yaml in its document', async () => {
    const sources = await readSources(path.join(collectionRoot, 'sources'));
    const factsFile = await loadFacts(path.join(collectionRoot, 'sources', 'facts.yaml'));
    expect(sources.messages).toEqual([]);
    expect(factsFile.file.messages).toEqual([]);
    expect(factsFile.facts.size).toBeGreaterThan(0);
    const verified = verifyQuotes(factsFile.facts, sources.docs, factsFile.file);
    expect(factsFile.file.messages.map((message) => `${message.line}: ${message.reason}`)).toEqual([]);
    expect(verified.size).toBe(factsFile.facts.size);
    for (const fact of verified.values()) {
      for (const citation of fact.citations) {
        const doc = sources.docs.get(citation.source);
        expect(doc?.paragraphs.some((paragraph) => paragraph.n === citation.match.paragraph)).toBe(true);
      }
    }
  });
});
