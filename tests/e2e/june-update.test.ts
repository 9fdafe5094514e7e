import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import {
  archivedRepublisherPage,
  copiedText,
  loadNarrative,
  paragraphOf,
  printedPdf,
  publisherPage,
  type Narrative,
} from '../helpers/narrative-shapes.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { makeProject, type TempProject } from '../helpers/project.js';

// The June update as a curator makes it: a new report's narrative arrives in every shape a real
// one does (tests/fixtures/tip-narrative-synthetic), is dropped into sources/ with a few facts,
// and the installed CLI (bin/briefs.js → the esbuild bundle) checks and builds on an empty cache.

/** The four shapes, each a source of its own. */
const shapes = [
  // The saved page has one line of its own under the title (the office that wrote the report).
  { id: 'tip-2014-page', file: 'documents/tip-2014-kosovo.html', format: 'html', what: 'the saved page', extra: 1 },
  { id: 'tip-2014-archive', file: 'documents/tip-2014-kosovo-refworld-archive.html', format: 'html', what: 'the archived republisher page', extra: 0 },
  { id: 'tip-2014-copied', file: 'documents/tip-2014-kosovo-copied.txt', format: 'text', what: 'the copied text', extra: 0 },
  { id: 'tip-2014-pdf', file: 'documents/tip-2014-kosovo.pdf', format: 'pdf', what: 'the PDF', extra: 0 },
] as const;

/** Passages each shape's facts quote, as the curator copies them (straight or curly marks), and the PDF page they are printed on. */
const passages = [
  {
    key: 'coordinator',
    quote: 'The government’s anti-trafficking coordinator – appointed in 2013 – chaired regular meetings of the national working group.',
    page: 1,
  },
  {
    key: 'investigations',
    quote: 'In 2013, the police investigated 61 suspected trafficking cases involving 112 suspects, compared with 54 cases in 2012.',
    page: 1,
  },
  // Typed with a straight apostrophe: quote marks may differ from the document's.
  { key: 'funding', quote: "NGOs reported that the government's funding often arrived late in the year", page: 2 },
] as const;

function sourceEntries(): string {
  return shapes
    .map(
      (shape) => `
- id: ${shape.id}
  file: ${shape.file}
  type: report
  title: "2014 Trafficking in Persons Report: Kosovo (synthetic test fixture, ${shape.what})"
  issued: 2014-06
`,
    )
    .join('');
}

function factEntries(): string {
  return shapes
    .flatMap((shape) =>
      passages.map(
        (passage) => `
- id: ${shape.id}-${passage.key}
  topics: [tip-assessment]
  tags: [finding]
  year: 2013
  tip: { report: 2014 }
  statement: ${JSON.stringify(`The synthetic 2014 narrative (${shape.what}) has a passage on ${passage.key}.`)}
  citations:
    - source: ${shape.id}
      quote: ${JSON.stringify(passage.quote)}
`,
      ),
    )
    .join('');
}

/** Write the four documents and their entries into a project. */
async function addJuneUpdate(project: TempProject, narrative: Narrative, pdf: Uint8Array): Promise<void> {
  await writeFile(project.path('sources', shapes[0].file), publisherPage(narrative));
  await writeFile(project.path('sources', shapes[1].file), archivedRepublisherPage(narrative));
  await writeFile(project.path('sources', shapes[2].file), copiedText(narrative));
  await writeFile(project.path('sources', shapes[3].file), pdf);
  await project.edit('sources/sources.yaml', (text) => text + sourceEntries());
  await project.edit('sources/facts.yaml', (text) => text + factEntries());
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { recursive: true })).filter((name) => /\.(html|pdf)$/.test(name)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex')] as const)),
  );
}

const epoch = { SOURCE_DATE_EPOCH: '1764547200' };

