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

  it('should give the handout pack a page of its own when it weighs as much as the briefs', () => {
    const lanes = assignLanes(
      [
        { id: '(handout pack)', weight: 170 },
        { id: 'a', weight: 60 },
        { id: 'b', weight: 80 },
        { id: 'c', weight: 30 },
      ],
      2,
    );
    expect(lanes.get('(handout pack)')).toBe(0);
    expect([lanes.get('a'), lanes.get('b'), lanes.get('c')]).toEqual([1, 1, 1]);
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
