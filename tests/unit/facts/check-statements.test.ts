import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkStatements, loadFacts, verifyQuotes } from '../../../src/facts/index.js';
import { readSources } from '../../../src/ingest/index.js';
import { collectionRoot, lineOf, makeProject, type TempProject } from '../../helpers/project.js';

const bibliography = `- id: tip-2011
  file: documents/tip-2011.txt
  type: report
  title: 2011 Trafficking in Persons Report - Kosovo
  issued: 2011-06-27

- id: tip-2024
  file: documents/tip-2024.txt
  type: report
  title: 2024 Trafficking in Persons Report - Kosovo

- id: summary
  file: documents/summary.txt
  type: article-newspaper
  title: "US State Department: Kosovo, source and destination (a summary)"
`;

const tip2011 = `2011 Trafficking in Persons Report - Kosovo

KOSOVO (Tier 2)

In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009.

Kosovo prohibits all forms of trafficking in persons in Articles 137 and 139 of the 2004 criminal code.

In total, the government of Kosovo provided $216,234 for victim care this year. The section's elevated status included an approximate 50 percent increase in law enforcement officers.

The Special Prosecutor's task force reached full staffing in February 2010.
`;

const tip2024 = `2024 Trafficking in Persons Report - Kosovo

KOSOVO: Tier 2 Watch List

The government identified nine victims.
`;

const summary = `The most recent report placed Kosovo in Tier 2. The government identified fewer victims than the previous year.
`;

/** A fact in facts.yaml; `extra` lines go after `topics`. */
const fact = (id: string, statement: string, source: string, quote: string, extra = '') => `- id: ${id}
  topics: [tip-assessment]${extra ? `\n  ${extra}` : ''}
  statement: ${statement}
  citations:
    - source: ${source}
      quote: ${JSON.stringify(quote)}
`;

