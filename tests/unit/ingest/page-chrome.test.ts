import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceChrome } from '../../../src/ingest/bibliography.js';
import { structureBlocks } from '../../../src/ingest/formats/structure-blocks.js';
import { readSources, type SourceCollection, type SourceDoc } from '../../../src/ingest/index.js';
import { findChrome, setAsideChrome } from '../../../src/ingest/page-chrome.js';
import { readDocument } from '../../../src/ingest/read-document.js';
import { collectionRoot } from '../../helpers/project.js';

const chromeTexts = ['Sorry, you need to enable JavaScript', 'Skip to main content', 'Search Refworld', 'Disclaimer', 'Last Updated'];

describe('page chrome of the real documents', () => {
  let sources: SourceCollection;
  const doc = (id: string): SourceDoc => {
    const found = sources.docs.get(id);
    if (!found) throw new Error(`no document ${id}`);
    return found;
  };

  beforeAll(async () => {
    sources = await readSources(path.join(collectionRoot, 'sources'));
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

const disclaimer =
  'This is not a UNHCR publication. UNHCR is not responsible for, nor does it necessarily endorse, its content. Any views expressed are solely those of the author or publisher and do not necessarily reflect those of UNHCR, the United Nations or its Member States.';
const citeAs =
  'United States Department of State, 2011 Trafficking in Persons Report - Kosovo, 27 June 2011, available at: https://www.refworld.org/docid/4e12ee8732.html [accessed 21 January 2018]';
const tierLine = 'Kosovo (Tier 2)';
const firstParagraph =
  'Kosovo is a source, destination, and possibly a transit country for women and children who are subjected to sex trafficking, and children subjected to forced begging.';
const secondParagraph =
  'In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009. Kosovo’s judiciary, however, faced challenges at all levels.';

/** The header of a Refworld page in the Wayback Machine, as its text copies: one row a line, cells split by `cell`. */
function archivedHeader(cell: string, rowEnd: string): string[] {
  return [
    'The Wayback Machine - https://web.archive.org/web/20110701000000/http://www.refworld.org/docid/4e12ee8732.html',
    '12 captures 1 Jul 2011 - 19 Jan 2018',
    'Refworld | 2011 Trafficking in Persons Report - Kosovo',
    'Search Refworld',
    ...[
      ['Publisher', 'United States Department of State'],
      ['Author', 'United States Department of State'],
      ['Publication Date', '27 June 2011'],
      ['Country', 'Kosovo'],
      ['Topics', 'Trafficking in persons'],
      ['Related Document(s)', '2010 Trafficking in Persons Report - Kosovo'],
      ['Cite as', citeAs],
      ['Disclaimer', disclaimer],
    ].map(([label, value]) => `${label}${cell}${value}${rowEnd}`),
  ];
}

/** A plain-text document read and its chrome set aside, as readSources does. */
async function readText(text: string, sourceChrome: readonly SourceChrome[] = []) {
  return setAsideChrome(await readDocument('page.txt', new TextEncoder().encode(text)), sourceChrome);
}

describe('page chrome in other shapes', () => {
  it('should set aside the header table of an archived Refworld page copied as text, its cells split by pipes', async () => {
    const header = archivedHeader(' | ', ' |');
    const { content } = await readText([...header, '', tierLine, '', firstParagraph, '', secondParagraph, ''].join('\n'));
    expect(content.chrome.map((line) => [line.line, line.rule])).toEqual([
      [1, 'wayback'],
      [2, 'wayback'],
      [3, 'refworld-title'],
      [4, 'refworld-search'],
      ...header.slice(4).map((_, index) => [index + 5, 'refworld-header']),
    ]);
    expect(content.paragraphs.map((paragraph) => [paragraph.n, paragraph.text])).toEqual([
      [1, tierLine],
      [2, firstParagraph],
      [3, secondParagraph],
    ]);
  });

  it('should set aside the header rows of a copied table, its cells split by tabs, in a text with one line per paragraph', async () => {
    const { content } = await readText([...archivedHeader('\t', ''), tierLine, firstParagraph, secondParagraph].join('\n'));
    expect(content.chrome.filter((line) => line.rule === 'refworld-header').map((line) => line.text.split(' ')[0])).toEqual([
      'Publisher',
      'Author',
      'Publication',
      'Country',
      'Topics',
      'Related',
      'Cite',
      'Disclaimer',
    ]);
    expect(content.paragraphs.map((paragraph) => paragraph.text)).toEqual([tierLine, firstParagraph, secondParagraph]);
  });

  it('should set aside header rows separated by blank lines, and rows written with a colon', async () => {
    const rows = ['Publisher: United States Department of State', 'Publication Date: 27 June 2011', 'Country: Kosovo'];
    const { content } = await readText([...rows, tierLine, firstParagraph].join('\n\n'));
    expect(content.chrome.map((line) => line.text)).toEqual(rows);
    expect(content.paragraphs[0]).toMatchObject({ n: 1, text: tierLine });
  });

  it('should set aside the disclaimer and citation rows wherever they are, with their label or without', async () => {
    const text = [tierLine, firstParagraph, secondParagraph, `Cite as | ${citeAs} |`, 'Disclaimer', disclaimer].join('\n\n');
    const { content } = await readText(text);
    expect(content.chrome.map((line) => [line.text.slice(0, 12), line.rule])).toEqual([
      ['Cite as | Un', 'refworld-header'],
      ['Disclaimer', 'refworld-header'],
      ['This is not ', 'refworld-header'],
    ]);
    expect(content.paragraphs.map((paragraph) => paragraph.text)).toEqual([tierLine, firstParagraph, secondParagraph]);
  });

  it('should keep report text that mentions UNHCR, starts with a header label, or is one row on its own', async () => {
    const text = [
      'Country | Kosovo |',
      'Country reports by UNHCR and the United States Department of State describe Kosovo as a source and destination country.',
      'Title IX of the criminal code sets out the penalties for trafficking.',
      'UNHCR is not responsible for the shelters; the government funds them.',
      'Author of the report: the Office to Monitor and Combat Trafficking in Persons.',
      'Cite as the source of every figure the statistics office publishes.',
    ].join('\n\n');
    const { content } = await readText(text);
    expect(content.chrome).toEqual([]);
    expect(content.paragraphs).toHaveLength(6);
  });

  it('should keep rows with header labels in the body of a report, away from its top', async () => {
    const body = Array.from({ length: 30 }, (_, index) => `Paragraph ${index + 1} of the report.`);
    const text = [...body, 'Country | Kosovo |', 'Topics | Trafficking in persons |', 'Last paragraph.'].join('\n\n');
    const { content } = await readText(text);
    expect(content.chrome).toEqual([]);
    expect(content.paragraphs).toHaveLength(33);
  });

  it('should set aside the header rows of a saved HTML page, one block per table row, and number the text from ¶ 1', async () => {
    const rows = [
      ['Publisher', '<a href="/publisher/USDOS.html">United States Department of State</a>'],
      ['Publication Date', '27 June 2011'],
      ['Country', '<a href="/country/KOS.html">Kosovo</a>'],
      ['Topics', 'Trafficking in persons'],
      ['Cite as', citeAs],
      ['Disclaimer', disclaimer],
    ];
    const page = `<!DOCTYPE html><html><head><title>Refworld | 2011 Trafficking in Persons Report - Kosovo</title></head><body>
<div id="header"><a href="/">Refworld</a><form><label>Search Refworld</label><input></form></div>
<div id="content"><div id="fulltext">
<table class="docMeta">${rows.map(([label, value]) => `<tr><th>${label}</th><td>${value}</td></tr>`).join('\n')}</table>
<h2>${tierLine}</h2><p>${firstParagraph}</p><p>${secondParagraph}</p>
<p>The Government of Kosovo demonstrated strong prevention efforts this year, including creative, broad-impact public awareness raising campaigns.</p>
</div></div></body></html>`;
    const read = await readDocument('page.html', new TextEncoder().encode(page));
    const { content } = setAsideChrome(read);
    expect(content.chrome.map((line) => [line.text.split(' | ')[0], line.rule])).toEqual([
      ['Refworld', 'refworld-title'],
      ...rows.map(([label]) => [label, 'refworld-header']),
    ]);
    expect(content.chrome[1]).toMatchObject({ text: 'Publisher | United States Department of State', line: read.paragraphs[1]!.line });
    expect(content.paragraphs.map((paragraph) => [paragraph.n, paragraph.text.slice(0, 20)])).toEqual([
      [1, tierLine],
      [2, firstParagraph.slice(0, 20)],
      [3, secondParagraph.slice(0, 20)],
      [4, 'The Government of Ko'],
    ]);
    expect(content.headings).toEqual([{ depth: 2, text: tierLine, line: read.paragraphs[7]!.line }]);
    expect(content.paragraphs[1]?.section).toBe(tierLine);
    // The extracted text keeps the chrome: lines still point into it.
    expect(content.text).toBe(read.text);
  });

  it('should set aside the header rows of a Markdown table', async () => {
    const markdown = `# 2011 Trafficking in Persons Report - Kosovo

| Publisher | United States Department of State |
| --- | --- |
| Publication Date | 27 June 2011 |
| Cite as | ${citeAs} |

${firstParagraph}
`;
    const { content } = setAsideChrome(await readDocument('report.md', new TextEncoder().encode(markdown)));
    expect(content.chrome.map((line) => [line.line, line.rule])).toEqual([
      [3, 'refworld-header'],
      [5, 'refworld-header'],
      [6, 'refworld-header'],
    ]);
    expect(content.paragraphs.map((paragraph) => [paragraph.n, paragraph.line])).toEqual([
      [1, 1],
      [2, 8],
    ]);
  });

  it('should set aside header blocks of a PDF and keep the pages of the blocks that remain', () => {
    const pdf = structureBlocks([
      { kind: 'paragraph', text: 'Publisher United States Department of State', page: 1 },
      { kind: 'paragraph', text: 'Publication Date 27 June 2011', page: 1 },
      { kind: 'heading', text: tierLine, depth: 1, page: 1 },
      { kind: 'paragraph', text: firstParagraph, page: 1, pageBreaks: [{ offset: 40, page: 2 }] },
      { kind: 'paragraph', text: `Disclaimer ${disclaimer}`, page: 2 },
    ]);
    const { content } = setAsideChrome({ format: 'pdf', ...pdf, chrome: [], pages: 2 });
    expect(content.chrome.map((line) => line.line)).toEqual([1, 3, 9]);
    expect(content.paragraphs).toEqual([
      { n: 1, text: tierLine, line: 5, page: 1, pageLabel: '1', heading: 1 },
      { n: 2, text: firstParagraph, line: 7, page: 1, pageLabel: '1', pageBreaks: [{ offset: 40, page: 2, label: '2' }] },
    ]);
    expect(content.pages).toBe(2);
  });
});

describe('findChrome with a source entry’s own chrome', () => {
  const lines = ['Home  |  News | Reports', '', 'Koha.net - Lajmet e fundit', '', 'Skip to main content', 'Kosovo is a source country.', 'Shared 12 times'];

  it('should set aside exact lines (white space folded) and lines a pattern matches as a whole, after the built-in rules', () => {
    const { found, unmatched } = findChrome(lines, ['Home | News |  Reports', { pattern: 'Shared \\d+ times' }, { pattern: 'koha\\.net.*', flags: 'i' }]);
    expect([...found].sort(([a], [b]) => a - b)).toEqual([
      [0, 'source-entry'],
      [2, 'source-entry'],
      [4, 'skip-link'],
      [6, 'source-entry'],
    ]);
    expect(unmatched).toEqual([]);
  });

  it('should name the entries that match nothing, or only what is already set aside', () => {
    const { found, unmatched } = findChrome(lines, [{ pattern: 'Shared' }, 'Skip to main content', 'Kosovo is a source', { pattern: 'Kosovo.*' }]);
    expect(unmatched).toEqual([0, 1, 2]);
    expect(found.get(5)).toBe('source-entry');
  });
});
