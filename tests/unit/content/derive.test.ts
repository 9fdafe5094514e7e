import { describe, expect, it } from 'vitest';
import { collectSeries } from '../../../src/compose/figure-series.js';
import { figureTable } from '../../../src/compose/figure-table.js';
import { formatFigure, formatPeriod } from '../../../src/compose/format-figure.js';
import { createNoteMarks, emptyLedger } from '../../../src/compose/notes.js';
import { lawTable } from '../../../src/compose/law-table.js';
import { tipTable } from '../../../src/compose/tip-table.js';
import { collectReports, latestPossibleReport, missingReportYears } from '../../../src/compose/tip-reports.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import type { SourceDoc } from '../../../src/ingest/index.js';
import { verifiedFact } from '../../helpers/verified-fact.js';

let line = 0;
/** A verified fact for tests, each ten lines further down facts.yaml. */
const fact = (id: string, extra: Partial<VerifiedFact> = {}) => verifiedFact(id, extra, { line: (line += 10) });

const marks = () => createNoteMarks(emptyLedger());


describe('collectReports', () => {
  it('should group facts by TIP report year, ascending, with the facts that state period and tier', () => {
    const reports = collectReports([
      fact('b', { tip: { report: 2016 } }),
      fact('a', { tip: { report: 2011, tier: 'Tier 2' } }),
      fact('c', { tip: { report: 2011, covers: 2010 } }),
      fact('undated'),
    ]);
    expect(reports.map((report) => [report.year, report.facts.map((f) => f.id), report.tiers.map((f) => f.id), report.covers.map((f) => f.id)])).toEqual([
      [2011, ['a', 'c'], ['a'], ['c']],
      [2016, ['b'], [], []],
    ]);
  });
});

describe('missingReportYears and latestPossibleReport', () => {
  it('should list the years from the earliest report to the latest possible one that no fact covers', () => {
    expect(missingReportYears([2011, 2016, 2022, 2023], 2026)).toEqual([2012, 2013, 2014, 2015, 2017, 2018, 2019, 2020, 2021, 2024, 2025, 2026]);
    expect(missingReportYears([], 2026)).toEqual([]);
  });

  it('should count a year’s report as possible from June, whether the edition is ISO or as printed', () => {
    expect(latestPossibleReport('2026-11-23')).toBe(2026);
    expect(latestPossibleReport('2026-05-31')).toBe(2025);
    expect(latestPossibleReport('23 November 2026')).toBe(2026);
    expect(latestPossibleReport('1 June 2026')).toBe(2026);
    expect(latestPossibleReport('someday')).toBeUndefined();
  });
});

