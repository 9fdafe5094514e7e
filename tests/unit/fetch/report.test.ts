import { describe, expect, it } from 'vitest';
import type { FetchRecord } from '../../../src/fetch/archive.js';
import type { QuoteDrift } from '../../../src/fetch/drift.js';
import { driftMarkdown, driftReport, fetchExitCode, sourceLine } from '../../../src/fetch/report.js';
import type { NewDocument, SeriesFailure, SourceDrift } from '../../../src/fetch/types.js';

const live: FetchRecord = {
  source: 'osce',
  url: 'https://www.osce.org/kosovo/report',
  fetched: '2026-12-02T10:00:00.000Z',
  status: 200,
  digest: 'b'.repeat(64),
  bytes: 100,
  file: 'archive/osce/2026-12-02-bbbbbbbbbbbb.html',
  format: 'html',
};

const unchangedQuote: QuoteDrift = { fact: 'f1', line: 12, quote: 'trained 32 judges', status: 'unchanged', was: '¶ 3', now: '¶ 3' };
const movedQuote: QuoteDrift = { fact: 'f2', line: 20, quote: 'shelters remained underfunded', status: 'moved', was: '¶ 4', now: '¶ 5' };
const goneQuote: QuoteDrift = {
  fact: 'f3',
  line: 31,
  quote: 'Shelters for women remained underfunded',
  status: 'gone',
  was: '¶ 6',
  closest: { where: '¶ 6', line: 14, similarity: 0.8512, text: 'Shelters for men remained underfunded.' },
  differs: '“women” → “men”',
};
const ambiguousQuote: QuoteDrift = { fact: 'f4', line: 40, quote: 'victims of trafficking', status: 'ambiguous', now: '¶ 2, ¶ 9' };

/** A source's drift: changed upstream, every quote still there, pin pending, unless `more` says otherwise. */
const source = (id: string, more: Partial<SourceDrift> = {}): SourceDrift => ({
  id,
  url: `https://example.org/${id}`,
  line: 1,
  pinned: { file: `documents/${id}.html`, digest: 'a'.repeat(64), accessed: '2025-01-10' },
  checked: '2026-12-02T10:00:00.000Z',
  result: 'changed',
  detail: '',
  live: { ...live, source: id, file: `archive/${id}/2026-12-02-bbbbbbbbbbbb.html` },
  pin: 'pending',
  quotes: [unchangedQuote, movedQuote],
  ...more,
});

const current = (id: string, more: Partial<SourceDrift> = {}): SourceDrift => {
  const { live: _live, ...rest } = source(id, { result: 'unchanged', detail: '304 Not Modified', pin: 'current', quotes: [], ...more });
  return rest;
};

const failure: SeriesFailure = { of: 'tip-2025', year: 2026, url: 'https://www.state.gov/2026/kosovo', reason: 'HTTP 500 after 3 tries' };
const newDoc: NewDocument = { id: 'tip-2026', of: 'tip-2025', year: 2026, url: 'https://www.state.gov/2026/kosovo', file: 'archive/tip-2026/2026-12-02-cccccccccccc.html', fetched: '2026-12-02T10:00:00.000Z', found: true };

describe('driftReport', () => {
  it('should count what it says: checked, changed, failed, skipped, broken quotes, and the pins by state', () => {
    const report = driftReport(
      '2026-12-02T10:00:00.000Z',
      [
        current('a'),
        source('b'),
        source('c', { pin: 'moved' }),
        source('d', { pin: 'held', quotes: [unchangedQuote, goneQuote, ambiguousQuote] }),
        current('e', { result: 'failed', detail: 'HTTP 500 after 3 tries' }),
        current('f', { result: 'skipped', detail: 'checked 2026-12-01' }),
      ],
      [newDoc],
      [failure],
    );
    expect(report.summary).toEqual({ checked: 5, changed: 3, failed: 2, skipped: 1, brokenQuotes: 2, moved: ['c'], pending: ['b'], held: ['d'] });
    expect(report.newDocuments).toEqual([newDoc]);
    expect(report.seriesFailures).toEqual([failure]);
    expect(report.generated).toBe('2026-12-02T10:00:00.000Z');
  });
});

