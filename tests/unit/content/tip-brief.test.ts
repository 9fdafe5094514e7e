import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, type TempProject } from '../../helpers/project.js';
import { loadContent, tableAfter, type Content } from './load-content.js';

let content: Content;
let project: TempProject;
let markdown: string;
beforeAll(async () => {
  project = await makeProject();
  content = await loadContent(project.root);
  markdown = String(content.briefs.get('tip-assessment')!.file.value);
});
afterAll(() => project.remove());

const note = /\[\^[a-z0-9-]+\]/;

describe('the TIP assessment brief (Markdown)', () => {
  it('should have a table row per report year in the sources, and nothing else', () => {
    const rows = tableAfter(markdown, '## The reports at a glance');
    expect(rows[0]).toEqual(['Report', 'Covers', 'Tier', 'Investigations', 'Prosecutions', 'Convictions', 'Victims identified', 'Victim-care funding']);
    const years = rows.slice(2).map((row) => row[0]!.replace(/\[\^.*$/, ''));
    expect(years).toEqual(['2011', '2016', '2022', '2023']);
  });

  it('should footnote every cell of the table or say "not stated": none is blank or guessed', () => {
    for (const row of tableAfter(markdown, '## The reports at a glance').slice(2)) {
      expect(row).toHaveLength(8);
      for (const cell of row) {
        expect(cell.trim(), `row ${row[0]}`).not.toBe('');
        expect(note.test(cell) || cell.startsWith('not stated'), `cell ${JSON.stringify(cell)}`).toBe(true);
      }
    }
  });

  it('should fill the table from the figures the 2011 report gives, with its comparisons', () => {
    const [row2011] = tableAfter(markdown, '## The reports at a glance').slice(2);
    expect(row2011?.[1]).toMatch(/^2010\[\^/);
    expect(row2011?.[2]).toMatch(/^Tier 2\[\^/);
    expect(row2011?.[3]).toMatch(/^194 \(63 in 2009\)\[\^/);
    expect(row2011?.[4]).toMatch(/^81 offenders; 28 new cases \(25 offenders in 2009\)\[\^/);
    expect(row2011?.[5]).toMatch(/^11 \(22 in 2009\)\[\^/);
    expect(row2011?.[6]).toMatch(/^39 \(27 in 2009\)\[\^/);
    expect(row2011?.[7]).toMatch(/^\$216,234\[\^/);
  });

  it('should say what Koha states instead of a number where it gives none, and "not stated" for the tier', () => {
    const row2016 = tableAfter(markdown, '## The reports at a glance').find((row) => row[0]!.startsWith('2016'))!;
    expect(row2016[2]).toBe('not stated');
    expect(row2016[4]).toMatch(/^no number: fewer suspects than the previous year\[\^/);
    expect(row2016[5]).toMatch(/^no number: a five-year low\[\^/);
    expect(row2016[6]).toMatch(/^no number: fewer than the previous year\[\^/);
  });

  it('should have one section per report year, derived from the facts', () => {
    const sections = [...markdown.matchAll(/^### The (\d{4}) report/gm)].map((match) => Number(match[1]));
    expect(sections).toEqual([2011, 2016, 2022, 2023]);
  });

  it('should lay out a tier timeline with the years the collection has no report for', () => {
    const line = markdown.split('\n').find((text) => text.startsWith('**Tier timeline.**'))!;
    expect(line).toMatch(/\*\*2011\*\*: Tier 2\[\^/);
    expect(line).toMatch(/\*\*2012–2015\*\*: none in the collection/);
    expect(line).toMatch(/\*\*2016\*\*: no tier stated\[\^/);
    expect(line).toMatch(/\*\*2024–2026\*\*: none in the collection/);
  });

  it('should chart the figures given for two or more years, as typed data the Markdown stage draws', () => {
    expect(markdown).toContain('```chart\nfigures-1\n```');
    const [chart] = content.briefs.get('tip-assessment')!.file.data.charts ?? [];
    expect(chart?.panels.map((panel) => [panel.title, panel.points.map((point) => [point.year, point.value])])).toEqual([
      ['Investigations', [[2009, 63], [2010, 194]]],
      ['Prosecutions', [[2009, 25], [2010, 81]]],
      ['Convictions', [[2009, 22], [2010, 11]]],
      ['Victims identified', [[2009, 27], [2010, 39]]],
    ]);
    expect(markdown).toMatch(/\*The chart in words\.\* Investigations: 63 in 2009, 194 in 2010\[\^/);
  });

  it('should name, in the Coverage note, the report years no source covers', () => {
    const coverage = markdown.slice(markdown.indexOf("**Coverage.**"));
    expect(coverage).toMatch(/no source for the reports of 2012–2015, 2017–2021 and 2024–2026/);
  });

  it('should count the missing years up to the latest report that could exist on the edition date', async () => {
    // Before June, that year's report cannot exist yet.
    const may = await loadContent(project.root, '2026-05-31');
    const coverage = String(may.briefs.get('tip-assessment')!.file.value);
    expect(coverage).toMatch(/no source for the reports of 2012–2015, 2017–2021 and 2024–2025/);
    expect(coverage).not.toMatch(/2024–2026/);
  });
});