describe('tipTable', () => {
  const header = '| Report | Covers | Investigations | Prosecutions | Convictions | Victims identified | Victim-care funding |';
  const key = "<!-- uncited -->\n*–: the row's source gives no figure. Each report's note lists the passages of its row.*";

  it('should show "–" where the row’s source gives no figure, with one note per row, on the report year, citing all its facts', () => {
    const ledger = emptyLedger();
    const reports = collectReports([
      fact('tier', { tip: { report: 2012, tier: 'Tier 2 Watch List' } }),
      fact('inv', { tip: { report: 2012 }, figure: { metric: 'investigations', value: 57, unit: 'investigations', period: 2011 } }),
    ]);
    const table = tipTable(reports, createNoteMarks(ledger), ledger, new Map());
    // No Tier column: tiers are in the tier timeline.
    expect(table).toBe([header, '| --- | --- | --- | --- | --- | --- | --- |', '| 2012[^tier+inv] | – | 57 (2011) | – | – | – | – |', '', key].join('\n'));
    expect(ledger.used).toEqual(['tier', 'inv']);
    // A table cell only cites: the facts are not stated in the body.
    expect(ledger.placed).toEqual(new Set());
  });

  it('should print no key when every cell has a figure (units only where a column holds two metrics)', () => {
    const ledger = emptyLedger();
    const figure = (id: string, metric: 'investigations' | 'prosecutions' | 'convictions' | 'victims-identified' | 'victim-care-funding', value: number, unit: string) =>
      fact(id, { tip: { report: 2011 }, figure: { metric, value, unit, period: 2010 } });
    const reports = collectReports([
      fact('covers', { tip: { report: 2011, covers: 2010 } }),
      figure('inv', 'investigations', 194, 'investigations'),
      figure('pros', 'prosecutions', 83, 'offenders'),
      figure('conv', 'convictions', 11, 'convictions'),
      figure('victims', 'victims-identified', 43, 'persons'),
      figure('funds', 'victim-care-funding', 216234, 'USD'),
    ]);
    const table = tipTable(reports, createNoteMarks(ledger), ledger, new Map());
    expect(table).toBe([header, '| --- | --- | --- | --- | --- | --- | --- |', '| 2011[^covers+inv+pros+conv+victims+funds] | 2010 | 194 | 83 offenders | 11 | 43 | $216,234 |'].join('\n'));
  });

  it('should cite a fact once in its row’s note, and not a second fact quoting the same passages', () => {
    const ledger = emptyLedger();
    const covers = fact('covers', { tip: { report: 2011, covers: 2010, tier: 'Tier 2' } });
    const same = fact('same', { tip: { report: 2011 }, figure: { metric: 'convictions', value: 11, unit: 'convictions', period: 2010 }, citations: covers.citations });
    const table = tipTable(collectReports([covers, same]), createNoteMarks(ledger), ledger, new Map());
    expect(table.split('\n')[2]).toBe('| 2011[^covers] | 2010 | – | – | 11 | – | – |');
    // Both are recorded as used by the brief.
    expect(ledger.used).toEqual(['covers', 'same']);
  });

  it('should name a related figure where the column’s own is not stated', () => {
    const ledger = emptyLedger();
    const reports = collectReports([fact('fund', { tip: { report: 2016, covers: 2015 }, figure: { metric: 'shelter-funding', stated: 'increased', period: 2015 } })]);
    expect(tipTable(reports, createNoteMarks(ledger), ledger, new Map()).split('\n')[2]).toBe('| 2016[^fund] | 2015 | – | – | – | – | – (shelter funding: increased) |');
  });

  it('should give the caveats of the facts in the table to "Where the sources disagree or are silent", once, not print them under it', () => {
    const ledger = emptyLedger();
    const marks = createNoteMarks(ledger);
    const reports = collectReports([
      fact('conv', { tip: { report: 2011, covers: 2010 }, note: 'Sex trafficking\n  only.', figure: { metric: 'convictions', value: 11, unit: 'convictions', period: 2010 } }),
    ]);
    const table = tipTable(reports, marks, ledger, new Map());
    expect(table).not.toContain('Sex trafficking');
    expect(ledger.asides).toEqual(['*2011 report, convictions*: Sex trafficking only.[^conv]']);
    expect(ledger.noted).toEqual(new Set(['conv']));
    // A second table of the same facts gives no second caveat.
    tipTable(reports, marks, ledger, new Map());
    expect(ledger.asides).toHaveLength(1);
  });
});

describe('lawTable', () => {
  const docs = new Map([
    ['tip', { bib: { title: 'TIP 2011', label: 'the 2011 TIP report' } }],
    ['eu', { bib: { title: 'EU Anti-Trafficking Day' } }],
  ]) as unknown as ReadonlyMap<string, SourceDoc>;
  const law = (id: string, source: string, law: VerifiedFact['law'], extra: Partial<VerifiedFact> = {}) => verifiedFact(id, { law, ...extra }, { line: (line += 10), source });

  it('should give each instrument one row, with one note on the instrument citing the row’s facts, and "–" where its sources do not say', () => {
    const ledger = emptyLedger();
    const facts = [
      law('code-prohibits', 'tip', { instrument: '2004 criminal code', articles: ['137', '139'], aspect: 'prohibits' }, { short: 'all forms of trafficking' }),
      law('code-penalty', 'tip', { instrument: '2004 criminal code', aspect: 'penalty' }, { short: "up to 12 years' imprisonment" }),
      law('law-in-force', 'eu', { instrument: 'the 2013 law', aspect: 'in-force' }, { date: '2013-09' }),
      fact('not-a-law'),
    ];
    const table = lawTable(facts, docs, createNoteMarks(ledger), ledger);
    expect(table).toBe(
      [
        '| Instrument | In force | What it prohibits or covers | Penalties | According to |',
        '| --- | --- | --- | --- | --- |',
        "| 2004 criminal code, Arts. 137 and 139[^code-prohibits+code-penalty] | – | all forms of trafficking | up to 12 years' imprisonment | the 2011 TIP report |",
        '| the 2013 law[^law-in-force] | September 2013 | – | – | EU Anti-Trafficking Day |',
        '',
        "<!-- uncited -->\n*–: the row's sources do not say. Each instrument's note lists the passages of its row.*",
      ].join('\n'),
    );
    expect(ledger.used).toEqual(['code-prohibits', 'code-penalty', 'law-in-force']);
  });

  it('should give the caveats of its facts to "Where the sources disagree or are silent", once', () => {
    const ledger = emptyLedger();
    const marks = createNoteMarks(ledger);
    const facts = [law('code', 'tip', { instrument: '2004 criminal code', aspect: 'prohibits' }, { short: 'trafficking', note: 'No source\n dates the code.' })];
    expect(lawTable(facts, docs, marks, ledger)).not.toContain('No source dates');
    expect(ledger.asides).toEqual(['*2004 criminal code* (the 2011 TIP report): No source dates the code.[^code]']);
    lawTable(facts, docs, marks, ledger);
    expect(ledger.asides).toHaveLength(1);
  });

  it('should be empty for facts that describe no instrument', () => {
    const ledger = emptyLedger();
    expect(lawTable([fact('x')], docs, createNoteMarks(ledger), ledger)).toBe('');
    expect(ledger.used).toEqual([]);
  });
});

