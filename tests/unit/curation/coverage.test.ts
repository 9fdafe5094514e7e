import { describe, expect, it } from 'vitest';
import { briefCoverage, coverage, documentCoverage, latestPublishedReport, reportYearCoverage } from '../../../src/curation/index.js';
import { factMap, makeBrief, makeDoc, makeFact } from './make-data.js';

describe('briefCoverage', () => {
  const doc = makeDoc('doc', 3);
  const facts = factMap([
    makeFact('law-1', ['legal'], [[doc, 1]]),
    makeFact('law-2', ['legal', 'tip'], [[doc, 2]]),
    makeFact('law-3', ['legal'], [[doc, 3]]),
    makeFact('tip-1', ['tip'], [[doc, 1]]),
  ]);

  it('should count the facts a brief uses and list the facts of its topic it leaves out', () => {
    const [legal] = briefCoverage([makeBrief('legal', ['law-3', 'law-1', 'law-3'])], facts);
    expect(legal).toEqual({ briefId: 'legal', title: 'The legal brief', used: ['law-3', 'law-1'], unused: ['law-2'], offTopic: [] });
  });

  it('should list the facts a brief uses from other topics', () => {
    const [tip] = briefCoverage([makeBrief('tip', ['tip-1', 'law-2', 'law-1'])], facts);
    expect(tip).toMatchObject({ used: ['tip-1', 'law-2', 'law-1'], unused: [], offTopic: ['law-1'] });
  });
});

describe('documentCoverage', () => {
  it('should list the paragraphs no fact cites and the share cited', () => {
    const doc = makeDoc('doc', 12);
    const facts = factMap([makeFact('a', ['t'], [[doc, 5], [doc, 6]]), makeFact('b', ['t'], [[doc, 8], [doc, 5]])]);
    const [result] = documentCoverage(new Map([[doc.id, doc]]), facts);
    expect(result).toEqual({
      id: 'doc',
      title: 'The doc document',
      format: 'text',
      paragraphs: { total: 12, cited: 3, uncited: [1, 2, 3, 4, 7, 9, 10, 11, 12] },
    });
  });

  it('should ignore citations of other documents', () => {
    const doc = makeDoc('doc', 2);
    const other = makeDoc('other', 2);
    const [result] = documentCoverage(new Map([[doc.id, doc]]), factMap([makeFact('a', ['t'], [[other, 1]])]));
    expect(result!.paragraphs).toEqual({ total: 2, cited: 0, uncited: [1, 2] });
  });

  it('should list the pages of a PDF on which no fact cites anything, with their labels', () => {
    // Ten paragraphs, two a page, on pages 2 to 6 of a seven-page PDF (page 1 and 7 hold no text).
    const labels = ['cover', 'i', 'ii', '1', '2', '3', 'back'];
    const pdf = makeDoc('scan', 10, { pageOf: (n) => Math.ceil(n / 2) + 1, pages: 7, labels });
    const facts = factMap([makeFact('a', ['t'], [[pdf, 4]]), makeFact('b', ['t'], [[pdf, 9]])]);
    const [result] = documentCoverage(new Map([[pdf.id, pdf]]), facts);
    expect(result!.paragraphs).toEqual({ total: 10, cited: 2, uncited: [1, 2, 3, 5, 6, 7, 8, 10] });
    expect(result!.pages).toEqual({
      total: 7,
      withText: 5,
      cited: 2,
      uncited: [
        { page: 2, label: 'i' },
        { page: 4, label: '1' },
        { page: 5, label: '2' },
      ],
    });
  });
});

describe('latestPublishedReport', () => {
  it('should count this year’s report from its June, as the briefs’ Coverage note does', () => {
    expect(latestPublishedReport('2026-01-15')).toBe(2025);
    expect(latestPublishedReport('2026-05-31')).toBe(2025);
    expect(latestPublishedReport('2026-06-01')).toBe(2026);
    expect(latestPublishedReport('2026-12-31')).toBe(2026);
  });

  it('should refuse a date that is not ISO', () => {
    expect(() => latestPublishedReport('23 November 2026')).toThrow(/not an ISO date/);
  });
});

describe('reportYearCoverage', () => {
  const tip2011 = makeDoc('tip-2011', 3);
  const summary = makeDoc('summary', 2);
  const facts = factMap([
    makeFact('t11-a', ['tip'], [[tip2011, 1]], { report: 2011 }),
    makeFact('t11-b', ['tip'], [[summary, 2], [tip2011, 2]], { report: 2011 }),
    makeFact('t14', ['tip'], [[summary, 1]], { report: 2014 }),
    makeFact('no-tip', ['tip'], [[summary, 1]]),
  ]);

  it('should list the years covered with their documents and facts, and the years missing', () => {
    const years = reportYearCoverage(facts, '2016-11-23');
    expect(years.covered).toEqual([
      { year: 2011, sources: ['tip-2011', 'summary'], facts: ['t11-a', 't11-b'] },
      { year: 2014, sources: ['summary'], facts: ['t14'] },
    ]);
    expect(years).toMatchObject({ first: 2011, last: 2016, latestPublished: 2016, missing: [2012, 2013, 2015, 2016] });
    expect(years.assumption).toMatch(/June/);
  });

  it('should not count this year before its June', () => {
    expect(reportYearCoverage(facts, '2016-05-10')).toMatchObject({ last: 2015, missing: [2012, 2013, 2015] });
    expect(reportYearCoverage(facts, '2016-06-01')).toMatchObject({ last: 2016, missing: [2012, 2013, 2015, 2016] });
  });

  it('should extend the range to a later report a fact cites', () => {
    expect(reportYearCoverage(facts, '2013-02-01')).toMatchObject({ first: 2011, last: 2014, latestPublished: 2012, missing: [2012, 2013] });
  });

  it('should report no range when no fact comes from a TIP report', () => {
    const years = reportYearCoverage(factMap([makeFact('x', ['t'], [[summary, 1]])]), '2026-11-23');
    expect(years).toMatchObject({ covered: [], missing: [], latestPublished: 2026 });
    expect(years.first).toBeUndefined();
  });
});

describe('coverage', () => {
  it('should put briefs, documents and report years together', () => {
    const doc = makeDoc('doc', 2);
    const facts = factMap([makeFact('a', ['b'], [[doc, 1]], { report: 2020 })]);
    const report = coverage({ sources: { docs: new Map([[doc.id, doc]]) }, facts, briefs: [makeBrief('b', ['a'])] }, '2021-08-01');
    expect(report.briefs).toHaveLength(1);
    expect(report.documents[0]!.paragraphs.uncited).toEqual([2]);
    expect(report.reportYears.missing).toEqual([2021]);
  });
});
