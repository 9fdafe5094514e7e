import { describe, expect, it } from 'vitest';
import { asOfLine, type SourceRecency } from '../../../src/compose/as-of.js';
import { disagreements, findConflicts } from '../../../src/compose/conflicts.js';
import { editionMonth, formatIsoDate } from '../../../src/compose/format-date.js';
import { formatFigure, formatPeriod } from '../../../src/compose/format-figure.js';
import { lawTable } from '../../../src/compose/law-table.js';
import { listOf } from '../../../src/compose/markdown-text.js';
import { createNoteMarks, emptyLedger } from '../../../src/compose/notes.js';
import { timeline } from '../../../src/compose/timeline.js';
import { latestPossibleReport } from '../../../src/compose/tip-reports.js';
import type { Figure } from '../../../src/facts/index.js';
import type { SourceDoc } from '../../../src/ingest/index.js';
import { loadLocale } from '../../../src/locale/index.js';
import { verifiedFact } from '../../helpers/verified-fact.js';

const english = loadLocale('en');
const albanian = loadLocale('sq');
const serbian = loadLocale('sr-Latn');

const docs = new Map([
  ['koha', { id: 'koha', bib: { title: 'Koha', label: "Koha's summary", type: 'article-newspaper' } }],
  ['wiki', { id: 'wiki', bib: { title: 'Wikipedia', type: 'entry-encyclopedia' } }],
]) as unknown as ReadonlyMap<string, SourceDoc>;

const figure = (value: number, unit: string, extra: Partial<Figure> = {}): Figure =>
  ({ metric: 'investigations', value, unit, period: 2010, about: { label: 'Investigations', unit: 'investigations' }, ...extra }) as Figure;

describe('dates in the collection’s language', () => {
  it('should write an ISO date in the language, English by default', () => {
    expect(formatIsoDate('2011-06-27')).toBe('27 June 2011');
    expect(formatIsoDate('2011-06-27', english)).toBe('27 June 2011');
    expect(formatIsoDate('2011-06-27', albanian)).toBe('27 qershor 2011');
    expect(formatIsoDate('2010-09', albanian)).toBe('shtator 2010');
    expect(formatIsoDate('2016', albanian)).toBe('2016');
  });

  it('should read the edition back as ISO or as the brief prints it, in the language or in English', () => {
    expect(editionMonth('2026-11-23')).toEqual({ year: 2026, month: 11 });
    expect(editionMonth('23 November 2026')).toEqual({ year: 2026, month: 11 });
    expect(editionMonth('23 nëntor 2026', albanian)).toEqual({ year: 2026, month: 11 });
    expect(editionMonth('3 March 2026', albanian)).toEqual({ year: 2026, month: 3 });
    expect(editionMonth('maj 2026', albanian)).toEqual({ year: 2026, month: 5 });
    expect(editionMonth('someday 2026', albanian)).toBeUndefined();
    // TIP reports come out in June: a printed Albanian edition before June has last year's as its latest.
    expect(latestPossibleReport('23 maj 2026', albanian)).toBe(2025);
    expect(latestPossibleReport('23 qershor 2026', albanian)).toBe(2026);
  });
});

describe('lists and numbers in the collection’s language', () => {
  it('should join lists with Intl.ListFormat', () => {
    expect(listOf(['2022', '2023', '2024'])).toBe('2022, 2023 and 2024');
    expect(listOf(['2022', '2023', '2024'], albanian)).toBe('2022, 2023 dhe 2024');
    expect(listOf(['2022', '2023', '2024'], serbian)).toBe('2022, 2023 i 2024');
  });

  it('should write the figures the tool formats itself in the language, as before in English', () => {
    expect(formatFigure(figure(216234, 'USD'))).toBe('$216,234');
    expect(formatFigure(figure(1_000_000, 'USD'), { language: english })).toBe('$1 million');
    expect(formatFigure(figure(50, 'percent', { qualifier: 'about' }))).toBe('about 50%');
    expect(formatFigure(figure(1, 'raids'))).toBe('1 raid');
    expect(formatFigure(figure(0, 'persons'))).toBe('none');
    expect(formatFigure(figure(216234, 'USD'), { language: albanian })).toMatch(/^216\s234\s\$$/);
    expect(formatFigure(figure(2_000_000, 'persons'), { language: albanian })).toBe('2 milion persons');
    expect(formatFigure(figure(12.5, 'percent'), { language: albanian })).toBe('12,5%');
    expect(formatFigure(figure(0, 'persons'), { language: albanian })).toBe('asnjë');
    // A figure without a number keeps the source's words.
    expect(formatFigure({ ...figure(0, 'persons'), value: undefined, stated: 'fewer than before' } as Figure, { language: albanian })).toBe('fewer than before');
    expect(formatFigure(figure(216234.5, 'EUR'), { language: serbian })).toMatch(/^216\.234,5\s€$/);
    expect(formatPeriod('unstated', albanian)).toBe('nuk thuhet');
  });
});