describe('fetchExitCode', () => {
  const at = '2026-12-02T10:00:00.000Z';

  it('should be 0 when every source was fetched and every quote still verifies', () => {
    expect(fetchExitCode(driftReport(at, [current('a'), source('b'), source('c', { pin: 'moved' })], [newDoc], []))).toBe(0);
  });

  it('should be 3 when a quote broke', () => {
    expect(fetchExitCode(driftReport(at, [current('a'), source('d', { pin: 'held', quotes: [goneQuote] })], [], []))).toBe(3);
  });

  it('should be 4 when a source could not be fetched, or a year of a series not checked', () => {
    expect(fetchExitCode(driftReport(at, [current('a'), current('e', { result: 'failed' })], [], []))).toBe(4);
    expect(fetchExitCode(driftReport(at, [current('a')], [], [failure]))).toBe(4);
  });

  it('should be 3, not 4, when a quote broke and a fetch failed too', () => {
    expect(fetchExitCode(driftReport(at, [current('e', { result: 'failed' }), source('d', { pin: 'held', quotes: [ambiguousQuote] })], [], [failure]))).toBe(3);
  });
});

describe('sourceLine', () => {
  it('should say an unchanged source is unchanged', () => {
    expect(sourceLine(current('a'))).toBe('unchanged (304 Not Modified)');
  });

  it('should say the quotes of a changed source are still there and how to move the pin', () => {
    expect(sourceLine(source('b'))).toBe('changed upstream; archived as sources/archive/b/2026-12-02-bbbbbbbbbbbb.html: all 2 quotes still there (1 moved); `briefs fetch --accept` moves the pin');
  });

  it('should say a pin moved', () => {
    expect(sourceLine(source('c', { pin: 'moved', quotes: [unchangedQuote] }))).toBe('changed upstream; archived as sources/archive/c/2026-12-02-bbbbbbbbbbbb.html: all 1 quote still there; pin moved');
  });

  it('should say how many quotes broke and where the pin stays', () => {
    expect(sourceLine(source('d', { pin: 'held', quotes: [unchangedQuote, goneQuote, ambiguousQuote] }))).toBe(
      'changed upstream; archived as sources/archive/d/2026-12-02-bbbbbbbbbbbb.html: 2 quotes of 3 no longer verify; the pin stays on documents/d.html',
    );
    expect(sourceLine(source('d', { pin: 'held', quotes: [goneQuote] }))).toContain('1 quote of 1 no longer verifies');
  });

  it('should say a changed source no quote cites', () => {
    expect(sourceLine(source('g', { quotes: [] }))).toContain('no quotes cite it; `briefs fetch --accept` moves the pin');
  });

  it('should say an unchanged source still differs from its pin, when an earlier run found a newer version', () => {
    const line = sourceLine(source('b', { result: 'unchanged', detail: '304 Not Modified' }));
    expect(line).toMatch(/^unchanged\b/);
    expect(line).toContain('304 Not Modified');
    expect(line).toContain('not the pinned copy');
    expect(line).toContain('sources/archive/b/2026-12-02-bbbbbbbbbbbb.html');
    expect(line).toContain('all 2 quotes still there (1 moved); `briefs fetch --accept` moves the pin');
  });

  it('should say why a fetch failed, and what the last version seen upstream did', () => {
    expect(sourceLine(current('e', { result: 'failed', detail: 'HTTP 500 after 3 tries; nothing archived, the pinned copy stays' }))).toBe(
      'could not be fetched: HTTP 500 after 3 tries; nothing archived, the pinned copy stays',
    );
    expect(sourceLine(source('e', { result: 'failed', detail: 'HTTP 500 after 3 tries', pin: 'held', quotes: [goneQuote] }))).toBe(
      'could not be fetched: HTTP 500 after 3 tries. Last version seen upstream: 1 quote of 1 no longer verifies; the pin stays on documents/e.html',
    );
  });

  it('should say a skipped source was skipped and when it is next due', () => {
    expect(sourceLine(current('f', { result: 'skipped', detail: 'checked 2026-12-01; next after 2026-12-08 (every 7d)' }))).toBe('skipped: checked 2026-12-01; next after 2026-12-08 (every 7d)');
  });
});