describe('checkStatements', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await makeProject();
    await project.write('sources/sources.yaml', bibliography);
    await project.write('sources/documents/tip-2011.txt', tip2011);
    await project.write('sources/documents/tip-2024.txt', tip2024);
    await project.write('sources/documents/summary.txt', summary);
  });

  afterEach(async () => {
    await project.remove();
  });

  async function check(factsText: string) {
    await project.write('sources/facts.yaml', factsText);
    const sources = await readSources(project.path('sources'));
    expect(sources.messages).toEqual([]);
    const factsFile = await loadFacts(project.path('sources', 'facts.yaml'));
    expect(factsFile.file.messages.map(String)).toEqual([]);
    const verified = verifyQuotes(factsFile.facts, sources.docs, factsFile.file);
    expect(factsFile.file.messages.map(String)).toEqual([]);
    const messages = checkStatements(verified, sources.docs, factsFile.file);
    return { messages, attached: factsFile.file.messages, text: factsText };
  }

  it('should report a statement saying 195 where the quote says 194, at the number in the statement', async () => {
    const text = fact(
      'investigations',
      'According to the 2011 TIP report, Kosovo authorities conducted 195 investigations in 2010.',
      'tip-2011',
      'In 2010, Kosovo authorities conducted 194 investigations',
    );
    const { messages, attached } = await check(text);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.ruleId).toBe('statement-number-not-in-quote');
    expect(message?.fatal).toBe(true);
    expect(message?.line).toBe(lineOf(text, 'statement:'));
    expect(message?.column).toBe(text.split('\n')[lineOf(text, 'statement:') - 1]!.indexOf('195') + 1);
    expect(message?.reason).toMatch(/^The statement of fact "investigations" says "195", which none of its quotes states\.$/);
    expect(message?.note).toMatch(/Looked in its quote:\n {2}tip-2011 ¶ 3: “In 2010, Kosovo authorities conducted 194 investigations”/);
    expect(attached).toContain(message);
  });

  it('should point at the token on its own line of a folded statement', async () => {
    const text = `- id: investigations
  topics: [tip-assessment]
  statement: >-
    According to the 2011 TIP report, Kosovo authorities
    conducted one hundred
    ninety-five investigations.
  citations:
    - source: tip-2011
      quote: "In 2010, Kosovo authorities conducted 194 investigations"
`;
    const [message, ...rest] = (await check(text)).messages;
    expect(rest).toEqual([]);
    expect([message?.ruleId, message?.line, message?.column]).toEqual(['statement-number-not-in-quote', lineOf(text, 'conducted one hundred'), 15]);
    expect(message?.reason).toMatch(/says "one hundred ninety-five"/);
  });

  it('should accept numbers, percentages, money and dates the quotes state in another form', async () => {
    const text = [
      fact('words', 'The report counts one hundred ninety-four investigations in 2010, up from sixty-three.', 'tip-2011', 'In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009.'),
      fact('money', 'The government provided 216,234 US dollars for victim care.', 'tip-2011', 'In total, the government of Kosovo provided $216,234 for victim care this year.'),
      fact('percent', 'Officers increased by about 50%.', 'tip-2011', 'included an approximate 50 percent increase in law enforcement officers'),
      fact('month', 'The task force reached full staffing in February 2010.', 'tip-2011', 'reached full staffing in February 2010'),
      fact('articles', 'Articles 137 and 139 of the 2004 criminal code prohibit trafficking.', 'tip-2011', 'in Articles 137 and 139 of the 2004 criminal code'),
    ].join('\n');
    expect((await check(text)).messages.map(String)).toEqual([]);
  });

  it('should report an article number, a date and a month no quote states', async () => {
    const text = [
      fact('article', 'Article 171 of the 2004 criminal code prohibits trafficking.', 'tip-2011', 'in Articles 137 and 139 of the 2004 criminal code'),
      fact('date', 'The task force was fully staffed on 3 February 2010.', 'tip-2011', 'reached full staffing in February 2010'),
      fact('month', 'The task force was fully staffed in March 2010.', 'tip-2011', 'reached full staffing in February 2010'),
    ].join('\n');
    const messages = (await check(text)).messages;
    expect(messages.map((message) => [message.ruleId, message.line])).toEqual([
      ['statement-number-not-in-quote', lineOf(text, 'statement: Article 171')],
      ['statement-number-not-in-quote', lineOf(text, 'statement: The task force was fully staffed on')],
      ['statement-number-not-in-quote', lineOf(text, 'statement: The task force was fully staffed in March')],
    ]);
    expect(messages.map((message) => message.actual)).toEqual(['Article 171', '3 February 2010', 'March 2010']);
  });

  it('should accept a year or date the cited source gives in its title or `issued`, and no other number from there', async () => {
    const text = [
      fact('title-year', 'The 2011 TIP report, published on 27 June 2011, counts 194 investigations.', 'tip-2011', 'Kosovo authorities conducted 194 investigations'),
      fact('day-as-count', 'The 2011 TIP report counts 27 investigations.', 'tip-2011', 'Kosovo authorities conducted 194 investigations'),
      fact('other-source', 'The 2024 TIP report counts 194 investigations.', 'tip-2011', 'Kosovo authorities conducted 194 investigations'),
    ].join('\n');
    const messages = (await check(text)).messages;
    expect(messages.map((message) => [message.line, message.actual])).toEqual([
      [lineOf(text, 'statement: The 2011 TIP report counts 27'), '27'],
      [lineOf(text, 'statement: The 2024 TIP report'), '2024'],
    ]);
    expect(messages[1]?.reason).toMatch(/says "2024", which none of its quotes states, nor the title or date of a source it cites\./);
  });

  it('should pass over the tokens `derived` names, and those only, and report a `derived` token it need not name', async () => {
    const text = `- id: derived
  topics: [tip-assessment]
  statement: The 2011 TIP report counts 194 investigations in its reporting period (2010), and 195 in 2009.
  citations:
    - source: tip-2011
      quote: "Kosovo authorities conducted 194 investigations"
  derived:
    tokens: [2010, "194", "Tier 3", "2011"]
    why: The report's reporting period is 2010.
`;
    const messages = (await check(text)).messages;
    expect(messages.map((message) => [message.ruleId, message.fatal, message.line, message.actual ?? message.reason])).toEqual([
      ['statement-number-not-in-quote', true, 3, '195'],
      ['statement-number-not-in-quote', true, 3, '2009'],
      ['derived-unneeded', true, lineOf(text, 'tokens:'), 'The `derived` of fact "derived" names "194", which its quotes (or its source\'s title or date) state.'],
      ['derived-unneeded', true, lineOf(text, 'tokens:'), 'The `derived` of fact "derived" names "Tier 3", which its statement does not state.'],
      ['derived-unneeded', true, lineOf(text, 'tokens:'), 'The `derived` of fact "derived" names "2011", which its quotes (or its source\'s title or date) state.'],
    ]);
  });

  it('should report `tip.tier: Tier 2 Watch List` on a fact whose quote says "KOSOVO (Tier 2)", at the tier', async () => {
    const text = fact('tier', 'The 2011 TIP report places Kosovo on the Tier 2 Watch List.', 'tip-2011', 'KOSOVO (Tier 2)', 'short-quote: The heading.\n  tip: { report: 2011, tier: Tier 2 Watch List }');
    const messages = (await check(text)).messages;
    expect(messages.map((message) => message.ruleId)).toEqual(['statement-number-not-in-quote', 'tier-not-in-quote']);
    const tier = messages[1]!;
    expect([tier.line, tier.column]).toEqual([lineOf(text, 'tip:'), text.split('\n')[lineOf(text, 'tip:') - 1]!.indexOf('Tier 2 Watch List') + 1]);
    expect(tier.reason).toMatch(/^Fact "tier" gives `tip.tier: Tier 2 Watch List`, which none of its quotes states \(they state Tier 2\)\.$/);
    expect(tier.fatal).toBe(true);
  });

  it('should report `tip.tier: Tier 2` on a fact whose quote says "Tier 2 Watch List"', async () => {
    const text = fact('tier', 'The 2024 TIP report places Kosovo in Tier 2.', 'tip-2024', 'KOSOVO: Tier 2 Watch List', 'tip: { report: 2024, tier: Tier 2 }');
    const messages = (await check(text)).messages;
    expect(messages.map((message) => [message.ruleId, message.actual])).toEqual([
      ['statement-number-not-in-quote', 'Tier 2'],
      ['tier-not-in-quote', undefined],
    ]);
    expect(messages[1]?.reason).toMatch(/`tip.tier: Tier 2`, which none of its quotes states \(they state Tier 2 Watch List\)/);
  });

  it('should report `tip.report: 2023` on a fact citing the "2024 Trafficking in Persons Report - Kosovo", at the report', async () => {
    const text = fact('report', 'The 2024 TIP report says the government identified nine victims.', 'tip-2024', 'The government identified nine victims.', 'tip: { report: 2023 }');
    const [message, ...rest] = (await check(text)).messages;
    expect(rest).toEqual([]);
    expect([message?.ruleId, message?.line, message?.column]).toEqual(['report-year-mismatch', lineOf(text, 'tip:'), 18]);
    expect(message?.reason).toMatch(/^Fact "report" gives `tip.report: 2023`, but the source it cites, "tip-2024", is the 2024 Trafficking in Persons report\.$/);
  });

  it('should not check `tip.report` against a summary of a report, which is no TIP report itself', async () => {
    const text = fact('summary', 'A summary of the TIP report says that the government identified fewer victims than the previous year.', 'summary', 'The government identified fewer victims than the previous year.', 'tip: { report: 2016 }');
    expect((await check(text)).messages).toEqual([]);
  });

  it('should report a figure whose value no quote states, in its unit, at the value', async () => {
    const text = [
      fact('figure', 'The report counts 194 investigations.', 'tip-2011', 'Kosovo authorities conducted 194 investigations', 'figure: { metric: investigations, value: 195, unit: investigations, period: 2010 }'),
      fact('money', 'The government provided $216,234 for victim care.', 'tip-2011', 'provided $216,234 for victim care this year', 'figure: { metric: victim-care-funding, value: 216234, unit: EUR, period: 2010 }'),
      fact('good', 'The government provided $216,234 for victim care.', 'tip-2011', 'provided $216,234 for victim care this year', 'figure: { metric: victim-care-funding, value: 216234, unit: USD, period: 2010 }'),
    ].join('\n');
    const messages = (await check(text)).messages;
    expect(messages.map((message) => [message.ruleId, message.line, message.fatal])).toEqual([
      ['figure-not-in-quote', lineOf(text, 'value: 195'), true],
      ['figure-not-in-quote', lineOf(text, 'unit: EUR'), true],
    ]);
    expect(messages[0]?.column).toBe(text.split('\n')[lineOf(text, 'value: 195') - 1]!.indexOf('195') + 1);
    expect(messages[0]?.reason).toMatch(/^The figure of fact "figure" has the value 195 investigations, which none of its quotes states\.$/);
    expect(messages[1]?.reason).toMatch(/has the value 216234 EUR/);
  });
});

describe('checkStatements on the real sources and facts', () => {
  it('should find every number, date, tier and article of sources/facts.yaml in its quotes, its source or its `derived`', async () => {
    const sources = await readSources(path.join(collectionRoot, 'sources'));
    const factsFile = await loadFacts(path.join(collectionRoot, 'sources', 'facts.yaml'));
    const verified = verifyQuotes(factsFile.facts, sources.docs, factsFile.file);
    expect(verified.size).toBe(factsFile.facts.size);
    expect(checkStatements(verified, sources.docs, factsFile.file).map(String)).toEqual([]);
  });
});
