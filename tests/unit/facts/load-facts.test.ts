import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VFileMessage } from 'vfile-message';
import { loadFacts } from '../../../src/facts/index.js';
import { lineOf, makeProject, type TempProject } from '../../helpers/project.js';

function only(messages: readonly VFileMessage[]): VFileMessage {
  expect(messages.map((message) => message.ruleId)).toHaveLength(1);
  return messages[0]!;
}

const good = `# Two facts.

- id: first-fact
  topics: [legal-framework]
  tags: [penalty]
  year: 2010
  date: 2010-06
  statement: >-
    A statement
    over two lines.
  citations:
    - source: tip-2011
      quote: "Kosovo prohibits all forms of trafficking in persons"
      locator: ¶ 5

- id: second-fact
  topics: [tip-assessment, unmik-era]
  statement: Another statement.
  citations:
    - source: koha-tip-2016
      quote: "a national coordinator for anti-trafficking efforts"
    - source: tip-2011
      quote: "Kosovo (Tier 2)"
`;

describe('loadFacts', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await makeProject();
  });

  afterEach(async () => {
    await project.remove();
  });

  async function load(text: string) {
    await project.write('sources/facts.yaml', text);
    return loadFacts(project.path('sources', 'facts.yaml'));
  }

  it('should read facts in file order with defaults and positions', async () => {
    const { file, facts } = await load(good);
    expect(file.messages).toEqual([]);
    expect([...facts.keys()]).toEqual(['first-fact', 'second-fact']);
    const first = facts.get('first-fact');
    expect(first).toMatchObject({
      topics: ['legal-framework'],
      tags: ['penalty'],
      year: 2010,
      date: '2010-06',
      statement: 'A statement over two lines.',
      place: { line: lineOf(good, '- id: first-fact'), column: 3 },
    });
    expect(first?.citations[0]).toMatchObject({
      source: 'tip-2011',
      locator: '¶ 5',
      place: { line: lineOf(good, 'quote: "Kosovo prohibits'), column: 14 },
    });
    expect(facts.get('second-fact')?.tags).toEqual([]);
    expect(facts.get('second-fact')?.citations.map((citation) => citation.place.line)).toEqual([
      lineOf(good, 'quote: "a national coordinator'),
      lineOf(good, 'quote: "Kosovo (Tier 2)"'),
    ]);
  });

  it('should report a fact without topics at its entry, naming the fact', async () => {
    const text = good.replace('  topics: [tip-assessment, unmik-era]\n', '');
    const { file, facts } = await load(text);
    const message = only(file.messages);
    expect(message.ruleId).toBe('schema-invalid');
    expect(message.line).toBe(lineOf(text, '- id: second-fact'));
    expect(message.column).toBe(3);
    expect(message.reason).toMatch(/^Fact "second-fact": `topics`: /);
    expect(message.fatal).toBe(true);
    expect(facts.size).toBe(0);
  });

  it('should report a year written as a string at the value, naming the fact', async () => {
    const text = good.replace('  year: 2010\n', '  year: "2010"\n');
    const { file } = await load(text);
    const message = only(file.messages);
    expect(message.ruleId).toBe('schema-invalid');
    expect(message.line).toBe(lineOf(text, 'year: "2010"'));
    expect(message.column).toBe(9);
    expect(message.reason).toMatch(/^Fact "first-fact": `year`: .*number/);
  });

  it('should report an unknown field with the fact id', async () => {
    const text = good.replace('  statement: Another statement.\n', '  statement: Another statement.\n  sauce: tip-2011\n');
    const { file } = await load(text);
    const message = only(file.messages);
    expect(message.ruleId).toBe('schema-invalid');
    // At the unknown field itself, with the fields a fact takes and the nearest one.
    expect(message.line).toBe(lineOf(text, 'sauce: tip-2011'));
    expect(message.column).toBe(10);
    expect(message.reason).toMatch(/^Fact "second-fact": `sauce` is not a field of this entry\. The fields are `id`, `topics`, /);
  });

  it('should report a malformed locator at the locator', async () => {
    const text = good.replace('locator: ¶ 5', 'locator: page 5');
    const { file } = await load(text);
    const message = only(file.messages);
    expect(message.ruleId).toBe('schema-invalid');
    expect(message.line).toBe(lineOf(text, 'locator: page 5'));
    expect(message.column).toBe(16);
    expect(message.reason).toMatch(/^Fact "first-fact": `locator`: write the locator as "¶ 12"/);
  });

  it('should report a fact without an id by its position in the list', async () => {
    const text = good.replace('- id: second-fact\n  topics', '- topics');
    const { file } = await load(text);
    const message = only(file.messages);
    expect(message.ruleId).toBe('schema-invalid');
    expect(message.line).toBe(lineOf(text, '- topics: [tip-assessment'));
    expect(message.reason).toMatch(/^Fact #2: `id`: /);
  });

  it('should report a duplicate fact id at the second id', async () => {
    const text = good.replace('- id: second-fact', '- id: first-fact');
    const { file, facts } = await load(text);
    const message = only(file.messages);
    expect(message.ruleId).toBe('duplicate-id');
    expect(message.line).toBe(text.split('\n').lastIndexOf('- id: first-fact') + 1);
    expect(message.line).not.toBe(lineOf(text, '- id: first-fact'));
    expect(message.column).toBe(7);
    expect(message.reason).toMatch(/The fact id "first-fact" is used twice/);
    expect([...facts.keys()]).toEqual(['first-fact']);
  });

  it('should report YAML syntax problems with their line', async () => {
    const text = good.replace('  statement: Another statement.', '  statement: "Another statement.');
    const { file, facts } = await load(text);
    expect(file.messages.length).toBeGreaterThan(0);
    const message = file.messages[0]!;
    expect(message.ruleId).toBe('yaml-syntax');
    expect(message.line).toBeGreaterThanOrEqual(lineOf(text, 'statement: "Another'));
    expect(message.reason).toMatch(/^YAML syntax problem: /);
    expect(facts.size).toBe(0);
  });
});
