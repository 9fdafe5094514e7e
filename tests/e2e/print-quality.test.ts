import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { createBrowserProvider, type BrowserProvider } from '../../src/render/pdf/provider.js';
import { findBrowser } from '../../src/render/pdf/find-browser.js';
import { checkLinks } from '../helpers/site-links.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { makeProject, type TempProject } from '../helpers/project.js';

const briefs = ['legal-framework', 'tip-assessment', 'unmik-era'] as const;
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file]).toString();

describe('print quality (real Chromium, Paged.js)', () => {
  let project: TempProject;

  beforeAll(async () => {
    project = await makeProject();
    await build({ root: project.root });
  });

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
    for (const part of ['Summary', id === 'tip-assessment' ? 'Key findings' : 'Key points', 'Where the sources disagree or are silent', 'About the evidence', 'Evidence']) {
      expect(titles).toContain(part);
    }
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
      // The brief's own contents, on its first page, give pack pages: each section is there.
      const contents = pages[start - 1]!.slice(pages[start - 1]!.indexOf('Contents'));
      const entries = [...contents.matchAll(/^\s*(\S.*?\S)[\s_.]*?(\d+)\s*$/gm)].slice(0, 3);
      expect(entries.length, `contents of ${title}`).toBeGreaterThan(1);
      for (const [, heading, page] of entries) {
        expect(Number(page)).toBeGreaterThanOrEqual(start);
        expect(pages[Number(page) - 1], `${heading} on pack page ${page}`).toContain(heading);
      }
    }
  });

  it('should make the pack one tagged PDF whose outline and contents lead to each brief', async () => {
    const file = project.path('output', 'kosovo-briefs-handout.pdf');
    expect(pdfinfo(file)).toMatch(/Tagged:\s+yes/);
    const pdf = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
    try {
      const outline = (await pdf.getOutline()) ?? [];
      const titles = outline.map((item) => item.title);
      expect(titles).toEqual(expect.arrayContaining(['Legal framework', 'Year-by-year TIP assessment', 'The UNMIK era']));
      // Each contents link on page 2 goes to the page its number gives.
      const contents = await pdf.getPage(2);
      const text = (await contents.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
      const links = (await contents.getAnnotations()).filter((annotation) => annotation.subtype === 'Link' && annotation.dest);
      expect(links.length).toBeGreaterThanOrEqual(3);
      const targets = new Set<number>();
      for (const link of links) {
        const dest = typeof link.dest === 'string' ? await pdf.getDestination(link.dest) : link.dest;
        targets.add((await pdf.getPageIndex(dest[0])) + 1);
      }
      for (const title of ['Legal framework', 'Year-by-year TIP assessment', 'The UNMIK era']) {
        const start = Number(new RegExp(`${title}\\s*(\\d+)`).exec(text)?.[1]);
        expect(targets, `a contents link to ${title} on page ${start}`).toContain(start);
      }
    } finally {
      await pdf.destroy();
    }
  });

  it('should lay a brief out on a page that laid another out before (fonts and Paged.js kept) as on a fresh page', async () => {
    const { apartFromFonts } = await import('../../src/render/html/html-parts.js');
    const { printPdf, readLayoutEngine } = await import('../../src/render/pdf/print.js');
    const layoutEngine = await readLayoutEngine();
    // The fonts apart, as the build gives them: the page installs them for every document after.
    const split = async (id: string) => {
      const html = await readFile(project.path('output', `${id}.html`), 'utf8');
      const fonts = html.slice(html.indexOf('<style data-pagedjs-ignore>') + '<style data-pagedjs-ignore>'.length, html.indexOf('</style>'));
      return apartFromFonts([html.slice(0, html.indexOf(fonts)), fonts, html.slice(html.indexOf(fonts) + fonts.length)]);
    };
    const [legal, unmik] = await Promise.all([split('legal-framework'), split('unmik-era')]);
    expect(unmik.fonts).toBe(legal.fonts);
    const print = async (documents: readonly { html: string; fonts?: string }[]) => {
      const browsers = createBrowserProvider(1);
      try {
        const browser = await browsers.get();
        const printed = [];
        for (const [index, document] of documents.entries()) {
          printed.push(await browser.withPage((page) => printPdf(page, document.html, { notes: 'footnotes', layoutEngine, name: `doc-${index}`, ...(document.fonts ? { fonts: document.fonts } : {}) })));
        }
        return printed.at(-1)!;
      } finally {
        await browsers.close();
      }
    };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-reuse-'));
    const text = async (bytes: Uint8Array, name: string) => {
      await writeFile(path.join(dir, name), bytes);
      return { pages: await pdfPages(path.join(dir, name)), fonts: execFileSync('pdffonts', [path.join(dir, name)]).toString().split('\n').slice(2).map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]+\+/, '')).sort() };
    };
    const fresh = await text((await print([unmik])).bytes, 'fresh.pdf');
    const after = await text((await print([legal, unmik])).bytes, 'after.pdf');
    await rm(dir, { recursive: true, force: true });
    expect(after).toEqual(fresh);
    expect(fresh.fonts.join(' ')).toMatch(/SourceSerif4-Regular/);
    expect(fresh.pages.length).toBeGreaterThan(1);
  });

  it('should lay out US Letter with --paper letter', async () => {
    await build({ root: project.root, paper: 'letter', briefs: ['unmik-era'], formats: ['pdf'] });
    expect(pdfinfo(project.path('output', 'unmik-era.pdf'))).toMatch(/Page size:\s+612(\.\d+)? x 792(\.\d+)? pts \(letter\)/);
    await build({ root: project.root, briefs: ['unmik-era'], formats: ['pdf'] });
  });

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
      const result = await browser.withPage(async ({ page, load }) => {
        await page.setViewport({ width: 375, height: 800, deviceScaleFactor: 1 });
        await load(html);
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
    });
  });

  describe('the index and the source viewer (real Chromium)', () => {
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      const location = await findBrowser();
      browser = await puppeteer.launch({
        executablePath: location!.executablePath,
        userDataDir: await mkdtemp(path.join(os.tmpdir(), 'briefs-site-')),
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('should resolve every link of the index, the briefs and the viewer pages to a file and an anchor that exist', async () => {
      const viewers = (await readdir(project.path('output', 'sources'))).filter((file) => file.endsWith('.html'));
      expect(viewers).toHaveLength(5);
      const pages = ['index.html', ...briefs.map((id) => `${id}.html`), ...viewers.map((file) => `sources/${file}`)];
      const hrefs = new Set<string>();
      for (const file of pages) {
        const results = await checkLinks(page, project.path('output', file));
        expect(results.filter((result) => !result.ok), file).toEqual([]);
        for (const result of results) if (result.reason !== 'external') hrefs.add(`${path.dirname(file)}/${result.href}`);
      }
      // The index links every brief in both formats, the pack and every viewer page.
      const index = (await checkLinks(page, project.path('output', 'index.html'))).map((result) => result.href);
      for (const id of briefs) expect(index).toEqual(expect.arrayContaining([`${id}.html`, `${id}.pdf`]));
      expect(index).toEqual(expect.arrayContaining(['kosovo-briefs-handout.pdf', ...viewers.map((file) => `sources/${file}`)]));
    });

    it('should show each brief with its key points and its edition date on the index', async () => {
      const html = await readFile(project.path('output', 'index.html'), 'utf8');
      for (const id of briefs) {
        const brief = await readFile(project.path('output', `${id}.html`), 'utf8');
        const title = /<h1>([^<]+)<\/h1>/.exec(brief)![1]!;
        expect(html).toContain(title);
      }
      expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
      expect(html).toContain('Key points');
      expect(html).toContain('Kosovo prohibited all forms of trafficking in persons in Articles 137 and 139');
    });

    it.each(['index.html', 'sources/tip-2011.html'])('should fit a 375 px screen, run no script and pass axe-core without serious or critical violations (%s)', async (file) => {
      const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      await page.setViewport({ width: 375, height: 800, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(project.path('output', file)).href, { waitUntil: 'load' });
      expect(Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'))).toBeLessThanOrEqual(0);
      expect(await page.evaluate('document.scripts.length')).toBe(0);
      await page.evaluate(axe);
      const violations = (await page.evaluate(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`,
      )) as { id: string; impact: string; nodes: number }[];
      const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious, JSON.stringify(serious)).toEqual([]);
    });

    it('should bring a note link in the HTML brief to its passage, highlighted', async () => {
      const brief = await readFile(project.path('output', 'tip-assessment.html'), 'utf8');
      const href = /<a href="(sources\/tip-2011\.html#q[^"]+)"[^>]*class="passage"/.exec(brief)![1]!;
      await page.setViewport({ width: 1000, height: 800, deviceScaleFactor: 1 });
      await page.goto(new URL(href, pathToFileURL(project.path('output', 'tip-assessment.html'))).href, { waitUntil: 'load' });
      const target = (await page.evaluate(`(() => {
        const el = document.querySelector(':target');
        const box = el.getBoundingClientRect();
        return { tag: el.tagName, background: getComputedStyle(el).backgroundColor, outline: getComputedStyle(el).outlineStyle, visible: box.top >= 0 && box.top < innerHeight };
      })()`)) as { tag: string; background: string; outline: string; visible: boolean };
      expect(target.tag).toBe('MARK');
      expect(target.outline).toBe('solid');
      expect(target.visible).toBe(true);
    });
  });
});
