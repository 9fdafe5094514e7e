import { describe, expect, it } from 'vitest';
import { createQuoteFinder, type Fact } from '../../../src/facts/index.js';
import { driftOf, stillThere, wordChanges, type QuoteStatus } from '../../../src/fetch/drift.js';
import { readVersion, type SourceDoc, type SourceEntry } from '../../../src/ingest/index.js';

const entry = { id: 'a', file: 'documents/a.txt', type: 'webpage', title: 'A' } as SourceEntry;

/** A plain-text version of source `a`: one paragraph per string, blank lines between. */
async function version(name: string, ...paragraphs: string[]): Promise<SourceDoc> {
  const { doc } = await readVersion(entry, `/sources/${name}.txt`, Buffer.from(`${paragraphs.join('\n\n')}\n`));
  return doc;
}

/** A fact with one citation per `[source, quote, locator?]`, its quotes on lines 10, 11 … of facts.yaml. */
function fact(id: string, ...citations: [string, string, string?][]): Fact {
  return {
    id,
    citations: citations.map(([source, quote, locator], index) => ({ source, quote, ...(locator ? { locator } : {}), place: { line: 10 + index, column: 14 } })),
  } as unknown as Fact;
}

const judges = 'The government trained 32 judges on victim identification in 2024.';
const shelters = 'Shelters for women remained underfunded across the country.';
const budget = 'The ministry published its budget for the first time.';

describe('driftOf', () => {
  it('should find a quote unchanged where the pinned copy has it', async () => {
    const pinned = await version('v1', judges, shelters);
    const next = await version('v2', judges, shelters, budget);
    const drift = driftOf([fact('f1', ['a', 'trained 32 judges on victim identification'])], pinned, next, createQuoteFinder());
    expect(drift).toEqual([{ fact: 'f1', line: 10, quote: 'trained 32 judges on victim identification', status: 'unchanged', was: '¶ 1', now: '¶ 1' }]);
  });

  it('should say a quote moved, with its old and new ¶, when a paragraph is added before it', async () => {
    const pinned = await version('v1', judges, shelters);
    const next = await version('v2', budget, judges, shelters);
    const [drift] = driftOf([fact('f1', ['a', 'Shelters for women remained underfunded'])], pinned, next, createQuoteFinder());
    expect(drift).toMatchObject({ status: 'moved', was: '¶ 2', now: '¶ 3' });
    expect(stillThere(drift!.status)).toBe(true);
  });

  it('should say a reworded quote is gone, with the closest passage, its line and what differs', async () => {
    const pinned = await version('v1', judges, shelters);
    const next = await version('v2', judges, 'Shelters for men remained underfunded across the country.');
    const [drift] = driftOf([fact('f2', ['a', 'Shelters for women remained underfunded across the country'])], pinned, next, createQuoteFinder());
    expect(drift).toMatchObject({ fact: 'f2', line: 10, status: 'gone', was: '¶ 2' });
    expect(drift).not.toHaveProperty('now');
    expect(drift!.closest).toMatchObject({ where: '¶ 2', line: 3, text: 'Shelters for men remained underfunded across the country.' });
    expect(drift!.closest!.similarity).toBeGreaterThan(0.8);
    expect(drift!.closest!.similarity).toBeLessThan(1);
    expect(drift!.differs).toBe('“women” → “men”');
    expect(stillThere(drift!.status)).toBe(false);
  });

  it('should say a quote found twice with no locator is ambiguous, naming both places', async () => {
    const pinned = await version('v1', judges, shelters);
    const next = await version('v2', judges, shelters, `Again: ${judges}`);
    const [drift] = driftOf([fact('f1', ['a', 'trained 32 judges on victim identification'])], pinned, next, createQuoteFinder());
    expect(drift).toMatchObject({ status: 'ambiguous', was: '¶ 1', now: '¶ 1, ¶ 3' });
  });

  it("should say a quote no longer where the fact's own locator says needs a new locator", async () => {
    const pinned = await version('v1', judges, shelters);
    const next = await version('v2', budget, judges, shelters);
    const [drift] = driftOf([fact('f1', ['a', 'trained 32 judges on victim identification', '¶ 1'])], pinned, next, createQuoteFinder());
    expect(drift).toMatchObject({ status: 'locator', was: '¶ 1', now: '¶ 2' });
  });

  it('should check only the quotes citing the source, each on its own line of facts.yaml', async () => {
    const pinned = await version('v1', judges, shelters);
    const next = await version('v2', judges, shelters);
    const facts = [
      fact('f1', ['other', 'trained 32 judges on victim identification'], ['a', 'Shelters for women remained underfunded']),
      fact('f2', ['other', 'something else entirely, in another source']),
      fact('f3', ['a', 'trained 32 judges'], ['a', 'remained underfunded across the country']),
    ];
    const drift = driftOf(facts, pinned, next, createQuoteFinder());
    expect(drift.map(({ fact, line, status }) => ({ fact, line, status }))).toEqual([
      { fact: 'f1', line: 11, status: 'unchanged' },
      { fact: 'f3', line: 10, status: 'unchanged' },
      { fact: 'f3', line: 11, status: 'unchanged' },
    ]);
  });

  it('should give no `was` when there is no pinned copy, and call a found quote unchanged', async () => {
    const next = await version('v2', budget, judges);
    const [drift] = driftOf([fact('f1', ['a', 'trained 32 judges on victim identification'])], undefined, next, createQuoteFinder());
    expect(drift).toEqual({ fact: 'f1', line: 10, quote: 'trained 32 judges on victim identification', status: 'unchanged', now: '¶ 2' });
  });

  it('should give no `was` for a quote the pinned copy does not verify either', async () => {
    const pinned = await version('v1', shelters);
    const next = await version('v2', judges);
    const [drift] = driftOf([fact('f1', ['a', 'trained 32 judges on victim identification'])], pinned, next, createQuoteFinder());
    expect(drift).toMatchObject({ status: 'unchanged', now: '¶ 1' });
    expect(drift).not.toHaveProperty('was');
  });
});

