import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { makeProject, repoRoot, type TempProject } from '../helpers/project.js';

const briefs = ['legal-framework', 'tip-assessment', 'unmik-era'] as const;
const fixture = path.join(repoRoot, 'tests', 'fixtures', 'tip-report-synthetic-2013');

// A fixed edition date (23 November 2026): the Coverage note counts report years up to it.
const edition = String(Date.UTC(2026, 10, 23) / 1000);

/** What a careful reader of the five sources expects each brief's text to hold. */
const expected: Record<(typeof briefs)[number], RegExp[]> = {
  'legal-framework': [
    /Articles 137 and 139 of the 2004 criminal code/,
    /12 years' imprisonment/,
    /20 years for organisers/,
    /Article 171/,
    /€500,000/,
    /15 to 20 years/,
    /Article 231/,
    /January 2013/,
    /September 2013/,
    /up to sixty days/,
    /victim compensation fund/,
    /Trafficking and Prostitution Police Unit/,
    /18 October 2018/,
  ],
  'tip-assessment': [
    /Tier 2/,
    /194 \(63 in 2009\)/,
    /81 offenders; 28 new cases/,
    /11 \(22 in 2009\)/,
    /39 \(27 in 2009\)/,
    /\$216,234/,
    /five-year low/,
    /most recent report/,
    /no tier stated/,
    /one victim for every 10 raids|10 raids/,
    /60% of the victims/,
  ],
  'unmik-era': [
    /1999/,
    /Trafficking and Prostitution Police Unit/,
    /Amnesty International/,
    /Kate Allen/,
    /Department of Peace Operations \(DPKO\)/,
    /Rade Negojevic/,
    /claimed/,
    /694 bars/,
    /declaration of independence in 2008/,
    /places the Kosovo War after/,
  ],
};

const text = (node: ElementContent | Root): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map((child) => text(child as ElementContent)).join('') : '';

/** A cell's text without its note markers (`<sup>` numbers). */
const cellText = (node: Element): string =>
  node.children.map((child) => (child.type === 'element' && child.tagName === 'sup' ? '' : text(child))).join('').trim();

/** The rows (cells as elements) of the first table after the heading `heading` in a brief's HTML. */
function tableRows(html: string, heading: string): Element[][] {
  const tree = fromHtml(html);
  let seenHeading = false;
  let table: Element | undefined;
  visit(tree, 'element', (node) => {
    if (/^h[23]$/.test(node.tagName) && text(node).includes(heading)) seenHeading = true;
    else if (seenHeading && !table && node.tagName === 'table') table = node;
  });
  if (!table) throw new Error(`no table after ${heading}`);
  const rows: Element[][] = [];
  visit(table, 'element', (node) => {
    if (node.tagName === 'tr') rows.push(node.children.filter((cell): cell is Element => cell.type === 'element' && /^t[dh]$/.test(cell.tagName)));
  });
  return rows;
}

/** A PDF's text on one line, with line breaks after dashes undone (`2014–\n2015` → `2014–2015`). */
async function pdfText(file: string): Promise<string> {
  return (await pdfPages(file)).join('\n').replace(/\s+/g, ' ').replace(/([–-]) (?=\d)/g, '$1');
}

async function pageSizes(file: string): Promise<number[][]> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const sizes: number[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const [, , width, height] = (await pdf.getPage(number)).view;
    sizes.push([Math.round(width!), Math.round(height!)]);
  }
  await pdf.destroy();
  return sizes;
}

async function templateTexts(project: TempProject): Promise<string[]> {
  const dir = project.path('templates', 'briefs');
  return Promise.all((await readdir(dir)).sort().map((name) => readFile(path.join(dir, name), 'utf8')));
}

