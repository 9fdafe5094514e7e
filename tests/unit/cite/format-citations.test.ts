import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCiter, formatCitations, formatReferences, readCitationStyle, type CitationStyle } from '../../../src/cite/index.js';
import { loadFacts, verifyQuotes, type VerifiedFact } from '../../../src/facts/index.js';
import { readSources, type SourceCollection } from '../../../src/ingest/index.js';
import { makeProject, repoRoot, type TempProject } from '../../helpers/project.js';

const tipUrl = 'http://www.refworld.org/docid/4e12ee6cc.html';
const kohaUrl = 'https://media.unmikonline.org/index.php/mediareports/articles-kosovo-media-7699';

const facts = `- id: tip-articles
  topics: [legal-framework]
  statement: Articles 137 and 139.
  citations:
    - source: tip-2011
      quote: "Kosovo prohibits all forms of trafficking in persons in Articles 137 and 139 of the 2004 criminal code"
- id: koha-coordinator
  topics: [legal-framework]
  statement: A national coordinator.
  citations:
    - source: koha-tip-2016
      quote: "it appointed a national coordinator for anti-trafficking efforts"
- id: tip-investigations
  topics: [legal-framework]
  statement: 194 investigations.
  citations:
    - source: tip-2011
      quote: "In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009. Kosovo's judiciary, however, faced challenges at all levels and those limitations affected convictions and sentences."
- id: two-sources
  topics: [legal-framework]
  statement: Both say so.
  short-quote: The report's heading.
  citations:
    - source: tip-2011
      quote: "Kosovo (Tier 2)"
    - source: koha-tip-2016
      quote: "Convictions decreased to a five-year low"
`;

