import { describe, expect, it } from 'vitest';
import { aboutEvidence, evidenceSources, sourceKind } from '../../../src/compose/evidence-base.js';
import { briefSummary } from '../../../src/compose/summary.js';
import { collectReports } from '../../../src/compose/tip-reports.js';
import type { SourceDoc } from '../../../src/ingest/index.js';
import { verifiedFact } from '../../helpers/verified-fact.js';

const doc = (id: string, bib: Record<string, unknown>) => [id, { id, bib: { id, title: id, ...bib } }] as const;
const docs = new Map([
  doc('tip', { type: 'report', kind: 'primary report', label: 'the 2011 TIP report', issued: { 'date-parts': [[2011, 6, 27]] } }),
  doc('koha', { type: 'article-newspaper', kind: 'news summary', label: "Koha's summary" }),
  doc('wp', { type: 'entry-encyclopedia', label: 'Wikipedia' }),
]) as unknown as ReadonlyMap<string, SourceDoc>;

const facts = [
  verifiedFact('a', { year: 2010, tip: { report: 2011, covers: 2010, tier: 'Tier 2' } }, { source: 'tip' }),
  verifiedFact('b', { figure: { metric: 'investigations', value: 63, unit: 'investigations', period: '2009' }, tip: { report: 2011 } }, { source: 'tip' }),
  verifiedFact('c', { tip: { report: 2016, covers: 2015 } }, { source: 'koha' }),
  verifiedFact('d', { year: 2023, tip: { report: 2023, tier: 'Tier 2' } }, { source: 'wp' }),
];

describe('About the evidence', () => {
  it('should name each source by its kind, or by its CSL type where sources.yaml gives none', () => {
    expect([...docs.values()].map(sourceKind)).toEqual(['primary report', 'news summary', 'encyclopedia article']);
  });

  it("should give the years each source describes: a report's are the years before it", () => {
    expect(evidenceSources(facts, docs).map((source) => [source.doc.id, source.years, source.facts])).toEqual([
      ['tip', [2009, 2010], 2],
      ['koha', [2015], 1],
      ['wp', [2023], 1],
    ]);
  });

  it('should count the kinds, say which sources are dated, and tabulate them', () => {
    const text = aboutEvidence(facts, docs);
    expect(text).toMatch(/^<!-- uncited -->\nThis brief rests on three sources: one primary report, one news summary and one encyclopedia article\. Only one gives a date of publication; the other two are undated copies/);
    expect(text).toContain('| the 2011 TIP report | primary report | 27 June 2011 | 2009–2010 | 2 |');
    expect(text).toContain("| Koha's summary | news summary | undated | 2015 | 1 |");
  });

  it('should say "both" or "all" when every source is of one kind', () => {
    const two = [verifiedFact('x', { year: 2000 }, { source: 'wp' }), verifiedFact('y', { year: 2001 }, { source: 'wp2' })];
    const wikis = new Map([doc('wp', { type: 'entry-encyclopedia' }), doc('wp2', { type: 'entry-encyclopedia' })]) as unknown as ReadonlyMap<string, SourceDoc>;
    expect(aboutEvidence(two, wikis)).toMatch(/This brief rests on two sources, both encyclopedia articles\. None gives a date/);
  });
});

describe('the summary', () => {
  it('should say what the brief rests on, which report years it holds first-hand, which it lacks, and the tiers', () => {
    const text = briefSummary({ facts, docs, reports: collectReports(facts), missing: [2012, 2013, 2014, 2015, 2017], conflicts: [] });
    expect(text).toContain('This brief sets out what three sources say, in 4 statements, on events from 2009 to 2023; one of the sources is dated.');
    expect(text).toContain('It draws on three years of US Trafficking in Persons reports (2011, 2016 and 2023); for 2011 the collection holds the report itself, for 2016 and 2023 only a summary or an encyclopedia article; it has none for 2012–2015 and 2017.');
    expect(text).toContain('The tiers they give: Tier 2 in 2011 and 2023; the source for 2016 states none.');
  });
});
