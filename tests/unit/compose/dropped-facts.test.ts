import { describe, expect, it } from 'vitest';
import { findDroppedFacts, type DroppedBrief, type DroppedFact } from '../../../src/compose/dropped-facts.js';

const fact = (id: string, line: number, extra: Partial<DroppedFact> = {}): DroppedFact => ({ id, topics: ['demo'], place: { line, column: 3 }, ...extra });
const facts = new Map([
  ['printed', fact('printed', 2)],
  ['cell-only', fact('cell-only', 10)],
  ['unselected', fact('unselected', 20)],
  ['point-with-note', fact('point-with-note', 30, { note: 'A caveat.' })],
  ['other-brief', fact('other-brief', 40, { topics: ['elsewhere'] })],
]);
const template = '---\ntitle: Demo\nomit:\n  unselected: Said in the other brief.\n  nothing-like-it: Typo.\n---\n\nBody.\n';
const brief = (extra: Partial<DroppedBrief> = {}): DroppedBrief => ({
  briefId: 'demo',
  templatePath: '/p/templates/briefs/demo.md.hbs',
  templateSource: template,
  usedFacts: ['printed', 'cell-only', 'point-with-note'],
  printedFacts: new Set(['printed', 'point-with-note']),
  notedFacts: new Set(),
  omit: {},
  ...extra,
});

describe('findDroppedFacts', () => {
  it('should report a fact of the brief that only carries a note marker, at its entry in facts.yaml', () => {
    const messages = findDroppedFacts(brief(), facts, '/p/sources/facts.yaml');
    const cell = messages.find((message) => message.message.includes('"cell-only"'))!;
    expect(cell.ruleId).toBe('fact-not-printed');
    expect(cell.fatal).toBe(true);
    expect([cell.file, cell.line, cell.column]).toEqual(['/p/sources/facts.yaml', 10, 3]);
    expect(cell.message).toMatch(/names the brief "demo" in `topics`, but the brief never prints its statement: it only carries a note marker/);
  });

  it('should report a fact that no helper of the brief selects', () => {
    const messages = findDroppedFacts(brief(), facts, '/p/sources/facts.yaml');
    expect(messages.find((message) => message.message.includes('"unselected"'))?.message).toMatch(/no helper of the brief selects it/);
  });

  it('should report a printed fact whose caveat the brief leaves out', () => {
    const messages = findDroppedFacts(brief(), facts, '/p/sources/facts.yaml');
    const note = messages.find((message) => message.message.includes('"point-with-note"'))!;
    expect(note.ruleId).toBe('fact-note-not-printed');
    expect(note.line).toBe(30);
  });

  it('should say nothing of facts of other briefs, of printed facts with their caveats, and of facts omitted with a reason', () => {
    const messages = findDroppedFacts(
      brief({ printedFacts: new Set(['printed', 'point-with-note', 'cell-only']), notedFacts: new Set(['point-with-note']), omit: { unselected: 'Said in the other brief.' } }),
      facts,
      '/p/sources/facts.yaml',
    );
    expect(messages).toEqual([]);
  });

  it('should report an omit entry that names no fact, at its line in the front matter', () => {
    const messages = findDroppedFacts(
      brief({ printedFacts: new Set(['printed', 'point-with-note', 'cell-only']), notedFacts: new Set(['point-with-note']), omit: { unselected: 'x', 'nothing-like-it': 'Typo.' } }),
      facts,
      '/p/sources/facts.yaml',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.ruleId).toBe('omit-unknown-fact');
    expect([messages[0]!.file, messages[0]!.line, messages[0]!.column]).toEqual(['/p/templates/briefs/demo.md.hbs', 5, 3]);
    expect(messages[0]!.message).toMatch(/lists "nothing-like-it" under `omit:`, but no fact has that id/);
  });

  it('should report an omit entry for a fact the brief prints anyway, or one of another brief', () => {
    const messages = findDroppedFacts(
      brief({ printedFacts: new Set(['printed', 'point-with-note', 'cell-only', 'unselected']), notedFacts: new Set(['point-with-note']), omit: { unselected: 'x', 'other-brief': 'y' } }),
      facts,
      '/p/sources/facts.yaml',
    );
    expect(messages.map((message) => message.message)).toEqual([
      expect.stringMatching(/"unselected" under `omit:`, but the brief prints it/),
      expect.stringMatching(/"other-brief" under `omit:`, but the fact does not name the brief in `topics`/),
    ]);
  });
});
