import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { checkDates } from '../../../src/facts/index.js';
import type { Fact } from '../../../src/facts/load-facts.js';

const fact = (id: string, extra: Partial<Fact>): Fact =>
  ({ id, topics: ['t'], tags: [], statement: 'S.', citations: [], place: { line: 1, column: 3 }, ...extra }) as Fact;

describe('checkDates', () => {
  it('should refuse a date after the edition date, at the date, as far as both dates go', () => {
    const file = new VFile({ path: 'facts.yaml' });
    checkDates(
      [
        fact('later-day', { date: '2026-11-24', datePlace: { line: 4, column: 9 } }),
        fact('later-year', { date: '2027', datePlace: { line: 8, column: 9 } }),
        fact('same-month', { date: '2026-11' }),
        fact('earlier', { date: '2026-11-23' }),
        fact('said-later', { speaker: { name: 'X', date: '2030-01' }, speakerDatePlace: { line: 12, column: 11 } }),
      ],
      '2026-11-23',
      file,
    );
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason])).toEqual([
      ['date-after-edition', 4, 9, 'Fact "later-day" is dated 2026-11-24, after the edition date 2026-11-23.'],
      ['date-after-edition', 8, 9, 'Fact "later-year" is dated 2027, after the edition date 2026-11-23.'],
      ['date-after-edition', 12, 11, 'Fact "said-later" is dated 2030-01, after the edition date 2026-11-23.'],
    ]);
    expect(file.messages.every((message) => message.fatal)).toBe(true);
  });

  it('should accept a later date on a fact marked planned', () => {
    const file = new VFile({ path: 'facts.yaml' });
    checkDates([fact('plan', { date: '2030', planned: true })], '2026-11-23', file);
    expect(file.messages).toEqual([]);
  });
});
