import { describe, expect, it } from 'vitest';
import { joinHtml } from '../../../src/render/index.js';
import { prepare } from '../../../src/build/prepare.js';
import { renderSitePages } from '../../../src/build/site-pages.js';
import { resolveConfig } from '../../../src/config/index.js';
import { makeProject } from '../../helpers/project.js';

/**
 * The mini collection, its brief adding an "As of" line and "Where the sources disagree", in
 * the language `lang` (no briefs.yaml for English), prepared to full documents and site pages.
 */
async function build(lang: string | undefined) {
  const project = await makeProject('mini');
  try {
    if (lang) await project.write('briefs.yaml', `title: Trafiku i qenieve njerëzore\nlang: ${lang}\n`);
    await project.edit('templates/briefs/main.md.hbs', (text) => text.replace('## Facts', '{{asOf}}\n\n## Facts') + '\n{{disagreements}}\n');
    const config = resolveConfig({ root: project.root, edition: '2026-11-23' });
    const prepared = await prepare(config, { documents: true });
    const brief = prepared.briefs[0]!;
    const pages = renderSitePages(prepared, config, { pdf: true, pack: false });
    return { config, body: brief.body, document: joinHtml(brief.html), matter: brief.matter, index: pages[0]?.html ?? '' };
  } finally {
    await project.remove();
  }
}

describe('a collection with `lang: sq`', () => {
  it('should get Albanian interface text in its HTML: headings, notes, "as of", dates, page footer', async () => {
    const { config, body, document, matter, index } = await build('sq');
    expect(config.language.file).toBe('sq');
    expect(matter.lang).toBe('sq');
    expect(document).toContain('<html lang="sq">');
    expect(body).toContain('<h2 id="sources-heading">Burimet</h2>');
    expect(body).toContain('>Shënimet</h2>');
    expect(body).toContain('<strong>Gjendja:</strong> burimi më i ri mbi të cilin mbështetet kjo përmbledhje është');
    expect(body).toContain('<h2>Ku burimet nuk pajtohen ose heshtin</h2>');
    expect(body).toContain('Cituar:');
    expect(body).toContain('>kthehu</a>');
    expect(body).not.toMatch(/>Sources<|>Notes<|As of:|Quoted:/);
    // The page counter and the running footer, in the document's page rules.
    expect(document).toContain('@bottom-right { content: "Faqja " counter(page) " nga " counter(pages);');
    expect(document).toContain('Botimi i 23 nëntor 2026');
    // The index: the brief's links and extent.
    expect(index).toContain('Lexo në internet (HTML)');
    expect(index).toMatch(/\d+ shënime që citojnë 2 dokumente burimore/);
  });

  it('should keep English for a collection without briefs.yaml', async () => {
    const { config, body, document, matter, index } = await build(undefined);
    expect(config.language.file).toBe('en');
    expect(matter.lang).toBe('en');
    expect(body).toContain('<h2 id="sources-heading">Sources</h2>');
    expect(body).toContain('<strong>As of:</strong> the newest source this brief draws on is');
    expect(body).toContain('<h2>Where the sources disagree or are silent</h2>');
    expect(document).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    expect(document).toContain('Edition of 23 November 2026');
    expect(index).toContain('Read online (HTML)');
  });
});
