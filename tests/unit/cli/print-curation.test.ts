import { describe, expect, it } from 'vitest';
import { coverageText, sourcesJson, sourcesText } from '../../../src/cli/print-curation.js';
import { coverage, listSources } from '../../../src/curation/index.js';
import { factMap, makeBrief, makeDoc, makeFact } from '../curation/make-data.js';

const report = makeDoc('report', 30);
const pdf = makeDoc('scan', 40, { pageOf: (n) => Math.ceil(n / 4), pages: 12 });
const longIds = Array.from({ length: 12 }, (_, index) => `a-rather-long-fact-identifier-number-${index}`);
const facts = factMap([
  ...longIds.map((id, index) => makeFact(id, ['brief'], [[report, (index % 3) + 1]], { report: 2011 + (index % 6) * 2 })),
  makeFact('pdf-fact', ['brief'], [[pdf, 1], [pdf, 18]], { report: 2011 }),
  makeFact('left-out', ['brief'], [[report, 30]]),
]);
const input = { sources: { docs: new Map([[report.id, report], [pdf.id, pdf]]) }, facts, briefs: [makeBrief('brief', [...longIds, 'pdf-fact'])] };

describe('sourcesText', () => {
  const text = sourcesText(listSources(input));

  it('should show a row per document with its format, size, short digest and count of citing facts', () => {
    expect(text).toMatch(new RegExp(`^report +text +30 +– +${report.digest.slice(0, 12)} +13$`, 'm'));
    expect(text).toMatch(new RegExp(`^scan +pdf +40 +12 +${pdf.digest.slice(0, 12)} +1$`, 'm'));
    expect(text).toContain('2 documents; 14 facts cite them.');
  });

  it('should list the facts under the passage they cite, by page for a PDF', () => {
    expect(text).toMatch(/^ {2}p\. 1 +pdf-fact$/m);
    expect(text).toMatch(/^ {2}p\. 5 +pdf-fact$/m);
    expect(text).toMatch(/^ {2}¶ 1 +a-rather-long-fact-identifier-number-0,/m);
  });

  it('should list the passages of a PDF in page order, whatever their labels', () => {
    const front = makeDoc('front', 4, { pageOf: (n) => n, labels: ['ii', 'iv', '1', '2'] });
    const cites = factMap([makeFact('late', ['b'], [[front, 4]]), makeFact('early', ['b'], [[front, 2], [front, 1]])]);
    const listing = sourcesText(listSources({ sources: { docs: new Map([[front.id, front]]) }, facts: cites }));
    expect(listing).toMatch(/^ {2}p\. ii +early\n {2}p\. iv +early\n {2}p\. 2 +late$/m);
  });

  it('should fit an 80-column terminal', () => {
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('should print the file relative to the working directory in JSON', () => {
    const [first] = JSON.parse(sourcesJson(listSources(input), '/project')) as Array<{ file: string; digest: string }>;
    expect(first).toMatchObject({ file: 'sources/documents/report.txt', digest: report.digest });
  });
});

describe('coverageText', () => {
  const text = coverageText(coverage(input, '2026-11-23'));

  it('should say what each brief uses and leaves out', () => {
    expect(text).toMatch(/^ {2}brief +uses 13 facts; leaves out 1:\n {4}left-out$/m);
  });

  it('should compress uncited paragraphs into ranges and give the share cited', () => {
    expect(text).toMatch(/^ {2}report +4 of 30 paragraphs cited; uncited: ¶ 4–29$/m);
  });

  it('should list the pages of a PDF on which nothing is cited', () => {
    expect(text).toMatch(/^ {2}scan +2 of 40 paragraphs cited, on 2 of 10 pages with text;\s+none cited on pp\. 2–4, 6–10$/m);
  });

  it('should list the report years with no source and state the June assumption', () => {
    expect(text).toMatch(/^TIP report years 2011–2026$/m);
    expect(text).toMatch(/^ {2}2011 {2}3 facts from report, scan$/m);
    expect(text).toMatch(/no source for 10 years: 2012, 2014, 2016, 2018, 2020, 2022–2026$/m);
    expect(text).toMatch(/published each June: a\s+report\s+year counts from 1 June/);
  });

  it('should fit an 80-column terminal', () => {
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
