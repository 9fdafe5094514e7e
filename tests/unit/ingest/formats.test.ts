import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectFormat, looksLikeHtml } from '../../../src/ingest/formats/detect-format.js';
import { htmlBlocks, readHtml } from '../../../src/ingest/formats/read-html.js';
import { readMarkdown } from '../../../src/ingest/formats/read-markdown.js';
import { renumberParagraphs, structureBlocks } from '../../../src/ingest/formats/structure-blocks.js';
import { FormatError } from '../../../src/ingest/formats/types.js';
import { readDocument } from '../../../src/ingest/read-document.js';
import { folderCache, readSources } from '../../../src/ingest/index.js';
import { lineOf, makeProject, repoRoot, type TempProject } from '../../helpers/project.js';
import { savedPage } from '../../helpers/saved-page.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('detectFormat', () => {
  it('should go by content first: a PDF signature, an HTML page, whatever the name', () => {
    expect(detectFormat('report.txt', bytes('%PDF-1.7\n…'))).toBe('pdf');
    expect(detectFormat('page.txt', bytes('<!DOCTYPE html>\n<html><body><p>Text</p></body></html>'))).toBe('html');
    expect(detectFormat('saved', bytes('<html lang="en"><head><title>x</title></head></html>'))).toBe('html');
    expect(detectFormat('fragment.htm', bytes('<p>One</p>'))).toBe('html');
  });

  it('should read .md files as Markdown and the rest as plain text', () => {
    expect(detectFormat('notes.md', bytes('# Title\n\nText with a [link](https://example.org).'))).toBe('markdown');
    expect(detectFormat('notes.txt', bytes('# Title\n\nText.'))).toBe('text');
    expect(detectFormat('wiki.txt', bytes('= Title =\n\n==Section==\nText.'))).toBe('text');
  });

  it('should say what a file it cannot read seems to be', () => {
    const fail = (file: string, data: Uint8Array) => {
      try {
        detectFormat(file, data);
      } catch (error) {
        expect(error).toBeInstanceOf(FormatError);
        return (error as FormatError).detail;
      }
      throw new Error('no error');
    };
    expect(fail('report.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatch(/ZIP container \(a Word \.docx/);
    expect(fail('scan.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]))).toMatch(/an image/);
    expect(fail('report.pdf', bytes('<!doctype html><html><body>Saved wrongly</body></html>'))).toMatch(/named \.pdf but is not a PDF.*save it as \.html/);
  });

  it('should not take a text that mentions a tag for HTML', () => {
    expect(looksLikeHtml('The report uses <p> tags in its web version.')).toBe(false);
  });
});

describe('readHtml', () => {
  it('should keep the article and drop menus, banners, sidebars, footers and scripts', async () => {
    const page = savedPage('2011 Trafficking in Persons Report - Kosovo', [
      'Kosovo is a source, destination, and possibly a transit country for women and children who are subjected to sex trafficking, and children subjected to forced begging.',
      'In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009. Kosovo’s judiciary, however, faced challenges at all levels.',
      'The Government of Kosovo demonstrated strong prevention efforts this year, including creative, broad-impact public awareness raising campaigns and strengthened national coordination activities.',
    ]);
    const { blocks } = await readHtml(page);
    const text = blocks.map((block) => block.text).join('\n');
    expect(blocks[0]).toMatchObject({ kind: 'heading', text: '2011 Trafficking in Persons Report - Kosovo' });
    expect(text).toContain('In 2010, Kosovo authorities conducted 194 investigations');
    for (const chrome of ['Accept all cookies', 'Skip to main content', 'Related documents', 'Advanced search', 'gtag', '© UNHCR']) {
      expect(text).not.toContain(chrome);
    }
  });

  it('should make one block of each paragraph, list item and heading, and split text at <br>', () => {
    const blocks = htmlBlocks('<div><h2>Prosecution</h2><p>One <em>two</em>\n three.</p><ul><li>First</li><li><p>Second</p></li></ul>Loose text<br>after a break</div>');
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Prosecution', depth: 2 },
      { kind: 'paragraph', text: 'One two three.' },
      { kind: 'paragraph', text: 'First' },
      { kind: 'paragraph', text: 'Second' },
      { kind: 'paragraph', text: 'Loose text' },
      { kind: 'paragraph', text: 'after a break' },
    ]);
  });

  it('should make one block of a table row, its cells joined by " | " as in Markdown, unless a cell holds blocks', () => {
    const blocks = htmlBlocks(
      '<table><tr><th>Publisher</th><td><a href="/p">United States</a> Department of State</td></tr><tr><th>Year</th><td></td><td>2011</td></tr><tr><td><p>One</p><p>Two</p></td><td>Three</td></tr></table>',
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Publisher | United States Department of State' },
      { kind: 'paragraph', text: 'Year | 2011' },
      { kind: 'paragraph', text: 'One' },
      { kind: 'paragraph', text: 'Two' },
      { kind: 'paragraph', text: 'Three' },
    ]);
  });

  it('should say so when a page has no main text (it loads it with scripts)', async () => {
    await expect(readHtml('<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script>render()</script></body></html>')).rejects.toThrow(
      /no main text was found/,
    );
  });

  it('should honour a page’s declared character set', async () => {
    const latin1 = Buffer.from(`<html><head><meta charset="windows-1252"><title>Kosovë</title></head><body><article><h1>Kosovë</h1><p>${'Prishtinë and Mitrovicë are named in the report as places where victims were found. '.repeat(4)}</p></article></body></html>`, 'latin1');
    const content = await readDocument('page.html', latin1);
    expect(content.format).toBe('html');
    expect(content.text).toContain('Prishtinë and Mitrovicë');
  });
});

