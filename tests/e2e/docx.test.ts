import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { makeProject, type TempProject } from '../helpers/project.js';

const briefs = ['legal-framework', 'tip-assessment', 'unmik-era'] as const;
const env = { SOURCE_DATE_EPOCH: '1764547200' };

/** Whether LibreOffice is installed (`soffice` on the PATH). */
const soffice = (() => {
  try {
    return spawnSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
  } catch {
    return false;
  }
})();

async function parts(file: string): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await readFile(file)));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** The notes of a brief's HTML (its notes section's `li#fn-…`). */
function htmlNotes(html: string): number {
  const start = html.indexOf('<section data-footnotes');
  return [...html.slice(start, html.indexOf('</section>', start)).matchAll(/<li id="fn-[^"]+">/g)].length;
}

describe('briefs build --format docx (end to end)', () => {
  let project: TempProject;
  let run: CliRun;

  beforeAll(async () => {
    project = await makeProject();
    run = await runCli(['build', '--format', 'html,docx'], project.root, { env });
  });

  afterAll(async () => {
    await project.remove();
  });

  it('builds a Word document of each brief, its notes as Word footnotes', async () => {
    expect(run.code, run.stderr).toBe(0);
    for (const id of briefs) {
      const file = project.path('output', `${id}.docx`);
      expect((await stat(file)).size).toBeGreaterThan(1000);
      const docx = await parts(file);
      const notes = htmlNotes(await project.read(`output/${id}.html`));
      expect(notes).toBeGreaterThan(0);
      // Word's separator footnotes (ids -1 and 0) aside, one footnote per note, each referenced once.
      expect(docx['word/footnotes.xml']!.match(/<w:footnote w:id="[1-9]\d*"/g)).toHaveLength(notes);
      expect(docx['word/document.xml']!.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(notes);
      expect(run.stdout).toContain(`${notes} notes`);
      expect(docx['word/document.xml']).toContain('<w:pStyle w:val="Heading2"/>');
      expect(docx['word/document.xml']).toContain('<w:tblHeader/>');
      expect(docx['word/footnotes.xml']).not.toMatch(/>back</);
      const core = docx['docProps/core.xml']!;
      expect(core).toMatch(/<dc:title>[^<]+<\/dc:title>/);
      expect(core).toContain('<dc:creator>');
      expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-12-01T00:00:00Z</dcterms:created>');
    }
    // The TIP brief's chart: each panel drawn as a PNG image, its text alternative as the alt text.
    const tip = await parts(project.path('output', 'tip-assessment.docx'));
    expect(Object.keys(tip).filter((name) => /^word\/media\/.+\.png$/.test(name)).length).toBeGreaterThanOrEqual(2);
    expect(tip['word/document.xml']).toMatch(/<wp:docPr [^>]*descr="Investigations: [^"]*2009[^"]*"/);
    // The index links each brief's Word document next to its HTML.
    const index = await project.read('output/index.html');
    for (const id of briefs) expect(index).toContain(`href="${id}.docx"`);
    expect(index).toContain('Download Word');
  });

  it('is up to date on a second build, and writes the same bytes when forced', async () => {
    const before = await parts(project.path('output', 'unmik-era.docx'));
    const bytes = await readFile(project.path('output', 'unmik-era.docx'));
    const again = await runCli(['build', '--format', 'docx'], project.root, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('up to date');
    const forced = await runCli(['build', '--format', 'docx', '--force'], project.root, { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(await parts(project.path('output', 'unmik-era.docx'))).toEqual(before);
    // Byte for byte: the zip entries carry the pinned date, not the time of the build.
    expect(Buffer.compare(await readFile(project.path('output', 'unmik-era.docx')), bytes)).toBe(0);
  });

  it.skipIf(!soffice)('opens in LibreOffice: each brief converts to PDF', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'briefs-docx-'));
    try {
      const files = briefs.map((id) => project.path('output', `${id}.docx`));
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${out}/profile`, '--convert-to', 'pdf', '--outdir', out, ...files], { stdio: 'pipe', timeout: 600_000 });
      for (const id of briefs) expect((await stat(path.join(out, `${id}.pdf`))).size).toBeGreaterThan(1000);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
