import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSources, type SourceDoc } from '../../../src/ingest/index.js';
import { makeProject, type TempProject } from '../../helpers/project.js';

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