describe('the words compose writes, in the collection’s language', () => {
  const tier2 = verifiedFact('koha-tier', { tip: { report: 2016, tier: 'Tier 2' } }, { line: 10, source: 'koha' });
  const watch = verifiedFact('wiki-tier', { tip: { report: 2016, tier: 'Tier 2 Watch List' } }, { line: 40, source: 'wiki' });

  it('should write "Where the sources disagree" and its answers in Albanian', () => {
    const text = disagreements(findConflicts([tier2, watch], albanian), docs, createNoteMarks(emptyLedger(), albanian));
    expect(text).toContain('## Ku burimet nuk pajtohen ose heshtin');
    expect(text).toContain('**Niveli në raportin e vitit 2016**: Tier 2, sipas Koha\'s summary[^koha-tier]; Tier 2 Watch List, sipas Wikipedia[^wiki-tier].');
    expect(disagreements([], docs, createNoteMarks(emptyLedger(), serbian))).toContain('## Gde se izvori ne slažu ili ćute');
  });

  it('should write the "As of" line in Albanian, its dates in Albanian', () => {
    const doc = { id: 'koha', bib: { title: 'Koha', label: 'Koha', issued: { 'date-parts': [[2016, 7, 1]] } } } as unknown as SourceDoc;
    const other = { id: 'wiki', bib: { title: 'Wikipedia' } } as unknown as SourceDoc;
    const recency: SourceRecency[] = [
      { doc, issued: '2016-07-01', year: 2016, latest: '2016-07-01', fact: tier2 },
      { doc: other, issued: undefined, year: 2015, latest: '2015', fact: watch },
    ];
    expect(asOfLine(recency, createNoteMarks(emptyLedger(), albanian))).toBe(
      '**Gjendja:** burimi më i ri mbi të cilin mbështetet kjo përmbledhje është Koha, botuar më 1 korrik 2016[^koha-tier]. Ajo mbështetet edhe në një burim tjetër, i padatuar.',
    );
    expect(asOfLine(recency, createNoteMarks(emptyLedger()))).toBe(
      '**As of:** the newest source this brief draws on is Koha, published 1 July 2016[^koha-tier]. It draws on one other source, undated.',
    );
  });

  it('should write a timeline’s dates and a law table’s headers and dates in Albanian', () => {
    const inForce = verifiedFact('code', { date: '2013-01-01', law: { instrument: 'Criminal Code', aspect: 'in-force', articles: ['171', '172'] } }, { source: 'koha' });
    const undated = verifiedFact('undated', { short: 'a plan adopted' }, { source: 'wiki' });
    const marks = createNoteMarks(emptyLedger(), albanian);
    expect(timeline([inForce, undated], marks)).toBe('- **1 janar 2013**: Criminal Code, nenet 171 dhe 172: hyrja në fuqi[^code]\n- **Data nuk thuhet**: a plan adopted[^undated]');
    const table = lawTable([inForce], docs, createNoteMarks(emptyLedger(), albanian), emptyLedger());
    expect(table.split('\n')[0]).toBe('| Akti | Në fuqi | Çfarë ndalon ose përfshin | Dënimet | Sipas |');
    expect(table).toContain('| 1 janar 2013 |');
    expect(table).toContain('–: burimet e rreshtit nuk e thonë.');
  });
});
