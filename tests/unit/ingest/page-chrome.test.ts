import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSources, type SourceCollection, type SourceDoc } from '../../../src/ingest/index.js';
import { repoRoot } from '../../helpers/project.js';

const chromeTexts = ['Sorry, you need to enable JavaScript', 'Skip to main content', 'Search Refworld', 'Disclaimer', 'Last Updated'];

describe('page chrome of the real documents', () => {
  let sources: SourceCollection;
  const doc = (id: string): SourceDoc => {
    const found = sources.docs.get(id);
    if (!found) throw new Error(`no document ${id}`);
    return found;
  };

  beforeAll(async () => {
    sources = await readSources(path.join(repoRoot, 'sources'));
  });

  it('should set aside the script notice and skip link of the Koha page', () => {
    const koha = doc('koha-tip-2016');
    expect(koha.chrome.map((line) => [line.line, line.rule])).toEqual([
      [1, 'javascript-notice'],
      [2, 'skip-link'],
    ]);
    for (const text of chromeTexts) {
      expect(koha.paragraphs.filter((paragraph) => paragraph.text.includes(text))).toEqual([]);
    }
    expect(koha.paragraphs[0]?.text).toMatch(/^US State Department: Kosovo, source and destination/);
  });

  it('should set aside the Refworld header, its disclaimer and the search link', () => {
    const tip = doc('tip-2011');
    const rules = new Set(tip.chrome.map((line) => line.rule));
    expect(rules).toEqual(new Set(['refworld-header', 'refworld-search']));
    expect(tip.chrome[0]).toMatchObject({ line: 1, rule: 'refworld-header' });
    expect(tip.chrome.find((line) => line.text.startsWith('Disclaimer'))?.rule).toBe('refworld-header');
    expect(tip.chrome.at(-1)).toMatchObject({ text: 'Search Refworld', rule: 'refworld-search' });
    for (const text of chromeTexts) {
      expect(tip.paragraphs.filter((paragraph) => paragraph.text.includes(text))).toEqual([]);
    }
  });

  it('should keep "Kosovo (Tier 2)" as the first paragraph of the 2011 report', () => {
    const tip = doc('tip-2011');
    expect(tip.paragraphs[0]).toMatchObject({ n: 1, text: 'Kosovo (Tier 2)', line: 10 });
    expect(tip.paragraphs[1]?.text).toMatch(/^Kosovo is a source, destination, and possibly a transit country/);
  });

  it('should find no chrome in documents that have none', () => {
    expect(doc('wp-prostitution').chrome).toEqual([]);
    expect(doc('eu-campaign-2018').chrome).toEqual([]);
  });
});
