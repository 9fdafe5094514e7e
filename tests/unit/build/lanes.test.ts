import { describe, expect, it } from 'vitest';
import { createLaneChooser, type PrintJob } from '../../../src/build/lanes.js';

const choose = (jobs: readonly PrintJob[], lanes: number) => {
  const chooser = createLaneChooser(lanes);
  return jobs.map((job) => [job.id, chooser(job)]);
};

describe('createLaneChooser', () => {
  it('should spread the briefs over every page, lightest lane first', () => {
    const jobs = [
      { id: 'legal-framework', weight: 60 },
      { id: 'tip-assessment', weight: 80 },
      { id: 'unmik-era', weight: 30 },
    ];
    expect(choose(jobs, 2)).toEqual([
      ['legal-framework', 0],
      ['tip-assessment', 1],
      ['unmik-era', 0],
    ]);
  });

  it('should choose the same lanes for the same jobs in the same order', () => {
    const jobs = ['a', 'b', 'c', 'd', 'e'].map((id, index) => ({ id, weight: 10 + (index % 3) }));
    expect(choose(jobs, 2)).toEqual(choose(jobs, 2));
    expect(choose(jobs, 2).map(([, lane]) => lane)).toEqual([0, 1, 0, 1, 1]);
  });
});