describe('collectSeries', () => {
  it('should keep only figures given for two or more years, one series per metric and unit', () => {
    const { series } = collectSeries([
      fact('a', { figure: { metric: 'investigations', value: 63, unit: 'investigations', period: 2009 } }),
      fact('b', { figure: { metric: 'investigations', value: 194, unit: 'investigations', period: 2010 } }),
      fact('c', { figure: { metric: 'victim-care-funding', value: 216234, unit: 'USD', period: 2010 } }),
      fact('d', { figure: { metric: 'child-share-of-victims', value: 60, unit: 'percent', period: '2017-2021' } }),
    ]);
    expect(series.map((s) => [s.metric, s.points.map((point) => [point.year, point.value])])).toEqual([['investigations', [[2009, 63], [2010, 194]]]]);
  });

  it('should show the newest report’s figure where reports disagree, and report the disagreement', () => {
    const { series, conflicts } = collectSeries([
      fact('old', { tip: { report: 2011 }, figure: { metric: 'convictions', value: 11, unit: 'convictions', period: 2010 } }),
      fact('new', { tip: { report: 2012 }, figure: { metric: 'convictions', value: 12, unit: 'convictions', period: 2010 } }),
      fact('next', { tip: { report: 2012 }, figure: { metric: 'convictions', value: 20, unit: 'convictions', period: 2011 } }),
    ]);
    expect(series[0]?.points.map((point) => [point.year, point.value, point.fact.id])).toEqual([[2010, 12, 'new'], [2011, 20, 'next']]);
    expect(conflicts.map((conflict) => [conflict.year, conflict.facts.map((f) => f.id)])).toEqual([[2010, ['old', 'new']]]);
  });
});

describe('formatFigure', () => {
  it('should write figures as the brief prints them', () => {
    expect(formatFigure({ metric: 'victim-care-funding', value: 216234, unit: 'USD' })).toBe('$216,234');
    expect(formatFigure({ metric: 'raids', value: 300, unit: 'bars and cafes', qualifier: 'over' })).toBe('over 300 bars and cafes');
    expect(formatFigure({ metric: 'sms-recipients', value: 1_000_000, unit: 'subscribers', qualifier: 'more than' })).toBe('more than 1 million subscribers');
    expect(formatFigure({ metric: 'anti-trafficking-officers', value: 50, unit: 'percent', qualifier: 'about' })).toBe('about 50%');
    expect(formatFigure({ metric: 'investigations', value: 194, unit: 'investigations', about: { label: 'Investigations', unit: 'investigations' } }, { bare: true })).toBe('194');
    expect(formatFigure({ metric: 'officials-convicted', value: 0, unit: 'persons' })).toBe('none');
    expect(formatFigure({ metric: 'officials-prosecuted', value: 1, unit: 'municipal officials' })).toBe('1 municipal official');
    expect(formatFigure({ metric: 'convictions', stated: 'a five-year low' })).toBe('a five-year low');
  });

  it('should write periods as years, ranges or "not stated"', () => {
    expect([formatPeriod(2010), formatPeriod('2017-2021'), formatPeriod('unstated'), formatPeriod(undefined)]).toEqual(['2010', '2017–2021', 'not stated', 'not stated']);
  });
});

describe('figureTable', () => {
  it('should write one or two figures as their statements, and more as a table with the shared year in its header', () => {
    const two = [fact('x', { figure: { metric: 'shelters', value: 9, unit: 'shelters', period: 2010 } })];
    expect(figureTable(two, marks())).toBe('Statement of x.[^x]');
    const many = ['a', 'b', 'c'].map((id) => fact(id, { short: `what ${id}`, figure: { metric: 'shelters', value: 9, unit: 'shelters', period: 2010 } }));
    expect(figureTable(many, marks()).split('\n').slice(0, 3)).toEqual([
      '| What (figures for 2010) | Figure |',
      '| --- | --- |',
      '| what a | 9 shelters[^a] |',
    ]);
  });

  it('should set a long table as two pairs of columns side by side', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => fact(id, { short: id, figure: { metric: 'shelters', value: 1, unit: 'shelters', period: 2010 } }));
    const lines = figureTable(many, marks()).split('\n');
    expect(lines[0]).toBe('| What (figures for 2010) | Figure | What (figures for 2010) | Figure |');
    expect(lines).toHaveLength(2 + 4);
    expect(lines.at(-1)).toBe('| d | 1 shelter[^d] |  |  |');
  });
});
