import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/facts/index.js';
import { lintBriefs, type LintBrief, type LintFact } from '../../../src/lint/index.js';
import * as lint from '../../../src/lint/index.js';

const factsPath = '/project/sources/facts.yaml';

function fact(id: string, extra: Partial<LintFact> = {}): LintFact {
  return {
    id,
    topics: ['brief-a'],
    statement: 'According to the report, Kosovo authorities conducted 194 investigations in 2010.',
    citations: [{ quote: 'In 2010, Kosovo authorities conducted 194 investigations.' }],
    place: { line: 10, column: 3 },
    ...extra,
  };
}

// Like the compose stage, append a definition per used fact: GFM reads `[^x]` as a note only then.
function brief(markdown: string, usedFacts: string[], templateLines?: number[]): LintBrief {
  const value = `${markdown}\n\n${usedFacts.map((id) => `[^${id}]: ${id}`).join('\n')}\n`;
  return { briefId: 'brief-a', file: { path: '/project/templates/briefs/brief-a.md.hbs', value }, usedFacts, templateLines };
}

describe('lint', () => {
  it('should expose the public api', () => {
    expect(Object.keys(lint)).toEqual(['lintBriefs']);
  });
});

describe('lintBriefs: paragraphs without a note', () => {
  const facts = new Map<string, LintFact>();

  it('should warn at the template line of a paragraph or list item without a note', () => {
    const markdown = ['---', 'title: A', '---', '', '## Heading', '', 'Cited.[^x]', '', 'Not cited at all.', '', '- item with a note[^x]', '- item without one', ''].join('\n');
    // Markdown line n comes from template line 100 + n.
    const lines = markdown.split('\n').map((_, index) => 101 + index);
    const messages = lintBriefs({ facts, factsPath, briefs: [brief(markdown, ['x'], lines)] });
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ['paragraph-uncited', 109, 1],
      ['paragraph-uncited', 112, 1],
    ]);
    expect(messages[0]?.file).toBe('/project/templates/briefs/brief-a.md.hbs');
    expect(messages[0]?.message).toMatch(/has no note: "Not cited at all\."/);
  });

  it('should ignore headings, tables, footnote definitions and blocks marked <!-- uncited -->', () => {
    const markdown = [
      '## A heading without a note',
      '',
      '| a | b |',
      '| --- | --- |',
      '| not stated | 1 |',
      '',
      '<!-- uncited -->',
      'About the collection itself.',
      '',
      '<!-- uncited -->',
      '- a list about the collection',
      '- another item',
    ].join('\n');
    expect(lintBriefs({ facts, factsPath, briefs: [brief(markdown, ['x'])] })).toEqual([]);
  });

  it('should fall back to the Markdown line when no line map is given', () => {
    const [message] = lintBriefs({ facts, factsPath, briefs: [brief('\n\nLonely.', [])] });
    expect(message?.line).toBe(3);
  });
});

describe('lintBriefs: figures', () => {
  it('should warn at the figure when it has no period', () => {
    const figure: Fact['figure'] = { metric: 'investigations', value: 194, unit: 'investigations' };
    const messages = lintBriefs({ facts: new Map([['x', fact('x', { figure, figurePlace: { line: 12, column: 11 } })]]), factsPath, briefs: [] });
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['figure-period-missing', 12, 11]]);
    expect(messages[0]?.message).toMatch(/The figure of fact "x" has no `period`/);
  });

  it('should accept `unstated` as a period the curator has checked', () => {
    const figure: Fact['figure'] = { metric: 'investigations', value: 194, unit: 'investigations', period: 'unstated' };
    expect(lintBriefs({ facts: new Map([['x', fact('x', { figure })]]), factsPath, briefs: [] })).toEqual([]);
  });

  it('should leave a figure whose value no quote states to the facts stage, where it is an error', () => {
    const figure: Fact['figure'] = { metric: 'investigations', value: 195, unit: 'investigations', period: 2010 };
    expect(lintBriefs({ facts: new Map([['x', fact('x', { figure })]]), factsPath, briefs: [] })).toEqual([]);
  });
});