describe('driftMarkdown', () => {
  const report = driftReport(
    '2026-12-02T10:00:00.000Z',
    [current('a'), source('b'), source('c', { pin: 'moved' }), source('d', { pin: 'held', quotes: [unchangedQuote, goneQuote, ambiguousQuote] }), current('f', { result: 'skipped', detail: 'checked 2026-12-01' })],
    [newDoc],
    [failure],
  );
  const markdown = driftMarkdown(report, 'sources/facts.yaml');

  it('should sum the run up at the top', () => {
    expect(markdown.startsWith('# Source drift, 2026-12-02\n\n4 watched sources checked, 3 changed upstream, 1 could not be fetched, 1 skipped (checked recently).\n')).toBe(true);
    expect(markdown).toContain('**2 quotes no longer verify upstream**: the briefs go on citing the pinned copies until the facts are corrected.');
    expect(markdown).toContain('Pins moved: c. The next build rebuilds the briefs that cite them.');
    expect(markdown).toContain('Safe to move (every quote still there): b. Run `briefs fetch --accept`.');
  });

  it('should list each broken quote with its place in facts.yaml, the closest passage and what differs', () => {
    expect(markdown).toContain(
      '- **f3** (`sources/facts.yaml:31`): “Shelters for women remained underfunded”: no longer there (was ¶ 6); closest passage ¶ 6, line 14 (similarity 0.85): “Shelters for men remained underfunded.”; what differs: “women” → “men”',
    );
    expect(markdown).toContain('- **f4** (`sources/facts.yaml:40`): “victims of trafficking”: now found more than once (¶ 2, ¶ 9): give the fact a `locator`');
    expect(markdown).toContain('Quotes that moved:\n\n- f2: ¶ 4 → ¶ 5');
  });

  it('should give each source its section, with its mark, address and pinned copy', () => {
    expect(markdown).toContain('## d\n\n✗ changed upstream');
    expect(markdown).toContain('## b\n\n• changed upstream');
    expect(markdown).toContain('## a\n\n✓ unchanged (304 Not Modified)\n\n- Address: https://example.org/a\n- Pinned copy: `sources/documents/a.html`, accessed 2025-01-10');
  });

  it('should list new documents of a series and the years not checked', () => {
    expect(markdown).toContain('## New, not yet curated\n\n- **tip-2026** (2026, series of tip-2025): https://www.state.gov/2026/kosovo, archived as `sources/archive/tip-2026/2026-12-02-cccccccccccc.html`. Add an entry to sources.yaml to cite it.');
    expect(markdown).toContain('## Series not checked\n\n- tip-2025, 2026: https://www.state.gov/2026/kosovo: HTTP 500 after 3 tries');
  });

  it('should say every quote still verifies when none broke', () => {
    const calm = driftMarkdown(driftReport('2026-12-02T10:00:00.000Z', [current('a')], [], []), 'facts.yaml');
    expect(calm).toBe('# Source drift, 2026-12-02\n\n1 watched source checked.\nEvery quote still verifies in the newest version of its source.\n\n## a\n\n✓ unchanged (304 Not Modified)\n\n- Address: https://example.org/a\n- Pinned copy: `sources/documents/a.html`, accessed 2025-01-10\n');
  });
});
