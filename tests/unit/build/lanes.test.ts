import { describe, expect, it } from 'vitest';
import { assignLanes } from '../../../src/build/lanes.js';

describe('assignLanes', () => {
  it('should spread the briefs of a build without the pack over every page', () => {
    const lanes = assignLanes(
      [
        { id: 'legal-framework', weight: 60 },
        { id: 'tip-assessment', weight: 80 },
        { id: 'unmik-era', weight: 30 },
      ],
      2,
    );
    expect(lanes.get('tip-assessment')).toBe(0);
    expect(lanes.get('legal-framework')).toBe(1);
    expect(lanes.get('unmik-era')).toBe(1);
  });

  it('should give the handout pack a page of its own, even when the briefs weigh more', () => {
    const jobs = [
      { id: '(handout pack)', weight: 150 },
      { id: 'a', weight: 60 },
      { id: 'b', weight: 80 },
      { id: 'c', weight: 30 },
    ];
    const two = assignLanes(jobs, 2, '(handout pack)');
    expect(two.get('(handout pack)')).toBe(0);
    expect([two.get('a'), two.get('b'), two.get('c')]).toEqual([1, 1, 1]);
    const three = assignLanes(jobs, 3, '(handout pack)');
    expect(three.get('(handout pack)')).toBe(0);
    expect([three.get('a'), three.get('b'), three.get('c')]).toEqual([2, 1, 2]);
    // Alone on one page, it shares it.
    expect([...assignLanes(jobs, 1, '(handout pack)').values()]).toEqual([0, 0, 0, 0]);
  });

  it('should give the same lanes whatever order the jobs come in, equal weights by id', () => {
    const jobs = ['d', 'b', 'a', 'c'].map((id) => ({ id, weight: 10 }));
    const one = assignLanes(jobs, 2);
    const two = assignLanes([...jobs].reverse(), 2);
    expect([...one.entries()].sort()).toEqual([...two.entries()].sort());
    expect([one.get('a'), one.get('b'), one.get('c'), one.get('d')]).toEqual([0, 1, 0, 1]);
  });

  it('should put everything on the one page when there is one', () => {
    const lanes = assignLanes([{ id: 'a', weight: 5 }, { id: 'b', weight: 3 }], 1);
    expect([...lanes.values()]).toEqual([0, 0]);
  });
});