describe('the June update: a new report in every shape, through the installed CLI', () => {
  const narrative = loadNarrative();
  let project: TempProject;
  let checked: CliRun;
  let built: CliRun;

  beforeAll(async () => {
    project = await makeProject();
    await addJuneUpdate(project, narrative, await printedPdf(narrative));
    // First run, empty extraction cache: nothing read before.
    checked = await runCli(['check'], project.root, { env: epoch });
    built = await runCli(['build'], project.root, { env: epoch });
  });

  afterAll(() => project.remove());

  it('should pass check on the first run, with an empty cache', () => {
    expect(checked.stderr).not.toMatch(/\berror\b/);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/9 sources/);
  });

  it('should build the brief that uses them', () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/✓ tip-assessment\s+rebuilt/);
  });

  it('should read each shape in its format and give every quote the ¶ a reader counts (and the PDF its page)', async () => {
    const listed = await runCli(['sources', '--json'], project.root);
    expect(listed.code, listed.stderr).toBe(0);
    const docs = JSON.parse(listed.stdout) as { id: string; format: string; paragraphs: number; facts: { id: string; locators: string[] }[] }[];
    for (const shape of shapes) {
      const doc = docs.find((entry) => entry.id === shape.id);
      expect(doc?.format, shape.id).toBe(shape.format);
      // Title, then every heading and paragraph: no chrome numbered, no paragraph lost.
      expect(doc?.paragraphs, shape.id).toBe(narrative.blocks.length + 1 + shape.extra);
      for (const passage of passages) {
        const fact = doc?.facts.find((entry) => entry.id === `${shape.id}-${passage.key}`);
        const n = paragraphOf(narrative, passage.quote.slice(0, 30).replace("'", '’')) + shape.extra;
        expect(fact?.locators, `${shape.id}-${passage.key}`).toEqual([shape.format === 'pdf' ? `p. ${passage.page}` : `¶ ${n}`]);
      }
    }
  });

  it('should decode the windows-1252 page: its apostrophes and dashes are characters, not control codes', async () => {
    const viewer = toText(fromHtml(await project.read('output/sources/tip-2014-archive.html')));
    expect(viewer).toContain('Kosovo’s criminal code prohibits');
    expect(viewer).toContain('coordinator – appointed in 2013 –');
    expect(viewer).toContain('€250,000');
    expect(viewer).not.toMatch(/[\u0080-\u009f]/);
  });

  it('should set the archive toolbar and the republisher’s header rows aside, so none is quotable', async () => {
    const viewer = toText(fromHtml(await project.read('output/sources/tip-2014-archive.html')));
    expect(viewer).toContain('Kosovo is a source, transit, and destination country');
    for (const chrome of ['The Wayback Machine', 'Cite as', 'This is not a UNHCR publication', 'Publication Date']) {
      expect(viewer, chrome).not.toContain(chrome);
    }
  });

  it('should print the facts of every shape in the PDF, with their locators in the notes', async () => {
    // Statements are read from the HTML: in the PDF a sentence may run on past a page's notes.
    const html = toText(fromHtml(await project.read('output/tip-assessment.html'))).replace(/\s+/g, ' ');
    for (const shape of shapes) expect(html).toContain(`The synthetic 2014 narrative (${shape.what}) has a passage on funding.`);
    const text = (await pdfPages(project.path('output', 'tip-assessment.pdf'))).join('\n').replace(/\s+/g, ' ');
    // The note of a PDF passage cites its page (CSL title-cases the source's title).
    expect(text).toMatch(/synthetic test fixture, the PDF\)[^“]*p\. 2\. Quoted: “NGOs reported/i);
  });

  it('should give the same output from the bundle and from the TypeScript sources', async () => {
    const twin = await mkdtemp(path.join(os.tmpdir(), 'briefs-twin-'));
    try {
      await cp(project.path('sources'), path.join(twin, 'sources'), { recursive: true });
      await cp(project.path('templates'), path.join(twin, 'templates'), { recursive: true });
      await cp(project.path('briefs.yaml'), path.join(twin, 'briefs.yaml'));
      const fromSources = await runCli(['build'], twin, { env: epoch, entry: 'sources' });
      expect(fromSources.code, fromSources.stderr).toBe(0);
      expect(fromSources.stdout.replace(/\d+\.\d\d s/g, '')).toBe(built.stdout.replace(/\d+\.\d\d s/g, ''));
      const ours = await hashes(project.path('output'));
      expect(Object.keys(ours).length).toBeGreaterThan(10);
      expect(await hashes(path.join(twin, 'output'))).toEqual(ours);
    } finally {
      await rm(twin, { recursive: true, force: true });
    }
  });
});
