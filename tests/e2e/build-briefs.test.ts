import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { pdfInfo, pdfNotes, pdfPages } from '../helpers/pdf-text.js';
import { lineOf, makeProject, type TempProject } from '../helpers/project.js';

const briefs = [
  { id: 'legal-framework', title: 'Legal framework' },
  { id: 'tip-assessment', title: 'Year-by-year TIP assessment' },
  { id: 'unmik-era', title: 'The UNMIK era' },
] as const;

// Titles of the five documents as their notes name them (CSL may title-case a headline).
const sourceNames = [
  /Prostitution in Kosovo/,
  /Human trafficking in Kosovo/i,
  /Kosovo, Source and Destination for Human Trafficking|US State Department: Kosovo/i,
  /18 October EU Anti-Trafficking Day/,
  /2011 Trafficking in Persons Report - Kosovo|United States Department of State/,
];

/** The notes of a brief's HTML ("Notes" section), in order, as text. */
function notesOf(html: string): { n: number; text: string }[] {
  const section = html.slice(html.indexOf('<section data-footnotes'), html.indexOf('</section>', html.indexOf('<section data-footnotes')));
  return [...section.matchAll(/<li id="fn-[^"]+">([\s\S]*?)<\/li>/g)].map((match, index) => ({
    n: index + 1,
    text: match[1]!.replace(/<[^>]+>/g, '').replace(/&#x26;/g, '&').replace(/\s+/g, ' '),
  }));
}

