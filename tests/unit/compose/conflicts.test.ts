import { describe, expect, it } from 'vitest';
import { checkConflicts, checkDisagreementsShown, disagreements, findConflicts } from '../../../src/compose/conflicts.js';
import { createNoteMarks, emptyLedger } from '../../../src/compose/notes.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import type { SourceDoc } from '../../../src/ingest/index.js';
import { verifiedFact } from '../../helpers/verified-fact.js';

/** A verified fact at `line` of facts.yaml, citing `source`. */
const fact = (id: string, line: number, source: string, extra: Partial<VerifiedFact> = {}) => verifiedFact(id, extra, { line, source });


const docs = new Map([
  ['koha', { bib: { title: 'Koha', label: "Koha's summary" } }],
  ['wiki', { bib: { title: 'Wikipedia' } }],
]) as unknown as ReadonlyMap<string, SourceDoc>;

const tier2 = fact('koha-tier', 10, 'koha', { tip: { report: 2016, tier: 'Tier 2' } });
const watch = fact('wiki-tier', 40, 'wiki', { tip: { report: 2016, tier: 'Tier 2 Watch List' } });
const investigations = fact('a-194', 70, 'koha', { figure: { metric: 'investigations', value: 194, unit: 'investigations', period: 2010 } });
const investigations195 = fact('b-195', 90, 'wiki', { figure: { metric: 'investigations', value: 195, unit: 'investigations', period: 2010 } });

describe('findConflicts', () => {
  it('should find two tiers for one report year, and two numbers for one metric and period', () => {
    const conflicts = findConflicts([tier2, watch, investigations, investigations195, fact('other-year', 110, 'wiki', { tip: { report: 2017, tier: 'Tier 3' } })]);
    expect(conflicts.map((conflict) => [conflict.subject, conflict.answers.map((answer) => answer.value)])).toEqual([
      ['the tier in the 2016 report', ['Tier 2', 'Tier 2 Watch List']],
      ['investigations in 2010', ['194 investigations', '195 investigations']],
    ]);
  });

  it('should find nothing where the sources agree', () => {
    expect(findConflicts([tier2, fact('again', 50, 'wiki', { tip: { report: 2016, tier: 'Tier 2' } })])).toEqual([]);
  });
});

describe('checkConflicts', () => {
  it('should stop on a disagreement nothing acknowledges, at the later fact', () => {
    const [message, ...rest] = checkConflicts(findConflicts([tier2, watch]), '/p/sources/facts.yaml');
    expect(rest).toEqual([]);
    expect(message!.ruleId).toBe('conflict-unacknowledged');
    expect(message!.fatal).toBe(true);
    expect([message!.file, message!.line, message!.column]).toEqual(['/p/sources/facts.yaml', 40, 3]);
    expect(message!.message).toBe('The facts koha-tier (Tier 2) and wiki-tier (Tier 2 Watch List) disagree on the tier in the 2016 report, and neither acknowledges the other.');
  });

  it('should accept a disagreement a `conflicts:` entry or a note naming the other value acknowledges', () => {
    expect(checkConflicts(findConflicts([tier2, { ...watch, conflicts: ['koha-tier'] }]), 'f')).toEqual([]);
    expect(checkConflicts(findConflicts([{ ...tier2, note: 'Wikipedia gives Tier 2 Watch List for the same report.' }, watch]), 'f')).toEqual([]);
    expect(checkConflicts(findConflicts([investigations, { ...investigations195, note: 'The 2011 report says 194.' }]), 'f')).toEqual([]);
  });

  it('should not take a note about something else as an acknowledgement', () => {
    expect(checkConflicts(findConflicts([investigations, { ...investigations195, note: 'The article gives no source for 2010.' }]), 'f')).toHaveLength(1);
  });
});