describe('readMarkdown', () => {
  it('should give the text without markup, each block with its line in the file', () => {
    const { blocks } = readMarkdown('---\ntitle: x\n---\n# Report\n\nKosovo was placed on **Tier 2** by [the report](https://example.org).\n\n- first item\n- second item\n\n| year | tier |\n| --- | --- |\n| 2011 | Tier 2 |\n');
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Report', depth: 1, line: 4 },
      { kind: 'paragraph', text: 'Kosovo was placed on Tier 2 by the report.', line: 6 },
      { kind: 'paragraph', text: 'first item', line: 8 },
      { kind: 'paragraph', text: 'second item', line: 9 },
      { kind: 'paragraph', text: 'year | tier', line: 11 },
      { kind: 'paragraph', text: '2011 | Tier 2', line: 13 },
    ]);
  });
});

describe('structureBlocks', () => {
  it('should number headings with the paragraphs (they can be quoted) and mark them', () => {
    const { paragraphs, headings } = structureBlocks([
      { kind: 'heading', text: 'KOSOVO: TIER 2', depth: 1, page: 1 },
      { kind: 'paragraph', text: 'The government  maintained\nefforts.', page: 1 },
    ]);
    expect(headings).toEqual([{ depth: 1, text: 'KOSOVO: TIER 2', line: 1 }]);
    expect(paragraphs).toEqual([
      { n: 1, text: 'KOSOVO: TIER 2', line: 1, page: 1, pageLabel: '1', heading: 1 },
      { n: 2, text: 'The government maintained efforts.', line: 3, page: 1, pageLabel: '1' },
    ]);
  });

  it('should label pages from the PDF’s page labels and keep page breaks inside a paragraph', () => {
    const { paragraphs } = structureBlocks([{ kind: 'paragraph', text: 'Ends on one page and goes on.', page: 2, pageBreaks: [{ offset: 20, page: 3 }] }], ['i', 'ii', '1']);
    expect(paragraphs[0]).toMatchObject({ page: 2, pageLabel: 'ii', pageBreaks: [{ offset: 20, page: 3, label: '1' }] });
  });
});

describe('renumberParagraphs', () => {
  it('should number the paragraphs that remain from 1 and take sections from the headings that remain, keeping lines and pages', () => {
    const structure = structureBlocks([
      { kind: 'heading', text: 'Refworld | Report', depth: 1, page: 1 },
      { kind: 'heading', text: 'Menu', depth: 2, page: 1 },
      { kind: 'paragraph', text: 'Home', page: 1 },
      { kind: 'heading', text: 'Prosecution', depth: 2, page: 2 },
      { kind: 'paragraph', text: 'The police investigated 194 cases.', page: 2 },
    ]);
    const kept = renumberParagraphs(structure.paragraphs.filter((paragraph) => !['Refworld | Report', 'Menu', 'Home'].includes(paragraph.text)));
    expect(kept).toEqual({
      headings: [{ depth: 2, text: 'Prosecution', line: 7 }],
      paragraphs: [
        { n: 1, text: 'Prosecution', line: 7, section: 'Prosecution', page: 2, pageLabel: '2', heading: 2 },
        { n: 2, text: 'The police investigated 194 cases.', line: 9, section: 'Prosecution', page: 2, pageLabel: '2' },
      ],
    });
    // With nothing set aside, the structure is the one the blocks gave.
    expect(renumberParagraphs(structure.paragraphs)).toEqual({ headings: structure.headings, paragraphs: structure.paragraphs });
  });
});

describe('readSources with other formats', () => {
  let project: TempProject;
  beforeEach(async () => {
    project = await makeProject();
  });
  afterEach(() => project.remove());

  it('should report a document it cannot read at its file line in sources.yaml, naming the format', async () => {
    await writeFile(project.path('sources/documents/report.pdf'), '<!doctype html><html><body><p>Not a PDF</p></body></html>');
    await project.edit('sources/sources.yaml', (text) => text.replace('file: documents/tip-2011-kosovo-refworld.txt', 'file: documents/report.pdf'));
    const sources = await readSources(project.path('sources'));
    expect(sources.messages).toHaveLength(1);
    const [message] = sources.messages;
    expect(message?.ruleId).toBe('source-format');
    expect(message?.line).toBe(lineOf(await project.read('sources/sources.yaml'), 'file: documents/report.pdf'));
    expect(message?.reason).toMatch(/"documents\/report\.pdf" cannot be read as a PDF: it is named \.pdf but is not a PDF/);
  });

  it('should keep the text extracted from a PDF in the cache and read it from there next time', async () => {
    await copyFile(path.join(repoRoot, 'tests/fixtures/formats/tip-2011-kosovo.pdf'), project.path('sources/documents/tip.pdf'));
    await project.edit('sources/sources.yaml', (text) => text.replace('file: documents/tip-2011-kosovo-refworld.txt', 'file: documents/tip.pdf'));
    const cache = folderCache(project.path('.cache'));
    const first = await readSources(project.path('sources'), { cache });
    const tip = first.docs.get('tip-2011')!;
    expect(tip.format).toBe('pdf');
    expect(await cache.get(tip.digest)).toMatchObject({ format: 'pdf', pages: 4 });
    // A changed cache entry shows that the second read came from it.
    const cached = (await cache.get(tip.digest))!;
    await cache.set(tip.digest, { ...cached, paragraphs: cached.paragraphs.slice(0, 2) });
    const second = await readSources(project.path('sources'), { cache });
    expect(second.docs.get('tip-2011')?.paragraphs).toHaveLength(2);
  });
});
