import { execFileSync } from 'node:child_process';
import { copyFile, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../src/ingest/index.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { makeProject, repoRoot, type TempProject } from '../helpers/project.js';
import { savedPage } from '../helpers/saved-page.js';

const tipText = 'sources/documents/tip-2011-kosovo-refworld.txt';
const pdfFixture = path.join(repoRoot, 'tests', 'fixtures', 'formats', 'tip-2011-kosovo.pdf');

/** The notes of an HTML brief: text of each `<li id="fn-…">`. */
function notesOf(html: string): { id: string; text: string }[] {
  const notes: { id: string; text: string }[] = [];
  visit(fromHtml(html), 'element', (node: Element) => {
    const id = String(node.properties['id'] ?? '');
    if (node.tagName === 'li' && id.startsWith('fn-')) notes.push({ id, text: toText(node).replace(/\s+/g, ' ') });
  });
  return notes;
}

/** Point the bibliography entry of `tip-2011` at another file. */
/** The passages of the Evidence annex of an HTML brief, by the number of each note that rests on them. */
function evidenceOf(html: string): Map<number, string[]> {
  const byNote = new Map<number, string[]>();
  visit(fromHtml(html), 'element', (node) => {
    if (node.tagName !== 'li' || !String(node.properties['id'] ?? '').startsWith('evidence-')) return;
    const text = toText(node).replace(/\s+/g, ' ');
    const numbers = (/^([\d, ]+)\./.exec(text)?.[1] ?? '').split(/,\s*/).map(Number);
    // Only the report's passages (cited by page); a note may also cite another source by ¶.
    const passages = [...text.matchAll(/(¶+ [\d, ]+|pp?\. [\d–, ]+): “([^”]+)”/g)].filter((match) => !match[1]!.startsWith('¶')).map((match) => match[2]!);
    for (const n of numbers) byNote.set(n, [...(byNote.get(n) ?? []), ...passages]);
  });
  return byNote;
}

async function retarget(project: TempProject, file: string): Promise<void> {
  await project.edit('sources/sources.yaml', (text) => text.replace('file: documents/tip-2011-kosovo-refworld.txt', `file: ${file}`));
}

/** The facts quoting tip-2011, with their quotes, from facts.yaml. */
async function tipQuotes(project: TempProject): Promise<string[]> {
  const { parse } = await import('yaml');
  const facts = parse(await project.read('sources/facts.yaml')) as { citations: { source: string; quote: string }[] }[];
  return facts.flatMap((fact) => fact.citations.filter((citation) => citation.source === 'tip-2011').map((citation) => citation.quote));
}

describe('sources in other formats', () => {
  describe('the 2011 TIP report as a saved web page', () => {
    let project: TempProject;
    let built: CliRun;
    beforeAll(async () => {
      project = await makeProject();
      const text = await project.read(tipText);
      const blocks = text.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
      // The page's own chrome (Refworld header lines, "Search Refworld") is left out: the saved page has its own.
      const body = blocks.filter((block) => !/^(Last Updated|Search Refworld|Publisher |Disclaimer)/.test(block) && block !== '2011 Trafficking in Persons Report - Kosovo');
      await project.write('sources/documents/tip-2011.html', savedPage('2011 Trafficking in Persons Report - Kosovo', body));
      await retarget(project, 'documents/tip-2011.html');
      // Every test below reads what this build wrote: it is made here, not by the first test.
      built = await runCli(['build', '--format', 'html'], project.root);
    });
    afterAll(() => project.remove());

    it('should verify every quote against the main text Readability finds, and cite it by ¶', async () => {
      expect(built.stderr).toBe('');
      expect(built.code).toBe(0);
      const listed = await runCli(['sources', '--json'], project.root);
      const tip = (JSON.parse(listed.stdout) as { id: string; format: string; paragraphs: number }[]).find((doc) => doc.id === 'tip-2011');
      expect(tip?.format).toBe('html');
      const html = await project.read('output/tip-assessment.html');
      const tipNotes = notesOf(html).filter((note) => note.text.includes('United States Department of State'));
      expect(tipNotes.length).toBeGreaterThan(5);
      for (const note of tipNotes) expect(note.text).toMatch(/¶¶? \d+/);
    });

    it('should drop the page chrome: menus, cookie banner, sidebar and footer are not in the source viewer', async () => {
      const viewer = await project.read('output/sources/tip-2011.html');
      const text = toText(fromHtml(viewer));
      expect(text).toContain('In 2010, Kosovo authorities conducted 194 investigations');
      for (const chrome of ['Accept all cookies', 'Skip to main content', 'Related documents', 'Terms of use', 'Advanced search']) {
        expect(text).not.toContain(chrome);
      }
    });
  });

  describe('the 2011 TIP report as a PDF', () => {
    let project: TempProject;
    let built: CliRun;
    beforeAll(async () => {
      project = await makeProject();
      await copyFile(pdfFixture, project.path('sources/documents/tip-2011-kosovo.pdf'));
      await retarget(project, 'documents/tip-2011-kosovo.pdf');
      built = await runCli(['build', '--brief', 'tip-assessment', '--brief', 'legal-framework'], project.root);
    });
    afterAll(() => project.remove());

    it('should verify every quote in the PDF text and cite the page each is printed on', async () => {
      // Nothing on stderr but the line saying the browser started.
      expect(built.stderr).toMatch(/^Browser started: [^\n]*$/);
      expect(built.code).toBe(0);
      // Each quote of the report, and the page pdftotext finds it on.
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFixture], { encoding: 'utf8' }))?.[1]);
      const pageText = Array.from({ length: pages }, (_, index) =>
        fold(execFileSync('pdftotext', ['-f', String(index + 1), '-l', String(index + 1), pdfFixture, '-'], { encoding: 'utf8' }).replace(/-\n/g, '-').replace(/\s+/g, ' ')),
      );
      const quotes = await tipQuotes(project);
      expect(quotes.length).toBeGreaterThan(20);
      let checked = 0;
      for (const brief of ['tip-assessment', 'legal-framework']) {
        const html = await project.read(`output/${brief}.html`);
        const evidence = evidenceOf(html);
        for (const note of notesOf(html)) {
          const cited = /United States Department of State, “[^”]+” (?:\([^)]*\), )?(pp?)\. ([\d, –]+)/.exec(note.text);
          if (!cited) continue;
          expect(note.text).not.toMatch(/United States Department of State[^“]*¶/);
          const listed = cited[2]!.split(/,\s*/).flatMap((part) => {
            const [from, to = from] = part.trim().split('–').map(Number);
            return Array.from({ length: to! - from! + 1 }, (_, index) => from! + index);
          });
          // The passages behind the note (quoted in it, or under its number in Evidence) are on the pages it cites.
          const n = Number(/^fn-(\d+)$/.exec(note.id)?.[1]);
          const quoted = note.text.split('Quoted: ')[1] ?? '';
          const passages = [...quoted.matchAll(/(?:(¶+ [\d, ]+|pp?\. [\d–, ]+): )?“([^”]+)”/g)].filter((match) => !match[1]?.startsWith('¶')).map((match) => match[2]!);
          if (/Passage quoted under Evidence/.test(note.text)) passages.push(...(evidence.get(n) ?? []));
          expect(passages.length, note.text).toBeGreaterThan(0);
          for (const passage of passages) {
            const words = fold(passage).split(' ').slice(0, 5).join(' ');
            expect(listed.some((page) => pageText[page - 1]!.replace(/- /g, '-').includes(words) || pageText[page - 1]!.replace(/-\s?/g, '').includes(words.replace(/-/g, ''))), `${words} on ${listed.join(', ')}`).toBe(true);
          }
          checked += passages.length;
        }
      }
      expect(checked).toBeGreaterThan(5);
    });

    it('should name the closest passage of the PDF by its page when a quote is not found', async () => {
      const facts = await project.read('sources/facts.yaml');
      await project.write('sources/facts.yaml', facts.replace('In 2010, Kosovo authorities conducted 194 investigations', 'In 2010, Kosovo authorities conducted 195 investigations'));
      try {
        const failed = await runCli(['check'], project.root);
        expect(failed.code).toBe(1);
        expect(failed.stderr).toMatch(/closest passage: p\. 2 \(similarity 0\.9\d\): “In 2010, Kosovo authorities conducted 194 investigations/);
      } finally {
        await project.write('sources/facts.yaml', facts);
      }
    });

    it('should print "p." locators in the PDF brief too', async () => {
      const text = execFileSync('pdftotext', ['-layout', project.path('output/tip-assessment.pdf'), '-'], { encoding: 'utf8' });
      const flat = text.replace(/\s+/g, ' ');
      // Every reference to the report gives pages: "United States Department of State, “…,” p. 2".
      const locators = [...flat.matchAll(/United States Department of State, “[^”]+” (?:\([^)]*\), )?(¶+|pp?\.) \d+/g)].map((match) => match[1]);
      expect(locators.length).toBeGreaterThan(3);
      expect(locators.filter((locator) => locator!.startsWith('¶'))).toEqual([]);
    });
  });

  describe('repair hints', () => {
    let project: TempProject;
    beforeAll(async () => {
      project = await makeProject();
    });
    afterAll(() => project.remove());

    it('should name the closest passage of the new text when a quoted sentence of a document changes', async () => {
      await project.edit(tipText, (text) => text.replace('conducted 194 investigations, a significant increase', 'conducted 196 investigations, a notable increase'));
      const failed = await runCli(['check'], project.root);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('[quote-not-found]');
      expect(failed.stderr).toContain('"tip-2011-investigations"');
      expect(failed.stderr).toMatch(/closest passage: ¶ \d+, line \d+ \(similarity 0\.\d\d\): “In 2010, Kosovo authorities conducted 196 investigations, a notable increase/);
    });
  });
});