describe('disagreements', () => {
  it('should print every answer with its source and note marker, and the caveats', () => {
    const ledger = emptyLedger();
    const text = disagreements(findConflicts([{ ...tier2, note: 'Koha does not name the list.' }, watch]), docs, createNoteMarks(ledger));
    expect(text).toBe(
      "## Where the sources disagree or are silent\n\n- **The tier in the 2016 report**: Tier 2, according to Koha's summary[^koha-tier]; Tier 2 Watch List, according to Wikipedia[^wiki-tier]. *Koha does not name the list.*",
    );
    expect(ledger.used).toEqual(['koha-tier', 'wiki-tier']);
  });

  it('should give an answer several facts give one note marker citing them all', () => {
    const ledger = emptyLedger();
    const again = fact('wiki-tier-again', 60, 'wiki', { tip: { report: 2016, tier: 'Tier 2 Watch List' }, statement: 'Again.' });
    const text = disagreements(findConflicts([tier2, watch, again]), docs, createNoteMarks(ledger));
    expect(text).toBe(
      "## Where the sources disagree or are silent\n\n- **The tier in the 2016 report**: Tier 2, according to Koha's summary[^koha-tier]; Tier 2 Watch List, according to Wikipedia[^wiki-tier+wiki-tier-again].",
    );
    expect(ledger.used).toEqual(['koha-tier', 'wiki-tier', 'wiki-tier-again']);
  });

  it('should print the caveats of tables and charts, then what the sources are silent on, after the disagreements', () => {
    const ledger = emptyLedger();
    const text = disagreements(findConflicts([tier2, watch]), docs, createNoteMarks(ledger), {
      asides: ['*2011 report, investigations*: Counts cases.[^a-194]'],
      silent: ['No source covers the 2012 report.'],
    });
    expect(text).toBe(
      [
        '## Where the sources disagree or are silent',
        '',
        "- **The tier in the 2016 report**: Tier 2, according to Koha's summary[^koha-tier]; Tier 2 Watch List, according to Wikipedia[^wiki-tier].",
        '',
        '<!-- uncited -->',
        'Read with their caveats:',
        '',
        '- *2011 report, investigations*: Counts cases.[^a-194]',
        '',
        '<!-- uncited -->',
        '- No source covers the 2012 report.',
      ].join('\n'),
    );
  });

  it('should print the caveats, or the silences, alone when the facts agree', () => {
    const marks = createNoteMarks(emptyLedger());
    expect(disagreements([], docs, marks, { asides: ['*Law*: A caveat.[^x]'] })).toBe(
      '## Where the sources disagree or are silent\n\n<!-- uncited -->\nRead with their caveats:\n\n- *Law*: A caveat.[^x]',
    );
    expect(disagreements([], docs, marks, { silent: ['No source covers 2012.'] })).toBe(
      '## Where the sources disagree or are silent\n\n<!-- uncited -->\n- No source covers 2012.',
    );
  });

  it('should say that the sources agree when they do and there is nothing else to say', () => {
    const said = disagreements([], docs, createNoteMarks(emptyLedger()));
    expect(said).toMatch(/^## Where the sources disagree or are silent\n\n<!-- uncited -->\nThe sources of this brief do not contradict one another on any tier, figure or date it gives\./);
    expect(disagreements([], docs, createNoteMarks(emptyLedger()), { asides: [], silent: [] })).toBe(said);
  });
});

describe('checkDisagreementsShown', () => {
  it('should require `{{disagreements}}` in a brief whose facts disagree', () => {
    const brief = { briefId: 'tip-assessment', templatePath: '/p/templates/briefs/tip-assessment.md.hbs', showsDisagreements: false };
    const [message] = checkDisagreementsShown(brief, [tier2, watch]);
    expect(message?.ruleId).toBe('disagreements-not-shown');
    expect(message?.file).toBe('/p/templates/briefs/tip-assessment.md.hbs');
    expect(checkDisagreementsShown({ ...brief, showsDisagreements: true }, [tier2, watch])).toEqual([]);
    expect(checkDisagreementsShown({ ...brief, briefId: 'legal-framework' }, [tier2, watch])).toEqual([]);
  });
});