describe('briefs build (end to end, real Chromium)', () => {
  let project: TempProject;
  let run: CliRun;

  beforeAll(async () => {
    project = await makeProject();
    run = await runCli(['build'], project.root);
  });

  afterAll(async () => {
    await project.remove();
  });

  it('should exit 0, say when the browser started and print one progress line per brief', () => {
    // Progress goes to stderr: the one line saying the browser started, nothing else.
    expect(run.stderr).toMatch(/^Browser started: \S.* \(\d+\.\d\d s\)$/);
    expect(run.code).toBe(0);
    for (const brief of briefs) {
      expect(run.stdout).toMatch(new RegExp(`✓ ${brief.id}\\s+rebuilt: no previous build\\n\\s+output/${brief.id}\\.html, output/${brief.id}\\.pdf\\s+\\d+ notes\\s+\\d+\\.\\d\\d s`));
    }
  });

  it.each(briefs)('should write $id as HTML and PDF', async ({ id }) => {
    expect((await stat(project.path('output', `${id}.html`))).size).toBeGreaterThan(5000);
    const pdf = await readFile(project.path('output', `${id}.pdf`));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.each(briefs)('should give $id a title, page numbers and more than one page', async ({ id, title }) => {
    const pages = await pdfPages(project.path('output', `${id}.pdf`));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain(title);
    expect(pages[0]).toMatch(/Page 1 of \d+/);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    // The running title is on later pages, not on the first.
    expect(pages[1]!.trimStart().startsWith(title)).toBe(true);
  });

  it.each(briefs)('should number the notes of $id 1…N, one per marker, each naming its source and ¶ and giving or pointing to its passage', async ({ id }) => {
    const html = await readFile(project.path('output', `${id}.html`), 'utf8');
    const notes = notesOf(html);
    expect(notes.length).toBeGreaterThanOrEqual(8);
    const evidence = html.slice(html.indexOf('<section class="evidence"'), html.indexOf('</section>', html.indexOf('<section class="evidence"')));
    const inEvidence = new Set([...evidence.matchAll(/<span class="evidence-notes">([\d, ]+)\.<\/span>/g)].flatMap((match) => match[1]!.split(/,\s*/).map(Number)));
    for (const note of notes) {
      expect(sourceNames.some((name) => name.test(note.text)), `note ${note.n}: ${note.text}`).toBe(true);
      expect(note.text).toMatch(/¶+ \d+/);
      // No URL in a note: the Sources list has them.
      expect(note.text, `note ${note.n}`).not.toMatch(/https?:\/\//);
      if (/Passage quoted under Evidence\./.test(note.text)) expect(inEvidence.has(note.n), `note ${note.n} is not in the Evidence annex`).toBe(true);
      else expect(note.text).toMatch(/Quoted: (?:[^“]*: )?“/);
    }
    // Chicago notes: one note per marker, numbered in reading order.
    const markers = [...html.matchAll(/data-footnote-ref[^>]*>(\d+)</g)].map((match) => Number(match[1]));
    expect(markers).toEqual(markers.map((_, index) => index + 1));
    expect(markers.length).toBe(notes.length);
  });

  it.each(briefs)('should print in the PDF of $id the whole passage behind every note', async ({ id }) => {
    const html = await readFile(project.path('output', `${id}.html`), 'utf8');
    const passages = [...html.matchAll(/<a [^>]*class="passage"[^>]*>“([\s\S]*?)”<\/a>/g)].map((match) =>
      match[1]!.replace(/<[^>]+>/g, '').replace(/&#x26;/g, '&').replace(/&#x3C;/g, '<').replace(/&quot;/g, '"'),
    );
    expect(passages.length).toBeGreaterThan(10);
    const squeeze = (text: string) => text.replace(/[\s\u00ad]+/g, '').replace(/[‘’'ʼ]/g, "'").replace(/[“”"]/g, '"');
    const pdf = squeeze((await pdfPages(project.path('output', `${id}.pdf`))).join(' '));
    const missing = passages.filter((passage) => !pdf.includes(squeeze(passage)));
    expect(missing).toEqual([]);
  });

  it.each(briefs)('should print every note of $id at the foot of the page of its marker', async ({ id }) => {
    const html = await readFile(project.path('output', `${id}.html`), 'utf8');
    const count = notesOf(html).length;
    const pages = await pdfNotes(project.path('output', `${id}.pdf`));
    const printed = new Set(pages.flatMap((page) => page.notes));
    // Every note is printed somewhere, and on every page each marker has its note.
    expect([...printed].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    for (const page of pages) {
      for (const marker of page.markers.filter((n) => n <= count)) {
        expect(page.notes, `page ${page.page}: note ${marker}`).toContain(marker);
      }
      expect([...page.notes]).toEqual([...page.notes].sort((a, b) => a - b));
    }
    expect(pages.some((page) => page.markers.length > 0)).toBe(true);
  });

  it.each(briefs)('should link notes and markers both ways in the HTML of $id', async ({ id }) => {
    const html = await readFile(project.path('output', `${id}.html`), 'utf8');
    const refs = [...html.matchAll(/<a href="#(fn-[^"]+)" id="(fnref-[^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, note, ref] of refs) {
      expect(html).toContain(`id="${note}"`);
      expect(html).toContain(`href="#${ref}"`);
    }
    expect(html).toMatch(/<style>[\s\S]*@page/);
    expect(html).not.toMatch(/<link [^>]*stylesheet|<script/);
  });

  it.each(briefs)('should set title, author, subject and keywords in the PDF of $id', async ({ id, title }) => {
    const info = await pdfInfo(project.path('output', `${id}.pdf`));
    expect(info['Title']).toBe(title);
    expect(String(info['Author'])).not.toBe('');
    expect(String(info['Subject'])).not.toBe('');
    expect(String(info['Keywords'])).toMatch(/Kosovo/);
  });

  it('should list each cited document once under Sources', async () => {
    const html = await readFile(project.path('output', 'tip-assessment.html'), 'utf8');
    const section = html.slice(html.indexOf('id="sources-heading"'));
    const ids = [...section.matchAll(/<li id="source-([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should fail on a changed quote, name the fact and line, and leave the output as it was', async () => {
    const before = await Promise.all(briefs.map(({ id }) => readFile(project.path('output', `${id}.pdf`))));
    const facts = await project.read('sources/facts.yaml');
    const quote = 'In 2010, Kosovo authorities conducted 194 investigations';
    const line = lineOf(facts, quote);
    await project.write('sources/facts.yaml', facts.replace(quote, 'In 2010, Kosovo authorities conducted 195 investigations'));
    try {
      for (const command of ['check', 'build']) {
        const failed = await runCli([command], project.root);
        expect(failed.code).toBe(1);
        expect(failed.stderr).toMatch(new RegExp(`sources/facts\\.yaml:${line}:\\d+\\s+error\\s+The quote of fact "tip-2011-investigations" is not in source "tip-2011"`));
        expect(failed.stderr).toMatch(/closest passage: ¶ \d+, line \d+ \(similarity 0\.9\d\): “In 2010, Kosovo authorities conducted 194 investigations/);
        expect(failed.stderr).toContain('[quote-not-found]');
      }
      const after = await Promise.all(briefs.map(({ id }) => readFile(project.path('output', `${id}.pdf`))));
      after.forEach((bytes, index) => expect(bytes.equals(before[index]!)).toBe(true));
    } finally {
      await project.write('sources/facts.yaml', facts);
    }
  });
});