describe('formatCitations with the real documents', () => {
  let project: TempProject;
  let sources: SourceCollection;
  let verified: Map<string, VerifiedFact>;
  let style: CitationStyle;
  const fact = (id: string): VerifiedFact => {
    const found = verified.get(id);
    if (!found) throw new Error(`fact ${id} was not verified`);
    return found;
  };

  beforeAll(async () => {
    project = await makeProject();
    await project.write('sources/facts.yaml', facts);
    sources = await readSources(project.path('sources'));
    const factsFile = await loadFacts(project.path('sources', 'facts.yaml'));
    verified = verifyQuotes(factsFile.facts, sources.docs, factsFile.file);
    expect(factsFile.file.messages).toEqual([]);
    style = await readCitationStyle(path.join(repoRoot, 'templates'), 'chicago-fullnote-bibliography', 'en-US');
  });

  afterAll(async () => {
    await project.remove();
  });

  it('should number the notes in the order the facts are given', () => {
    const { notes } = formatCitations([fact('tip-articles'), fact('koha-coordinator'), fact('tip-investigations')], sources.docs, style);
    expect(notes.map((note) => [note.n, note.factId])).toEqual([
      [1, 'tip-articles'],
      [2, 'koha-coordinator'],
      [3, 'tip-investigations'],
    ]);
  });

  it('should give the first note of each source a full reference with its URL', () => {
    const { notes } = formatCitations([fact('tip-articles'), fact('koha-coordinator'), fact('tip-investigations')], sources.docs, style);
    expect(notes[0]?.referenceHtml).toContain(tipUrl);
    expect(notes[0]?.referenceHtml).toContain('2011 Trafficking in Persons Report - Kosovo');
    expect(notes[1]?.referenceHtml).toContain(kohaUrl);
    // A later note of the same source is the short form.
    expect(notes[2]?.referenceHtml).not.toContain(tipUrl);
    expect(notes[2]?.referenceHtml).toContain('2011 Trafficking in Persons Report - Kosovo');
  });

  it('should start again with full references for each call', () => {
    formatCitations([fact('tip-articles')], sources.docs, style);
    const { notes } = formatCitations([fact('tip-investigations'), fact('tip-articles')], sources.docs, style);
    expect(notes[0]?.referenceHtml).toContain(tipUrl);
    expect(notes[1]?.referenceHtml).not.toContain(tipUrl);
  });

  it('should format brief after brief with one engine exactly as with an engine each', () => {
    const briefs = [
      [fact('tip-articles'), fact('koha-coordinator'), fact('tip-investigations')],
      [fact('tip-investigations'), fact('tip-articles')],
      [fact('koha-coordinator'), fact('tip-articles')],
    ];
    const citer = createCiter(sources.docs, style);
    const shared = briefs.map((brief) => citer.notes(brief));
    expect(shared).toEqual(briefs.map((brief) => formatCitations(brief, sources.docs, style)));
    // Each brief starts afresh: its first note of a document is the full one.
    expect(shared[1]!.notes[0]?.referenceHtml).toContain(tipUrl);
    expect(shared[2]!.notes[0]?.referenceHtml).toContain(kohaUrl);
    // Sources lists between briefs, and the viewer's references after them, are unaffected.
    expect(citer.references()).toEqual(formatReferences(sources.docs, style));
    expect(citer.notes(briefs[0]!)).toEqual(shared[0]);
  });

  it('should put the ¶ of the quote in the note, with an excerpt of it', () => {
    const { notes } = formatCitations([fact('tip-articles'), fact('tip-investigations')], sources.docs, style);
    expect(notes[0]?.referenceHtml).toMatch(/¶ 5\b/);
    expect(notes[1]?.referenceHtml).toMatch(/¶ 6\b/);
    // Excerpts are short (about 48 characters): enough to find the passage the ¶ locates.
    expect(notes[0]?.excerpts).toEqual([{ sourceId: 'tip-2011', paragraph: 5, start: expect.any(Number), end: expect.any(Number), text: 'Kosovo prohibits all forms of trafficking in…' }]);
    // Its offsets locate the whole quote in the paragraph as the document has it.
    const excerpt = notes[0]!.excerpts[0]!;
    const paragraph = sources.docs.get('tip-2011')!.paragraphs[4]!.text;
    expect(paragraph.slice(excerpt.start, excerpt.end)).toMatch(/^Kosovo prohibits all forms of trafficking in/);
    const longExcerpt = notes[1]?.excerpts[0]?.text ?? '';
    expect(longExcerpt.endsWith('…')).toBe(true);
    expect(longExcerpt.startsWith('In 2010, Kosovo authorities conducted 194')).toBe(true);
  });

  it('should cite every passage of a fact with several citations in one note', () => {
    const { notes } = formatCitations([fact('two-sources')], sources.docs, style);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.excerpts.map((item) => [item.sourceId, item.paragraph])).toEqual([
      ['tip-2011', 1],
      ['koha-tip-2016', 2],
    ]);
    expect(notes[0]?.referenceHtml).toContain(tipUrl);
    expect(notes[0]?.referenceHtml).toContain(kohaUrl);
  });

  it('should list each cited source once in the bibliography', () => {
    const { bibliography } = formatCitations(
      [fact('tip-articles'), fact('koha-coordinator'), fact('tip-investigations'), fact('two-sources')],
      sources.docs,
      style,
    );
    expect(bibliography.map((entry) => entry.sourceId).sort()).toEqual(['koha-tip-2016', 'tip-2011']);
    const tip = bibliography.find((entry) => entry.sourceId === 'tip-2011');
    expect(tip?.html).toContain(tipUrl);
    expect(tip?.html).not.toMatch(/¶/);
  });

  it('should give no notes and no bibliography for no facts', () => {
    expect(formatCitations([], sources.docs, style)).toEqual({ notes: [], bibliography: [] });
  });

  it('should format every document’s reference on its own, never with a dash for a repeated author', () => {
    const twice = new Map([...sources.docs, ['tip-2011-again', { ...sources.docs.get('tip-2011')!, id: 'tip-2011-again', bib: { ...sources.docs.get('tip-2011')!.bib, id: 'tip-2011-again' } }]]);
    const references = formatReferences(twice, style);
    expect([...references.keys()].sort()).toEqual([...twice.keys()].sort());
    expect(references.get('tip-2011-again')).toMatch(/^<div class="csl-entry">United States Department of State\. /);
    expect([...references.values()].join('\n')).not.toContain('———');
  });
});

describe('readCitationStyle', () => {
  it('should read the style and the locale from templates/csl', async () => {
    const templates = path.join(repoRoot, 'templates');
    const style = await readCitationStyle(templates, 'chicago-fullnote-bibliography', 'en-US');
    expect(style.lang).toBe('en-US');
    expect(style.style).toMatch(/<style\b/);
    expect(style.locale).toMatch(/<locale\b/);
    expect(style.files).toEqual([
      path.join(templates, 'csl', 'chicago-fullnote-bibliography.csl'),
      path.join(templates, 'csl', 'locales-en-US.xml'),
    ]);
  });
});
