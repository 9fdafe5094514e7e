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

/** One note marker, for one fact or several (`[^a+b]`, a table row). */
const note = /\[\^[a-z0-9-]+(?:\+[a-z0-9-]+)*\]/;
const header = ['Report', 'Covers', 'Investigations', 'Prosecutions', 'Convictions', 'Victims identified', 'Victim-care funding'];
const rowsOf = () => tableAfter(markdown, '## The reports at a glance').slice(2);
/** The fact ids a row's note (on its report year) cites. */
/** The numbers written in digits in a text (`$216,234` → 216234). */
const numbersIn = (text: string) => new Set([...text.matchAll(/\d[\d,]*/g)].map((match) => Number(match[0].replace(/,(?=\d{3})/g, '').replace(/,$/, ''))));
const rowFacts = (row: readonly string[]) => /^\d{4}\[\^([^\]]+)\]$/.exec(row[0]!)?.[1]?.split('+') ?? [];

describe('the TIP assessment brief (Markdown)', () => {
  it('should have a table row per report year in the sources, and nothing else', () => {
    const rows = tableAfter(markdown, '## The reports at a glance');
    // No Tier column: the tier timeline gives the tiers.
    expect(rows[0]).toEqual(header);
    const years = rows.slice(2).map((row) => row[0]!.replace(/\[\^.*$/, ''));
    expect(years).toEqual(['2011', '2016', '2022', '2023']);
  });

  it('should give each row one note, on its report year, and every other cell a figure or "–": none is blank or guessed', () => {
    for (const row of rowsOf()) {
      expect(row).toHaveLength(header.length);
      expect(row[0], `row ${row[0]}`).toMatch(new RegExp(`^\\d{4}${note.source}$`));
      const year = Number(row[0]!.slice(0, 4));
      const cited = rowFacts(row).map((id) => content.facts.get(id));
      // The note cites facts of that report only.
      for (const fact of cited) expect(fact?.tip?.report, `${row[0]}`).toBe(year);
      const quotes = cited.flatMap((fact) => fact!.citations.map((citation) => citation.quote)).join(' ');
      const quoted = numbersIn(quotes);
      for (const cell of row.slice(1)) {
        expect(cell.trim(), `row ${row[0]}`).not.toBe('');
        // One note per row: no marker in the cells.
        expect(note.test(cell), `cell ${JSON.stringify(cell)}`).toBe(false);
        // Every number in a cell is in a passage the row's note quotes.
        for (const number of numbersIn(cell)) expect(quoted.has(number), `${row[0]}: ${number} in ${JSON.stringify(cell)}`).toBe(true);
      }
    }
  });

  it('should explain "–" under the table', () => {
    const table = markdown.slice(markdown.indexOf('## The reports at a glance'), markdown.indexOf('**Tier timeline.**'));
    expect(table).toContain("\n\n<!-- uncited -->\n*–: the row's source gives no figure. Each report's note lists the passages of its row.*\n");
  });

  it('should fill the table from the figures the 2011 report gives, with its comparisons', () => {
    const [row2011] = rowsOf();
    expect(row2011).toEqual([row2011![0], '2010', '194 (63 in 2009)', '81 offenders; 28 new cases (25 offenders in 2009)', '11 (22 in 2009)', '39 (27 in 2009)', '$216,234']);
    expect(rowFacts(row2011!)).toEqual(expect.arrayContaining(['tip-2011-investigations', 'tip-2011-prosecutions', 'tip-2011-convictions', 'tip-2011-victims-identified', 'tip-2011-victim-care-funding']));
  });

  it('should say what Koha states instead of a number where it gives none, and "–" where it says nothing', () => {
    const row2016 = rowsOf().find((row) => row[0]!.startsWith('2016'))!;
    expect(row2016.slice(1)).toEqual([
      '2015',
      '–',
      'no number: fewer suspects than the previous year',
      'no number: a five-year low',
      'no number: fewer than the previous year',
      '– (shelter funding: increased, amount not given)',
    ]);
    expect(rowFacts(row2016)).toEqual(expect.arrayContaining(['koha-2016-fewer-prosecutions', 'koha-2016-convictions-five-year-low']));
  });

  it('should print the caveats of the table’s figures under "Where the sources disagree or are silent", not under the table', () => {
    const table = markdown.slice(markdown.indexOf('## The reports at a glance'), markdown.indexOf('**Tier timeline.**'));
    const where = markdown.slice(markdown.indexOf('## Where the sources disagree or are silent'), markdown.indexOf('## About the evidence'));
    const caveat = 'These are convictions of sex trafficking offenders only';
    expect(table).not.toContain(caveat);
    expect(where).toContain(`Read with their caveats:\n\n- *2011 report, convictions*: ${caveat}`);
  });

  it('should have a section for each report with findings not yet stated, newest first', () => {
    const sections = [...markdown.matchAll(/^### The (\d{4}) report/gm)].map((match) => Number(match[1]));
    expect(sections).toEqual([2016, 2011]);
    expect(markdown).toContain('### The 2016 report, covering 2015\n');
    // The 2022 and 2023 reports have nothing left to say there: the key findings state them.
    const findings = markdown.slice(markdown.indexOf('## Key findings'), markdown.indexOf('## Figures over time'));
    for (const year of [2022, 2023]) {
      for (const fact of [...content.facts.values()].filter((candidate) => candidate.tip?.report === year && candidate.topics.includes('tip-assessment'))) {
        expect(findings, fact.id).toContain(`[^${fact.id}]`);
      }
    }
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
    // The values in words are the chart's text alternative, not printed again.
    expect(chart?.panels[0]?.description).toBe('Investigations: 63 in 2009, 194 in 2010.');
    expect(markdown).not.toContain('The chart in words');
  });

  it('should name, under "Where the sources disagree or are silent", the report years no source covers', () => {
    // No Coverage paragraph: the summary and the silences say it.
    expect(markdown).not.toContain('**Coverage.**');
    const where = markdown.slice(markdown.indexOf('## Where the sources disagree or are silent'), markdown.indexOf('## About the evidence'));
    expect(where).toMatch(/\*\*Report years with no source\*\*: the collection has no source for the reports of 2012–2015, 2017–2021 and 2024–2026\b/);
    const summary = markdown.slice(markdown.indexOf('## Summary'), markdown.indexOf('## Key findings'));
    expect(summary).toContain('it has none for 2012–2015, 2017–2021 and 2024–2026');
    expect(summary).toContain('for 2011 the collection holds the report itself, for 2016 and 2022–2023 only a summary or an encyclopedia article');
  });

  it('should count the missing years up to the latest report that could exist on the edition date', async () => {
    // Before June, that year's report cannot exist yet.
    const may = await loadContent(project.root, '2026-05-31');
    const brief = String(may.briefs.get('tip-assessment')!.file.value);
    const where = brief.slice(brief.indexOf('## Where the sources disagree or are silent'), brief.indexOf('## About the evidence'));
    expect(where).toMatch(/no source for the reports of 2012–2015, 2017–2021 and 2024–2025\b/);
    expect(brief).not.toMatch(/2024–2026/);
  });
});