describe('wordChanges', () => {
  it('should show a replaced word as old → new', () => {
    expect(wordChanges('victims of trafficking from Albania', 'victims of trafficking from Moldova')).toBe('“Albania” → “Moldova”');
  });

  it('should show words added and words gone', () => {
    expect(wordChanges('the police identified victims', 'the police identified 12 victims')).toBe('“12” added');
    expect(wordChanges('the police quickly identified victims', 'the police identified victims')).toBe('“quickly” gone');
  });

  it('should not count quote marks, dashes or case as changes of wording', () => {
    expect(wordChanges('“Tier 2” — the report said', '"Tier 2" - the report said')).toBeUndefined();
    expect(wordChanges('the report said', 'the report said')).toBeUndefined();
  });

  it('should not count punctuation alone as a change', () => {
    expect(wordChanges('the police identified victims', 'the police identified victims,')).toBeUndefined();
  });

  it('should show at most four changes and say how many more', () => {
    const changes = wordChanges('in one and two and three and four and five and six', 'in uno and dos and tres and cuatro and cinco and seis');
    expect(changes).toBe('“one” → “uno”; “two” → “dos”; “three” → “tres”; “four” → “cuatro” and 2 more');
    // Four are all shown.
    expect(wordChanges('in one and two and three and four', 'in uno and dos and tres and cuatro')).toBe('“one” → “uno”; “two” → “dos”; “three” → “tres”; “four” → “cuatro”');
  });
});

describe('stillThere', () => {
  it.each<[QuoteStatus, boolean]>([
    ['unchanged', true],
    ['moved', true],
    ['gone', false],
    ['ambiguous', false],
    ['locator', false],
  ])('%s → %s', (status, expected) => {
    expect(stillThere(status)).toBe(expected);
  });
});
