import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSources, type SourceDoc } from '../../../src/ingest/index.js';
import { paragraphConvention, splitParagraphs } from '../../../src/ingest/split-paragraphs.js';
import { collectionRoot, makeProject, type TempProject } from '../../helpers/project.js';

const entry = `- id: demo
  file: documents/demo.txt
  type: report
  title: Demo report
`;

describe('paragraphs and headings of a document', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await makeProject();
  });

  afterEach(async () => {
    await project.remove();
  });

  async function ingest(text: string): Promise<SourceDoc> {
    await project.write('sources/sources.yaml', entry);
    await project.write('sources/documents/demo.txt', text);
    const sources = await readSources(project.path('sources'));
    expect(sources.messages).toEqual([]);
    const doc = sources.docs.get('demo');
    if (!doc) throw new Error('the demo document was not read');
    return doc;
  }

  it('should recognise `= Title =`, `==Section==` and Markdown `#` headings', async () => {
    const doc = await ingest('= The Title =\n\nIntro text.\n\n==Section One==\nFirst.\n\n# Markdown heading\n\nLast.\n');
    expect(doc.headings).toEqual([
      { depth: 1, text: 'The Title', line: 1 },
      { depth: 2, text: 'Section One', line: 5 },
      { depth: 1, text: 'Markdown heading', line: 8 },
    ]);
  });

  it('should not count headings as paragraphs', async () => {
    const doc = await ingest('= The Title =\n\nIntro text.\n\n==Section One==\nFirst.\n\n# Markdown heading\n\nLast.\n');
    expect(doc.paragraphs.map((paragraph) => paragraph.text)).toEqual(['Intro text.', 'First.', 'Last.']);
    expect(doc.paragraphs.map((paragraph) => paragraph.n)).toEqual([1, 2, 3]);
  });

  it('should number paragraphs from 1 and record the line each one starts on', async () => {
    const doc = await ingest('Alpha one.\n\n\nBeta two\ncontinues here.\n\nGamma.');
    expect(doc.paragraphs).toEqual([
      { n: 1, text: 'Alpha one.', line: 1 },
      { n: 2, text: 'Beta two continues here.', line: 4 },
      { n: 3, text: 'Gamma.', line: 7 },
    ]);
  });

  it('should join the lines of a paragraph with one space', async () => {
    const doc = await ingest('A quote that\r\nruns over   three\r\n  lines.\r\n');
    expect(doc.paragraphs).toEqual([{ n: 1, text: 'A quote that runs over three lines.', line: 1 }]);
  });

  it('should record the section heading a paragraph sits under', async () => {
    const doc = await ingest('= Title =\n\nBefore.\n\n== Findings ==\n\nAfter.\n');
    expect(doc.paragraphs[0]?.section).toBeUndefined();
    expect(doc.paragraphs[1]).toMatchObject({ text: 'After.', section: 'Findings' });
  });

  it('should end a paragraph at a heading line even without a blank line', async () => {
    const doc = await ingest('First part.\n== Next ==\nSecond part.');
    expect(doc.paragraphs.map((paragraph) => [paragraph.n, paragraph.text, paragraph.line])).toEqual([
      [1, 'First part.', 1],
      [2, 'Second part.', 3],
    ]);
  });

  it('should keep the normalised text on the document file', async () => {
    const doc = await ingest('Caf\u0065\u0301\u00a0\u00a0bar\r\n');
    expect(String(doc.file.value)).toBe('Café bar\n');
  });
});

// Paragraphs of the 2011 report, each one line (as a page copied from a browser has them).
const investigations =
  'In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009. Kosovo’s judiciary, however, faced challenges at all levels.';
const convictions =
  'Prosecution proceedings were initiated against 86 suspected trafficking offenders in 2010, compared with 104 in 2009; courts convicted 33 offenders, down from 44 the year before.';
const shelters =
  'The government funded shelters for victims run by NGOs, and certified victims of trafficking received legal assistance, medical care, and psychological counselling.';
const campaign =
  'The Government of Kosovo demonstrated strong prevention efforts this year, including creative, broad-impact public awareness raising campaigns and strengthened national coordination.';

/** A hard-wrapped paragraph: `text` broken at spaces into lines of at most `width` characters. */
function wrap(text: string, width = 72): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].join('\n');
}

const texts = (text: string) => splitParagraphs(text, []).paragraphs.map((paragraph) => paragraph.text);