describe('the curated briefs (end to end, real Chromium)', () => {
  let project: TempProject;
  let run: CliRun;
  let savedEpoch: string | undefined;

  beforeAll(async () => {
    savedEpoch = process.env['SOURCE_DATE_EPOCH'];
    process.env['SOURCE_DATE_EPOCH'] = edition;
    project = await makeProject();
    run = await runCli(['build'], project.root);
  });

  afterAll(async () => {
    if (savedEpoch === undefined) delete process.env['SOURCE_DATE_EPOCH'];
    else process.env['SOURCE_DATE_EPOCH'] = savedEpoch;
    await project.remove();
  });

  it('should build the three briefs', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  // Every fact of a brief's topic is printed in full (not only as a table cell): the TIP brief
  // states its figures in their year's section too, which takes it to seven pages.
  it.each(briefs)('should make %s two to eight A4 pages', async (id) => {
    const sizes = await pageSizes(project.path('output', `${id}.pdf`));
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(sizes.length).toBeLessThanOrEqual(8);
    for (const size of sizes) expect(size).toEqual([595, 842]);
  });

  it.each(briefs)('should put in %s the facts a careful reader of the sources expects', async (id) => {
    const pdf = await pdfText(project.path('output', `${id}.pdf`));
    for (const pattern of expected[id]) expect(pdf, String(pattern)).toMatch(pattern);
  });

  it('should give the TIP table a row per report year in the sources, one note per row and a figure or "–" in every other cell', async () => {
    const html = await readFile(project.path('output', 'tip-assessment.html'), 'utf8');
    const rows = tableRows(html, 'The reports at a glance');
    expect(rows[0]!.map((cell) => text(cell))).toEqual(['Report', 'Covers', 'Investigations', 'Prosecutions', 'Convictions', 'Victims identified', 'Victim-care funding']);
    const body = rows.slice(1);
    expect(body.map((row) => cellText(row[0]!))).toEqual(['2011', '2016', '2022', '2023']);
    for (const row of body) {
      expect(row).toHaveLength(7);
      expect(visitHasNote(row[0]!), text(row[0]!)).toBe(true);
      for (const cell of row.slice(1)) {
        expect(cellText(cell)).not.toBe('');
        expect(visitHasNote(cell), text(cell)).toBe(false);
      }
    }
  });

  it('should draw the chart into the HTML as one <svg> per panel, each named by its values in words', async () => {
    const html = await readFile(project.path('output', 'tip-assessment.html'), 'utf8');
    expect(html).toMatch(/<figure class="chart" id="chart-figures-1" role="group" aria-label="Figures the sources give for two or more years">/);
    expect(html).toMatch(/<svg[^>]*class="chart-panel"[^>]*role="img" aria-label="Investigations: 63 in 2009, 194 in 2010\."/);
    expect(html).not.toContain('The chart in words');
    // Raw HTML is still dropped: the only SVGs are the four panels and the key's three glyphs the build drew.
    expect(html.match(/<svg[^>]*class="chart-panel"/g)).toHaveLength(4);
    expect(html.match(/<svg/g)).toHaveLength(7);
  });

  it('should name in the Coverage note the report years no source covers', async () => {
    const pdf = await pdfText(project.path('output', 'tip-assessment.pdf'));
    expect(pdf).toMatch(/no source for the reports of 2012–2015, 2017–2021 and 2024–2026/);
  });

  describe('after adding the report of another year (a synthetic test fixture) and its facts', () => {
    let added: CliRun;
    let templatesBefore: string[];

    beforeAll(async () => {
      templatesBefore = await templateTexts(project);
      const document = await readFile(path.join(fixture, 'tip-2013-kosovo-synthetic.txt'), 'utf8');
      await project.write('sources/documents/tip-2013-kosovo-synthetic.txt', document);
      const entry = await readFile(path.join(fixture, 'source-entry.yaml'), 'utf8');
      await project.edit('sources/sources.yaml', (yaml) => `${yaml.trimEnd()}\n${entry}`);
      const facts = await readFile(path.join(fixture, 'facts.yaml'), 'utf8');
      await project.edit('sources/facts.yaml', (yaml) => `${yaml.trimEnd()}\n${facts}`);
      added = await runCli(['build', '--brief', 'tip-assessment'], project.root);
    });

    it('should build without any template edit', async () => {
      expect(added.code, added.stderr).toBe(0);
      expect(await templateTexts(project)).toEqual(templatesBefore);
    });

    it('should add a table row for the new year, filled from its facts', async () => {
      const html = await readFile(project.path('output', 'tip-assessment.html'), 'utf8');
      const rows = tableRows(html, 'The reports at a glance').slice(1);
      expect(rows.map((row) => cellText(row[0]!))).toEqual(['2011', '2013', '2016', '2022', '2023']);
      const row2013 = rows[1]!.map(cellText);
      expect(row2013.slice(1, 7)).toEqual(['2012', '57 (48 in 2011)', '52 offenders', '17 (9 in 2011)', '33', '$180,000']);
    });

    it('should add a section for the new year', async () => {
      const pdf = await pdfText(project.path('output', 'tip-assessment.pdf'));
      expect(pdf).toMatch(/The 2013 report, covering 2012/);
      expect(pdf).toMatch(/improved the training of judges and prosecutors/);
    });

    it('should add the new years’ figures to the chart', async () => {
      const html = await readFile(project.path('output', 'tip-assessment.html'), 'utf8');
      expect(html).toMatch(/aria-label="Investigations: 63 in 2009, 194 in 2010, 48 in 2011, 57 in 2012\."/);
      const start = html.indexOf('class="chart-panel"');
      const svg = html.slice(start, html.indexOf('</svg>', start));
      for (const label of ['48', '57', '2011', '2012']) expect(svg).toContain(`>${label}<`);
    });

    it('should no longer count the new year as missing', async () => {
      const pdf = await pdfText(project.path('output', 'tip-assessment.pdf'));
      expect(pdf).toMatch(/no source for the reports of 2012, 2014–2015, 2017–2021 and 2024–2026/);
    });
  });
});

function visitHasNote(cell: Element): boolean {
  let found = false;
  visit(cell, 'element', (node) => {
    if (node.tagName === 'a' && 'dataFootnoteRef' in node.properties) found = true;
  });
  return found;
}
