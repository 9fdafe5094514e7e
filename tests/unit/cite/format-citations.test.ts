import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderResultCache } from '../../../src/cache/index.js';
import { createCiter, formatCitations, formatReferences, readCitationStyle, type CitationStyle } from '../../../src/cite/index.js';
import { loadFacts, verifyQuotes, type VerifiedFact } from '../../../src/facts/index.js';
import { readSources, type SourceCollection } from '../../../src/ingest/index.js';
import { makeProject, repoRoot, type TempProject } from '../../helpers/project.js';
import { recordingCache } from '../../helpers/recording-cache.js';

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

  /** The full first reference of each document (its full title, its date); later notes are short. */
  const tipFull = 'United States Department of State, “2011 Trafficking in Persons Report - Kosovo” (United States Department of State, June 27, 2011)';
  const tipShort = 'United States Department of State, “2011 Trafficking in Persons Report,”';
  const kohaFull = '“US State Department: Kosovo, Source and Destination for Human Trafficking (Koha),” <i>UNMIK Media Observer</i>, n.d.';
  const kohaShort = '“US State Department: Kosovo,”';

  it('should give one note per marker, numbered in the order the markers are given', () => {
    const { notes } = formatCitations([[fact('tip-articles')], [fact('koha-coordinator')], [fact('tip-investigations')]], sources.docs, style);
    expect(notes.map((note) => [note.n, note.factIds])).toEqual([
      [1, ['tip-articles']],
      [2, ['koha-coordinator']],
      [3, ['tip-investigations']],
    ]);
  });

  it('should give a fact cited twice a note for each marker, the second in the short form', () => {
    const { notes } = formatCitations([[fact('tip-articles')], [fact('koha-coordinator')], [fact('tip-articles')]], sources.docs, style);
    expect(notes.map((note) => [note.n, note.factIds])).toEqual([
      [1, ['tip-articles']],
      [2, ['koha-coordinator']],
      [3, ['tip-articles']],
    ]);
    expect(notes[0]?.referenceHtml).toBe(`${tipFull}, ¶ 5, Refworld.`);
    expect(notes[2]?.referenceHtml).toBe(`${tipShort} ¶ 5.`);
    // The same passage, quoted again in the second note.
    expect(notes[2]?.excerpts).toEqual(notes[0]?.excerpts);
  });

  it('should give the first note of each source a full reference, without its URL', () => {
    const { notes } = formatCitations([[fact('tip-articles')], [fact('koha-coordinator')], [fact('tip-investigations')]], sources.docs, style);
    expect(notes.map((note) => note.referenceHtml)).toEqual([
      `${tipFull}, ¶ 5, Refworld.`,
      `${kohaFull}, ¶ 2.`,
      // A later note of the same source is the short form: author and short title.
      `${tipShort} ¶ 6.`,
    ]);
    // The Sources list gives the addresses; the notes never do.
    for (const note of notes) expect(note.referenceHtml).not.toMatch(/https?:|refworld\.org|unmikonline/);
  });

  it('should never write "ibid" or the author alone for a source cited in the note just before', () => {
    const { notes } = formatCitations([[fact('tip-articles')], [fact('tip-investigations')], [fact('tip-investigations')]], sources.docs, style);
    expect(notes.map((note) => note.referenceHtml)).toEqual([`${tipFull}, ¶ 5, Refworld.`, `${tipShort} ¶ 6.`, `${tipShort} ¶ 6.`]);
    for (const note of notes) expect(note.referenceHtml).not.toMatch(/ibid/i);
  });

  it('should start again with full references for each call', () => {
    formatCitations([[fact('tip-articles')]], sources.docs, style);
    const { notes } = formatCitations([[fact('tip-investigations')], [fact('tip-articles')]], sources.docs, style);
    expect(notes[0]?.referenceHtml).toBe(`${tipFull}, ¶ 6, Refworld.`);
    expect(notes[1]?.referenceHtml).toBe(`${tipShort} ¶ 5.`);
  });

  it('should format brief after brief with one engine exactly as with an engine each', () => {
    const briefs = [
      [[fact('tip-articles')], [fact('koha-coordinator')], [fact('tip-investigations')]],
      [[fact('tip-investigations')], [fact('tip-articles')]],
      [[fact('koha-coordinator')], [fact('tip-articles'), fact('tip-investigations')]],
    ];
    const citer = createCiter(sources.docs, style);
    const shared = briefs.map((brief) => citer.notes(brief));
    expect(shared).toEqual(briefs.map((brief) => formatCitations(brief, sources.docs, style)));
    // Each brief starts afresh: its first note of a document is the full one.
    expect(shared[1]!.notes[0]?.referenceHtml).toContain(tipFull);
    expect(shared[2]!.notes[0]?.referenceHtml).toContain(kohaFull);
    expect(shared[2]!.notes[1]?.referenceHtml).toContain(tipFull);
    // Sources lists between briefs, and the viewer's references after them, are unaffected.
    expect(citer.references()).toEqual(formatReferences(sources.docs, style));
    expect(citer.notes(briefs[0]!)).toEqual(shared[0]);
  });

  it("should take a brief's notes from the cache while style, metadata and citations stay the same, and format them again when one changes", () => {
    const dir = project.path('.cache', 'results');
    const brief = [[fact('tip-articles')], [fact('koha-coordinator')], [fact('tip-articles'), fact('tip-investigations')]];
    const fresh = formatCitations(brief, sources.docs, style);
    const first = recordingCache(folderResultCache(dir, 'tool'));
    expect(createCiter(sources.docs, style, first.cache).notes(brief)).toEqual(fresh);
    expect(first.calls).toEqual(['notes miss', 'notes set']);

    // The next build: the same notes, passages included, without citeproc-js.
    const again = recordingCache(folderResultCache(dir, 'tool'));
    expect(createCiter(sources.docs, style, again.cache).notes(brief)).toEqual(fresh);
    expect(again.calls).toEqual(['notes hit']);

    // Another place cited, another title: formatted again.
    const reordered = [brief[1]!, brief[0]!, brief[2]!];
    expect(createCiter(sources.docs, style, again.cache).notes(reordered)).toEqual(formatCitations(reordered, sources.docs, style));
    const docs = new Map(sources.docs);
    const tip = docs.get('tip-2011')!;
    docs.set('tip-2011', { ...tip, bib: { ...tip.bib, title: 'A retitled report' } });
    const retitled = createCiter(docs, style, again.cache).notes(brief);
    expect(retitled.notes[0]?.referenceHtml).toContain('A Retitled Report');
    expect(again.calls).toEqual(['notes hit', 'notes miss', 'notes set', 'notes miss', 'notes set']);
  });

  it('should not trust a kept result with markup citeproc-js never writes (a cache file edited by hand)', async () => {
    const dir = project.path('.cache', 'tampered');
    const brief = [[fact('tip-articles')], [fact('koha-coordinator')]];
    const fresh = formatCitations(brief, sources.docs, style);
    const first = recordingCache(folderResultCache(dir, 'tool'));
    createCiter(sources.docs, style, first.cache).notes(brief);
    // Every kept entry rewritten with a script in the Sources list.
    const folder = path.join(dir, 'notes');
    for (const name of await readdir(folder)) {
      const kept = JSON.parse(await readFile(path.join(folder, name), 'utf8')) as { references: string[]; bibliography: { sourceId: string; html: string }[] };
      kept.bibliography[0]!.html = '<div class="csl-entry"><img src=x onerror="alert(1)">A report.</div>';
      await writeFile(path.join(folder, name), JSON.stringify(kept));
    }
    const again = recordingCache(folderResultCache(dir, 'tool'));
    expect(createCiter(sources.docs, style, again.cache).notes(brief)).toEqual(fresh);
    expect(again.calls).toEqual(['notes miss', 'notes set']);
  });

  it('should put the ¶ of the quote in the note, with the whole passage', () => {
    const { notes } = formatCitations([[fact('tip-articles')], [fact('tip-investigations')]], sources.docs, style);
    expect(notes[0]?.referenceHtml).toMatch(/¶ 5\b/);
    expect(notes[1]?.referenceHtml).toMatch(/¶ 6\b/);
    const quote = 'Kosovo prohibits all forms of trafficking in persons in Articles 137 and 139 of the 2004 criminal code';
    expect(notes[0]?.excerpts).toEqual([
      {
        sourceId: 'tip-2011',
        paragraph: 5,
        start: expect.any(Number),
        end: expect.any(Number),
        text: quote,
        place: '¶ 5',
        sourceLabel: 'the 2011 TIP report (Refworld copy)',
        // A web source: the passage on the original page, as a text fragment (first and last five words).
        original: `${tipUrl}#:~:text=Kosovo%20prohibits%20all%20forms%20of,of%20the%202004%20criminal%20code`,
      },
    ]);
    // Its offsets locate the whole quote in the paragraph as the document has it.
    const excerpt = notes[0]!.excerpts[0]!;
    const paragraph = sources.docs.get('tip-2011')!.paragraphs[4]!.text;
    expect(paragraph.slice(excerpt.start, excerpt.end)).toBe(quote);
    // A long passage is quoted whole, never cut: its white space collapsed.
    expect(notes[1]?.excerpts[0]?.text).toBe(
      "In 2010, Kosovo authorities conducted 194 investigations, a significant increase from 63 investigations in 2009. Kosovo's judiciary, however, faced challenges at all levels and those limitations affected convictions and sentences.",
    );
  });

  it('should link no passage to the original of a PDF, which ignores text fragments', () => {
    const tip = sources.docs.get('tip-2011')!;
    const asPdf = new Map([...sources.docs, ['tip-2011', { ...tip, format: 'pdf' as const }]]);
    const { notes } = formatCitations([[fact('tip-articles')]], asPdf, style);
    expect(notes[0]?.excerpts[0]).not.toHaveProperty('original');
    expect(notes[0]?.excerpts[0]?.text).toMatch(/^Kosovo prohibits/);
  });

  it('should cite every passage of a fact with several citations in one note', () => {
    const { notes } = formatCitations([[fact('two-sources')]], sources.docs, style);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.excerpts.map((item) => [item.sourceId, item.paragraph, item.place, item.sourceLabel, item.text])).toEqual([
      ['tip-2011', 1, '¶ 1', 'the 2011 TIP report (Refworld copy)', 'Kosovo (Tier 2)'],
      ['koha-tip-2016', 2, '¶ 2', 'Koha’s summary (UNMIK Media Observer)', 'Convictions decreased to a five-year low'],
    ]);
    expect(notes[0]?.referenceHtml).toBe(`${tipFull}, ¶ 1, Refworld; ${kohaFull}, ¶ 2.`);
  });

  it('should cite every fact of a marker in one note, each source once with its places together', () => {
    const { notes } = formatCitations(
      [[fact('koha-coordinator')], [fact('tip-investigations'), fact('tip-articles'), fact('koha-coordinator')]],
      sources.docs,
      style,
    );
    expect(notes).toHaveLength(2);
    expect(notes[1]?.factIds).toEqual(['tip-investigations', 'tip-articles', 'koha-coordinator']);
    expect(notes[1]?.referenceHtml).toBe(`${tipFull}, ¶¶ 5, 6, Refworld; ${kohaShort} ¶ 2.`);
    // Passages by source (in the order the note names them), then in the order of the source.
    expect(notes[1]?.excerpts.map((item) => [item.sourceId, item.paragraph])).toEqual([
      ['tip-2011', 5],
      ['tip-2011', 6],
      ['koha-tip-2016', 2],
    ]);
  });

  it('should quote a passage once in a note whose facts share it', () => {
    const { notes } = formatCitations([[fact('tip-articles'), fact('tip-articles')]], sources.docs, style);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.excerpts.map((item) => [item.sourceId, item.paragraph])).toEqual([['tip-2011', 5]]);
    expect(notes[0]?.referenceHtml).toBe(`${tipFull}, ¶ 5, Refworld.`);
  });

  it('should list each cited source once in the bibliography, with its URL', () => {
    const { bibliography } = formatCitations(
      [[fact('tip-articles')], [fact('koha-coordinator')], [fact('tip-investigations')], [fact('two-sources')], [fact('tip-articles')]],
      sources.docs,
      style,
    );
    expect(bibliography.map((entry) => entry.sourceId).sort()).toEqual(['koha-tip-2016', 'tip-2011']);
    const tip = bibliography.find((entry) => entry.sourceId === 'tip-2011');
    expect(tip?.html).toContain(tipUrl);
    expect(tip?.html).not.toMatch(/¶/);
    expect(bibliography.find((entry) => entry.sourceId === 'koha-tip-2016')?.html).toContain(kohaUrl);
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
  const builtIn = path.join(repoRoot, 'defaults', 'templates', 'csl');

  it('should read the built-in style and locale where the collection has no csl/', async () => {
    const templates = path.join(repoRoot, 'templates');
    const style = await readCitationStyle(templates, 'chicago-fullnote-bibliography', 'en-US');
    expect(style.lang).toBe('en-US');
    expect(style.style).toMatch(/<style\b/);
    expect(style.locale).toMatch(/<locale\b/);
    expect(style.files).toEqual([path.join(builtIn, 'chicago-fullnote-bibliography.csl'), path.join(builtIn, 'locales-en-US.xml')]);
  });

  it('should read a style of the collection’s own templates/csl over the built-in one, file by file', async () => {
    const project = await makeProject('mini');
    try {
      await mkdir(project.path('templates', 'csl'));
      await cp(path.join(builtIn, 'chicago-fullnote-bibliography.csl'), project.path('templates', 'csl', 'chicago-fullnote-bibliography.csl'));
      const style = await readCitationStyle(project.path('templates'), 'chicago-fullnote-bibliography', 'en-US');
      expect(style.files).toEqual([project.path('templates', 'csl', 'chicago-fullnote-bibliography.csl'), path.join(builtIn, 'locales-en-US.xml')]);
    } finally {
      await project.remove();
    }
  });
});
