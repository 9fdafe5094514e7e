import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCiter, readCitationStyle, type CitationStyle } from '../../../src/cite/index.js';
import { builtinTemplatesDir } from '../../../src/config/template-folders.js';
import { loadFacts, verifyQuotes, type VerifiedFact } from '../../../src/facts/index.js';
import { readSources, type SourceCollection } from '../../../src/ingest/index.js';
import type { SourceDoc } from '../../../src/ingest/read-sources.js';
import { loadLocale } from '../../../src/locale/index.js';
import { makeProject, type TempProject } from '../../helpers/project.js';

const facts = `- id: koha-coordinator
  topics: [legal-framework]
  statement: A national coordinator.
  citations:
    - source: koha-tip-2016
      quote: "it appointed a national coordinator for anti-trafficking efforts"
- id: tip-articles
  topics: [legal-framework]
  statement: Articles 137 and 139.
  citations:
    - source: tip-2011
      quote: "Kosovo prohibits all forms of trafficking in persons in Articles 137 and 139 of the 2004 criminal code"
`;

const tipUrl = 'http://www.refworld.org/docid/4e12ee6cc.html';
const kohaUrl = 'https://media.unmikonline.org/index.php/mediareports/articles-kosovo-media-7699';
/** The Koha summary's title as sources.yaml gives it: no `language`, so citeproc-js leaves its case alone outside English. */
const kohaTitle = 'US State Department: Kosovo, source and destination for human trafficking (Koha)';
const tipTitle = '2011 Trafficking in Persons Report - Kosovo';
const state = 'United States Department of State';

/** What each shipped CSL locale prints for the Koha summary (a web page read 2 December 2026, with no date of its own) and the 2011 report. */
const languages = [
  {
    lang: 'sq',
    csl: 'sq-AL',
    kohaNote: `„${kohaTitle}“, UNMIK Media Observer, p.d., ¶ 2, parë më 2 dhjetor 2026.`,
    kohaEntry: `UNMIK Media Observer. „${kohaTitle}“. Parë më 2 dhjetor 2026. ${kohaUrl}.`,
    tipNote: `${state}, „${tipTitle}“ (${state}, 27 qershor 2011), ¶ 5, Refworld.`,
    chapterNote: `${state}, „${tipTitle}“, në <i>Trafficking in Persons Report</i>, red. John Smith dhe Ann Roe (${state}, 2011), ¶ 5.`,
    chapterEntry: `${state}. „${tipTitle}“. Në <i>Trafficking in Persons Report</i>, redaktuar nga John Smith dhe Ann Roe. ${state}, 2011. ${tipUrl}.`,
    foreignQuotes: /”/,
  },
  {
    lang: 'sr-Latn',
    csl: 'sr-Latn-RS',
    kohaNote: `„${kohaTitle}”, UNMIK Media Observer, b.d., ¶ 2, pristupljeno 2. decembar 2026.`,
    kohaEntry: `UNMIK Media Observer. „${kohaTitle}”. Pristupljeno 2. decembar 2026. ${kohaUrl}.`,
    tipNote: `${state}, „${tipTitle}” (${state}, 27. jun 2011.), ¶ 5, Refworld.`,
    chapterNote: `${state}, „${tipTitle}”, u <i>Trafficking in Persons Report</i>, ur. John Smith i Ann Roe (${state}, 2011.), ¶ 5.`,
    chapterEntry: `${state}. „${tipTitle}”. U <i>Trafficking in Persons Report</i>, ur. John Smith i Ann Roe. ${state}, 2011. ${tipUrl}.`,
    foreignQuotes: /“/,
  },
] as const;

/** Words of the English locale that a note in another language must not show (outside the English titles). */
const english = /\baccessed\b|\bn\.d\.|\bno date\b|\band\b|\bedited\b|\bed\.|\bin <i>|\b(?:January|June|December)\b/i;
const withoutTitles = (html: string) => html.replaceAll(kohaTitle, '').replaceAll(tipTitle, '');

describe('the shipped CSL locales for Albanian and Serbian (Latin)', () => {
  let project: TempProject;
  let sources: SourceCollection;
  let verified: Map<string, VerifiedFact>;
  const fact = (id: string): VerifiedFact => {
    const found = verified.get(id);
    if (!found) throw new Error(`fact ${id} was not verified`);
    return found;
  };

  beforeAll(async () => {
    project = await makeProject();
    await project.write('sources/facts.yaml', facts);
    // The Koha summary as a web page read on 2 December 2026: it shows no date of its own.
    await project.edit('sources/sources.yaml', (text) => {
      const from = '  type: article-newspaper\n  kind: news summary\n';
      expect(text).toContain(from);
      return text.replace(from, '  type: webpage\n  kind: news summary\n  accessed: 2026-12-02\n');
    });
    sources = await readSources(project.path('sources'));
    const factsFile = await loadFacts(project.path('sources', 'facts.yaml'));
    verified = verifyQuotes(factsFile.facts, sources.docs, factsFile.file);
    expect(factsFile.file.messages).toEqual([]);
  });

  afterAll(async () => {
    await project.remove();
  });

  for (const language of languages) {
    describe(`locales-${language.csl}.xml`, () => {
      let style: CitationStyle;

      beforeAll(async () => {
        style = await readCitationStyle(project.path('templates'), 'chicago-fullnote-bibliography', language.csl);
      });

      it(`should be the CSL locale of \`lang: ${language.lang}\`, read from the tool's own csl/ folder`, () => {
        expect(loadLocale(language.lang).csl).toBe(language.csl);
        expect(style.lang).toBe(language.csl);
        expect(style.files).toEqual([
          path.join(builtinTemplatesDir, 'csl', 'chicago-fullnote-bibliography.csl'),
          path.join(builtinTemplatesDir, 'csl', `locales-${language.csl}.xml`),
        ]);
      });

      it('should write the access date, "no date" and the quotation marks of the language in notes and the Sources list', () => {
        const { notes, bibliography } = createCiter(sources.docs, style).notes([[fact('koha-coordinator')], [fact('tip-articles')]]);
        expect(notes.map((note) => note.referenceHtml)).toEqual([language.kohaNote, language.tipNote]);
        const koha = bibliography.find((entry) => entry.sourceId === 'koha-tip-2016')?.html;
        expect(koha).toBe(`<div class="csl-entry">${language.kohaEntry}</div>`);
        for (const text of [...notes.map((note) => note.referenceHtml), koha ?? '']) {
          expect(withoutTitles(text)).not.toMatch(english);
          expect(text).not.toMatch(language.foreignQuotes);
        }
      });

      it('should write "in", "edited by" and "and" of the language for a chapter of an edited volume', () => {
        const tip = sources.docs.get('tip-2011')!;
        const chapter: SourceDoc = {
          ...tip,
          bib: {
            ...tip.bib,
            type: 'chapter',
            'container-title': 'Trafficking in Persons Report',
            editor: [
              { family: 'Smith', given: 'John' },
              { family: 'Roe', given: 'Ann' },
            ],
            issued: { 'date-parts': [[2011]] },
          },
        };
        const docs = new Map([...sources.docs, ['tip-2011', chapter]]);
        const citer = createCiter(docs, style);
        const { notes } = citer.notes([[fact('tip-articles')]]);
        expect(notes[0]?.referenceHtml).toBe(language.chapterNote);
        expect(citer.references().get('tip-2011')).toBe(`<div class="csl-entry">${language.chapterEntry}</div>`);
        expect(withoutTitles(notes[0]?.referenceHtml ?? '')).not.toMatch(english);
      });
    });
  }
});