describe('the source viewer', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await makeProject();
    const built = await runCli(['build', '--format', 'html'], project.root);
    expect(built.code).toBe(0);
  });
  afterAll(() => project.remove());

  it('should have a page per document, and every note link of every HTML brief land on a highlighted passage', async () => {
    const viewers = (await readdir(project.path('output', 'sources'))).filter((file) => file.endsWith('.html')).sort();
    expect(viewers).toEqual(['eu-campaign-2018.html', 'koha-tip-2016.html', 'tip-2011.html', 'wp-prostitution.html', 'wp-trafficking.html']);
    const pages = new Map<string, Element[]>();
    const marksOf = async (file: string) => {
      if (!pages.has(file)) {
        const marks: Element[] = [];
        visit(fromHtml(await readFile(project.path('output', file), 'utf8')), 'element', (node: Element) => {
          if (node.properties['id'] !== undefined) marks.push(node);
        });
        pages.set(file, marks);
      }
      return pages.get(file)!;
    };
    let links = 0;
    for (const brief of ['legal-framework', 'tip-assessment', 'unmik-era']) {
      const tree = fromHtml(await project.read(`output/${brief}.html`));
      const passages: Element[] = [];
      visit(tree, 'element', (node: Element) => {
        if (node.tagName === 'a' && (node.properties['className'] as string[] | undefined)?.includes('passage')) passages.push(node);
      });
      expect(passages.length).toBeGreaterThan(5);
      for (const link of passages) {
        const [file, anchor] = String(link.properties['href']).split('#');
        const target = (await marksOf(file!)).find((node) => node.properties['id'] === anchor);
        expect(target?.tagName, `${brief}: ${String(link.properties['href'])}`).toBe('mark');
        // The highlighted passage starts with the excerpt the note prints.
        const excerpt = fold(toText(link)).replace(/^"|"$/g, '').replace(/…$/, '');
        expect(fold(toText(target!))).toContain(excerpt);
        links++;
      }
    }
    expect(links).toBeGreaterThan(50);
  });

  it('should highlight the passage a link targets', async () => {
    const viewer = await project.read('output/sources/tip-2011.html');
    expect(viewer).toMatch(/mark:target\s*\{/);
  });
});
