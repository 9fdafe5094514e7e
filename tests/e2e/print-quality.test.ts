import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { createBrowserProvider, type BrowserProvider } from '../../src/render/pdf/provider.js';
import { documentUrl } from '../../src/render/pdf/browser.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { makeProject, type TempProject } from '../helpers/project.js';

const briefs = ['legal-framework', 'tip-assessment', 'unmik-era'] as const;
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file]).toString();

describe('print quality (real Chromium, Paged.js)', () => {
  let project: TempProject;

  beforeAll(async () => {
    project = await makeProject();
    await build({ root: project.root });
  }, 180_000);

  afterAll(async () => {
    await project.remove();
  });

  it.each(briefs)('should embed every font of %s, tag it, and set A4', async (id) => {
    const file = project.path('output', `${id}.pdf`);
    const fonts = execFileSync('pdffonts', [file]).toString().trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    expect(fonts.join('\n')).toMatch(/SourceSerif4/);
    const info = pdfinfo(file);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Author:\s+\S/);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
  });

  it.each(briefs)('should give %s an outline of its headings', async (id) => {
    const data = new Uint8Array(await readFile(project.path('output', `${id}.pdf`)));
    const pdf = await getDocument({ data, verbosity: 0 }).promise;
    const outline = (await pdf.getOutline()) ?? [];
    await pdf.destroy();
    const titles = JSON.stringify(outline.map((item) => [item.title, item.items.map((child) => child.title)]));
    expect(outline.length).toBeGreaterThan(0);
    expect(titles).toContain('Key points');
  });

  it.each(briefs)('should print contents whose page numbers are the pages the sections start on (%s)', async (id) => {
    const pages = await pdfPages(project.path('output', `${id}.pdf`));
    const html = await readFile(project.path('output', `${id}.html`), 'utf8');
    const headings = [...html.matchAll(/<h2(?: [^>]*)?>([^<]+)<\/h2>/g)]
      .map((match) => match[1]!.replace(/&#x26;/g, '&'))
      .filter((heading) => heading !== 'Notes' && heading !== 'Sources');
    const contents = pages[0]!.slice(pages[0]!.indexOf('Contents'));
    for (const heading of headings) {
      const entry = new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s_.]*?(\\d+)`).exec(contents);
      expect(entry, `contents entry for ${heading}`).not.toBeNull();
      const page = Number(entry![1]);
      // The heading is on that page, and on no earlier page as a running header would put it.
      expect(pages[page - 1], `${heading} on page ${page}`).toContain(heading);
    }
  });

  it('should write the handout pack: cover, contents, the briefs from odd pages, continuous numbers', async () => {
    const file = project.path('output', 'kosovo-briefs-handout.pdf');
    const pages = await pdfPages(file);
    expect(pages[0]).toContain('Policy briefs');
    expect(pages[1]).toContain('Contents');
    const total = pages.length;
    for (const [index, text] of pages.slice(1).entries()) {
      if (text.trim() !== '') expect(text).toContain(`Page ${index + 2} of ${total}`);
    }
    for (const title of ['Legal framework', 'Year-by-year TIP assessment', 'The UNMIK era']) {
      const entry = new RegExp(`${title}[\\s_.]*?(\\d+)`).exec(pages[1]!);
      expect(entry, title).not.toBeNull();
      const start = Number(entry![1]);
      expect(start % 2, `${title} starts on an odd page`).toBe(1);
      expect(pages[start - 1]).toContain(title);
    }
  });

  it('should lay out US Letter with --paper letter', async () => {
    await build({ root: project.root, paper: 'letter', briefs: ['unmik-era'], formats: ['pdf'] });
    expect(pdfinfo(project.path('output', 'unmik-era.pdf'))).toMatch(/Page size:\s+612(\.\d+)? x 792(\.\d+)? pts \(letter\)/);
    await build({ root: project.root, briefs: ['unmik-era'], formats: ['pdf'] });
  }, 120_000);

  describe('HTML on a phone', () => {
    let browsers: BrowserProvider;

    beforeAll(() => {
      browsers = createBrowserProvider(1);
    });

    afterAll(async () => {
      await browsers.close();
    });

    it.each(briefs)('should fit a 375 px screen and pass axe-core without serious or critical violations (%s)', async (id) => {
      const html = await readFile(project.path('output', `${id}.html`), 'utf8');
      const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      const browser = await browsers.get();
      const result = await browser.withPage(async ({ page, document }) => {
        document.html = html;
        await page.setViewport({ width: 375, height: 800, deviceScaleFactor: 1 });
        await page.goto(documentUrl, { waitUntil: 'load' });
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        await page.evaluate(axe);
        const violations = await page.evaluate(
          `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`,
        );
        return { overflow: Number(overflow), violations: violations as { id: string; impact: string; nodes: number }[] };
      });
      expect(result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'), JSON.stringify(result.violations)).toEqual([]);
      expect(result.overflow).toBeLessThanOrEqual(0);
      expect(result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    }, 60_000);
  });
});
