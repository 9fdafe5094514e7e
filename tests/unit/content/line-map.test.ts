import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { parseWithLineMarks, splitLineMarks } from '../../../src/compose/line-map.js';

function render(source: string, context: object, partials: Record<string, string> = {}) {
  const env = Handlebars.create();
  for (const [name, partial] of Object.entries(partials)) env.registerPartial(name, partial);
  return splitLineMarks(env.compile(parseWithLineMarks(source))(context));
}

describe('parseWithLineMarks and splitLineMarks', () => {
  it('should map each output line of template text to its template line', () => {
    const { text, lines } = render('a\n\n## b\ntext {{x}} more\nend', { x: 'X' });
    expect(text).toBe('a\n\n## b\ntext X more\nend');
    expect(lines).toEqual([1, 2, 3, 4, 5]);
  });

  it('should map the lines of a block helper’s iterations to the block’s template line', () => {
    const { text, lines } = render('top\n{{#each items}}\n- {{this}}\n{{/each}}\nbottom', { items: ['one', 'two'] });
    expect(text.split('\n')).toEqual(['top', '- one', '- two', 'bottom']);
    expect(lines).toEqual([1, 3, 3, 5]);
  });

  it('should map the lines a partial writes to the line that calls it', () => {
    const { text, lines } = render('head\n\n{{> list}}\ntail', {}, { list: 'p1\np2\n' });
    expect(text.split('\n')).toEqual(['head', '', 'p1', 'p2', 'tail']);
    expect(lines).toEqual([1, 2, 3, 3, 4]);
  });

  it('should leave no mark in the output', () => {
    const { text } = render('{{#if a}}\nyes\n{{else}}\nno\n{{/if}}\n', { a: false });
    expect(text).toBe('no\n');
    expect(text).not.toMatch(/[\u{E000}\u{E001}]/u);
  });
});
