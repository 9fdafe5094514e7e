import { describe, expect, it } from 'vitest';
import { chartData, chartMarkdown } from '../../../src/compose/figure-chart.js';
import { collectSeries } from '../../../src/compose/figure-series.js';
import { createNoteMarks, emptyLedger } from '../../../src/compose/notes.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import { verifiedFact } from '../../helpers/verified-fact.js';

const units: Partial<Record<string, string>> = { investigations: 'investigations', convictions: 'convictions', shelters: 'shelters' };

/** A figure fact: `value` of `metric` in `year`, from the TIP report of `report` (or from no report). */
const figure = (id: string, metric: string, year: number, value: number, report?: number, extra: Partial<VerifiedFact> = {}): VerifiedFact =>
  verifiedFact(id, {
    figure: { metric, value, unit: units[metric]!, period: year },
    ...(report === undefined ? {} : { tip: { report } }),
    ...extra,
  });

const facts = [
  figure('inv-2009', 'investigations', 2009, 63, 2010),
  figure('inv-2010', 'investigations', 2010, 194, 2011),
  figure('inv-2012', 'investigations', 2012, 57, 2013),
  figure('conv-2009', 'convictions', 2009, 22, 2010),
  figure('conv-2010', 'convictions', 2010, 11, 2011),
];

describe('chartData', () => {
  it('should give each panel its values in words, and the chart a key to its marks', () => {
    const data = chartData('figures-1', collectSeries(facts).series);
    expect(data.panels.map((panel) => panel.description)).toEqual([
      'Investigations: 63 in 2009, 194 in 2010, 57 in 2012.',
      'Convictions: 22 in 2009, 11 in 2010.',
    ]);
    // Report years as ranges: fifteen of them stay one short line.
    expect(data.subtitle).toEqual(['2010–2011 and 2013 TIP reports; by year described. Each panel has its own scale, from zero.']);
    expect(data.key).toEqual({
      point: 'a figure the sources give for a year',
      line: 'a line joins the figures of consecutive years',
      gap: 'a gap: no figure for the years between',
    });
  });
});

describe('chartMarkdown', () => {
  it('should print the placeholder and a one-line caption, not the values again', () => {
    const { series, conflicts } = collectSeries(facts);
    const ledger = emptyLedger();
    const markdown = chartMarkdown(chartData('figures-1', series), series, conflicts, createNoteMarks(ledger));
    expect(markdown).toBe(
      "```chart\nfigures-1\n```\n\n<!-- uncited -->\n*Sources:* the reports' figures, with notes, are in the table below.",
    );
    expect(markdown).not.toMatch(/chart in words|63 in 2009/);
    // The table cites these facts; the chart does not cite them again.
    expect(ledger.used).toEqual([]);
  });

  it('should cite in the caption the figures the table does not show', () => {
    const shelters = [figure('shelters-2009', 'shelters', 2009, 8), figure('shelters-2010', 'shelters', 2010, 9)];
    const { series, conflicts } = collectSeries([...facts, ...shelters]);
    const ledger = emptyLedger();
    const markdown = chartMarkdown(chartData('figures-1', series), series, conflicts, createNoteMarks(ledger));
    expect(markdown.split('\n').at(-1)).toBe(
      "*Sources:* the reports' figures, with notes, are in the table below; the others: Shelters[^shelters-2009+shelters-2010].",
    );
    expect(markdown).not.toContain('<!-- uncited -->');
    expect(ledger.used).toEqual(['shelters-2009', 'shelters-2010']);
  });

  it('should say which reading it draws where reports disagree, and leave the disagreement to one place', () => {
    const newer = figure('inv-2010-later', 'investigations', 2010, 195, 2012, { note: 'The 2011 report says 194.' });
    const { series, conflicts } = collectSeries([...facts, newer]);
    const ledger = emptyLedger();
    const markdown = chartMarkdown(chartData('figures-1', series), series, conflicts, createNoteMarks(ledger));
    expect(markdown.split('\n').at(-1)).toBe(
      "*Sources:* the reports' figures, with notes, are in the table below. Where reports give different figures (investigations in 2010), the chart shows the newest report's; “Where the sources disagree or are silent” gives each.",
    );
    // The readings and their notes are printed by {{disagreements}}, not here.
    expect(markdown).not.toContain('[^inv-2010');
  });
});