describe('paragraph conventions of plain text', () => {
  it('should give the five shipped documents the paragraphs they had before line-per-paragraph text was recognised', async () => {
    // Recorded before the convention was detected: ¶ count and the line each ¶ starts on.
    const recorded: Record<string, number[]> = {
      'wikipedia-prostitution-in-kosovo.txt': [3, 5, 8, 10, 12, 14, 16, 18, 21, 23, 25],
      'koha-tip-2016-summary.txt': [4, 6],
      'wikipedia-human-trafficking-in-kosovo.txt': [3, 5, 7, 11, 15, 18],
      'eu-anti-trafficking-day-2018.txt': [1, 3, 5, 7],
      'tip-2011-kosovo-refworld.txt': [10, 12, 14, 16, 19, 21, 23, 26, 28, 31],
    };
    const sources = await readSources(path.join(collectionRoot, 'sources'));
    expect(sources.messages).toEqual([]);
    for (const doc of sources.docs.values()) {
      const lines = recorded[path.basename(doc.path)];
      expect(doc.paragraphs.map((paragraph) => paragraph.line), doc.id).toEqual(lines);
      expect(paragraphConvention(await readFile(doc.path, 'utf8'), doc.chrome), doc.id).toBe('blank-lines');
    }
  });

  it('should take each line as a paragraph in a text copied from a browser (one line break between paragraphs)', () => {
    const text = [investigations, convictions, shelters, campaign].join('\n');
    expect(paragraphConvention(text, [])).toBe('line-breaks');
    const { paragraphs } = splitParagraphs(text, []);
    expect(paragraphs.map((paragraph) => [paragraph.n, paragraph.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(paragraphs[0]?.text).toBe(investigations);
  });

  it('should keep the short heading lines of a copied page as paragraphs of their own', () => {
    const text = ['Kosovo (Tier 2)', 'Prosecution', investigations, convictions, 'Protection', shelters, 'Prevention', campaign, ''].join('\n');
    expect(texts(text)).toEqual(['Kosovo (Tier 2)', 'Prosecution', investigations, convictions, 'Protection', shelters, 'Prevention', campaign]);
  });

  it('should take a copied page line by line even where a few blank lines set off its title and chrome', () => {
    const text = ['Skip to main content', '', '2011 Trafficking in Persons Report - Kosovo', '', investigations, convictions, shelters, campaign, '', 'Search Refworld'].join('\n');
    expect(paragraphConvention(text, [])).toBe('line-breaks');
    expect(texts(text)).toHaveLength(7);
  });

  it('should keep joining the lines of a hard-wrapped text with blank lines between its paragraphs', () => {
    const text = [investigations, convictions, shelters, campaign].map((paragraph) => wrap(paragraph)).join('\n\n');
    expect(paragraphConvention(text, [])).toBe('blank-lines');
    expect(texts(text)).toEqual([investigations, convictions, shelters, campaign]);
  });

  it('should keep joining a hard-wrapped text that has no blank lines at all (it is one paragraph)', () => {
    const text = [investigations, convictions, shelters, campaign].map((paragraph) => wrap(paragraph)).join('\n');
    expect(paragraphConvention(text, [])).toBe('blank-lines');
    expect(texts(text)).toEqual([[investigations, convictions, shelters, campaign].join(' ')]);
  });

  it('should keep joining long lines between blank lines (a text with one sentence per line)', () => {
    const text = `${investigations}\n${convictions}\n\n${shelters}\n${campaign}\n\n${convictions}\n${investigations}\n`;
    expect(texts(text)).toEqual([`${investigations} ${convictions}`, `${shelters} ${campaign}`, `${convictions} ${investigations}`]);
  });

  it('should keep joining long lines that end mid-sentence (a text wrapped wider than usual)', async () => {
    const report = await readFile(path.join(collectionRoot, 'sources', 'documents', 'tip-2011-kosovo-refworld.txt'), 'utf8');
    const body = report.split(/\n\s*\n/).slice(3, -1);
    for (const width of [110, 140, 200]) {
      // No blank lines either: only the line ends tell that the lines were wrapped.
      const text = body.map((paragraph) => wrap(paragraph.trim(), width)).join('\n');
      expect(paragraphConvention(text, []), `wrapped at ${width}`).toBe('blank-lines');
      expect(texts(text)).toHaveLength(1);
    }
  });

  it('should keep `= Title =` and `==Section==` headings in a copied page, and record the section of each line', () => {
    const text = ['= Human trafficking in Kosovo =', investigations, '==Prosecution==', convictions, shelters].join('\n');
    const { headings, paragraphs } = splitParagraphs(text, []);
    expect(headings.map((heading) => heading.text)).toEqual(['Human trafficking in Kosovo', 'Prosecution']);
    expect(paragraphs.map((paragraph) => [paragraph.text, paragraph.section])).toEqual([
      [investigations, undefined],
      [convictions, 'Prosecution'],
      [shelters, 'Prosecution'],
    ]);
  });
});
