import { describe, expect, it } from 'vitest';
import { collectSeries } from '../../../src/compose/figure-series.js';
import { keyFindings } from '../../../src/compose/key-findings.js';
import { createNoteMarks, emptyLedger } from '../../../src/compose/notes.js';
import { collectReports } from '../../../src/compose/tip-reports.js';
import { findStaleKeyPoints } from '../../../src/lint/stale-key-points.js';
import { verifiedFact } from '../../helpers/verified-fact.js';

const fact = (id: string, report: number, tags: string[], statement: string, extra = {}) =>
  verifiedFact(id, { tags, statement, tip: { report }, ...extra }, { source: `tip-${report}` });

const facts = [
  fact('tier-2016', 2016, ['tier', 'finding'], 'The 2016 TIP report placed Kosovo in Tier 2.', { tip: { report: 2016, tier: 'Tier 2' } }),
  fact('no-fund-2016', 2016, ['gap', 'protection'], 'The 2016 TIP report found that the government lacked a compensation fund.'),
  fact('tier-2018', 2018, ['tier', 'finding'], 'The 2018 TIP report placed Kosovo in Tier 2.', { tip: { report: 2018, tier: 'Tier 2' } }),
  fact('overall-2018', 2018, ['finding'], 'The 2018 TIP report found that the government made significant efforts.'),
  fact('fund-2018', 2018, ['protection'], 'The 2018 TIP report stated that the government established a compensation fund.'),
];

describe('keyFindings', () => {
  it('should lead with the newest report: its tier, its finding, then the newest report on each subject', () => {
    const ledger = emptyLedger();
    const points = keyFindings(collectReports(facts), collectSeries(facts).series, createNoteMarks(ledger));
    expect(points).toEqual([
      'The 2018 TIP report placed Kosovo in Tier 2.[^tier-2018]',
      'The 2018 TIP report found that the government made significant efforts.[^overall-2018]',
      'The 2018 TIP report stated that the government established a compensation fund.[^fund-2018]',
    ]);
    // The 2016 "lacked a compensation fund" is not a key finding once the 2018 report speaks to protection.
    // Each point is stated here once: the sections after skip them.
    expect([...ledger.placed]).toEqual(['tier-2018', 'overall-2018', 'fund-2018']);
  });
});

describe('key-point-stale', () => {
  it('should warn at a key point from an older report when a newer one speaks to its subject', () => {
    const messages = findStaleKeyPoints({
      facts: new Map(facts.map((each) => [each.id, each])),
      factsPath: 'sources/facts.yaml',
      briefs: [{ briefId: 'tip-assessment', file: { path: 'x.md.hbs', value: '' }, usedFacts: [], keyPoints: ['no-fund-2016', 'fund-2018'] }],
    });
    expect(messages.map((message) => [message.ruleId, message.fatal, message.reason])).toEqual([
      [
        'key-point-stale',
        false,
        'Key point "no-fund-2016" of the brief "tip-assessment" comes from the 2016 report, but the collection has the 2018 report on the same subject (protection): "fund-2018".',
      ],
    ]);
  });
});
