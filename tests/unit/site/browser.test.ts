import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateFile } from '../../../src/compose/index.js';
import type { SourceDoc } from '../../../src/ingest/index.js';
import { passageHref, renderIndexPage, renderSourcePage, sourcePagePath } from '../../../src/site/index.js';
import { repoRoot } from '../../helpers/project.js';
import { checkLinks } from '../../helpers/site-links.js';

const read = (...parts: string[]) => readFile(path.join(repoRoot, ...parts), 'utf8');
const layout = async (name: string): Promise<TemplateFile> => {
  const file = path.join(repoRoot, 'defaults', 'templates', 'layouts', `${name}.html.hbs`);
  return { name, path: file, source: await readFile(file, 'utf8'), digest: '' };
};

const paragraph = 'The Government of Kosovo does not fully comply with the minimum standards for the elimination of trafficking; however, it is making significant efforts to do so, with a very_long_unbreakable_identifier_that_must_wrap_on_a_phone_screen_somewhere.';

const doc: SourceDoc = {
  id: 'tip-2013',
  path: '/sources/documents/tip-2013.pdf',
  digest: 'ab'.repeat(32),
  file: new VFile({ value: '' }),
  format: 'pdf',
  pages: 3,
  bib: { id: 'tip-2013', type: 'report', title: 'Trafficking in Persons Report 2013 <Kosovo> & annexes', URL: 'https://example.org/tip-2013.pdf' },
  headings: [
    { depth: 1, text: 'Trafficking in Persons Report 2013', line: 1 },
    { depth: 2, text: 'Kosovo (Tier 2)', line: 3 },
  ],
  paragraphs: [
    { n: 1, text: 'Kosovo is a source, destination, and possibly a transit country 🚩 for women & children.', line: 5, page: 1, pageLabel: 'iii' },
    { n: 2, text: paragraph, line: 7, page: 3, pageLabel: '12' },
  ],
  chrome: [],
  entryLine: 1,
};

describe('site pages in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const out = (...parts: string[]) => path.join(dir, 'output', ...parts);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'site-pages-'));
    await mkdir(out('sources'), { recursive: true });
    const css = `${await read('defaults', 'templates', 'styles', 'brief.css')}\n${await read('defaults', 'templates', 'styles', 'screen.css')}`;
    const common = { css, edition: '23 November 2026', editionIso: '2026-11-23' };
    await writeFile(out(sourcePagePath(doc.id)), renderSourcePage(await layout('source'), {
      ...common,
      doc,
      highlights: [
        { paragraph: 1, start: 0, end: 6, facts: ['a'] },
        { paragraph: 1, start: 10, end: 40, facts: ['b'] },
        { paragraph: 1, start: 20, end: 31, facts: ['c'] },
        { paragraph: 2, start: 0, end: 60, facts: ['d'] },
        { paragraph: 2, start: 40, end: 120, facts: ['e'] },
      ],
      citation: '<div class="csl-entry">US Department of State. <i>Trafficking in Persons Report 2013</i>. https://example.org/tip-2013.pdf.</div>',
      usedBy: [{ briefId: 'legal-framework', title: 'Legal framework', href: '../legal-framework.html' }],
    }));
    await writeFile(out('index.html'), renderIndexPage(await layout('index'), {
      ...common,
      briefs: [
        { id: 'legal-framework', title: 'Legal framework', subtitle: 'Codes & penalties', summary: 'What the sources say.', keyPoints: ['Kosovo prohibits all forms of trafficking.', 'A law entered into force in 2013.'], html: 'legal-framework.html', pdf: 'legal-framework.pdf', pages: 6, notes: 27, sources: 4 },
        { id: 'unmik-era', title: 'The UNMIK era', keyPoints: [], html: 'unmik-era.html', notes: 13, sources: 2 },
      ],
      pack: 'kosovo-briefs-handout.pdf',
      sources: [{ id: doc.id, title: doc.bib.title, href: sourcePagePath(doc.id), format: 'pdf' }],
    }));
    const stub = (links: string) => `<!doctype html><html lang="en"><head><title>Brief</title></head><body><main>${links}</main></body></html>`;
    await writeFile(out('legal-framework.html'), stub(`<a href="${passageHref(doc.id, 2, 40, 120)}">note</a> <a href="sources/tip-2013.html#page-2">page</a>`));
    await writeFile(out('unmik-era.html'), stub(''));
    await writeFile(out('legal-framework.pdf'), '%PDF-1.7\n');
    await writeFile(out('kosovo-briefs-handout.pdf'), '%PDF-1.7\n');
    browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      userDataDir: path.join(dir, 'profile'),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['index.html', 'sources/tip-2013.html'])('should fit a 375 px screen and pass axe-core without serious or critical violations (%s)', async (file) => {
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.setViewport({ width: 375, height: 800, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(out(file)).href, { waitUntil: 'load' });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'))).toBeLessThanOrEqual(0);
    expect(await page.evaluate('document.scripts.length')).toBe(0);
    await page.evaluate(axe);
    const violations = (await page.evaluate(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })))`,
    )) as { id: string; impact: string; nodes: string[] }[];
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, JSON.stringify(serious)).toEqual([]);
  });

  it('should highlight the passage a link targets more strongly than the others', async () => {
    await page.setViewport({ width: 1000, height: 800, deviceScaleFactor: 1 });
    await page.goto(`${pathToFileURL(out('sources', 'tip-2013.html')).href}#q2-40-120`, { waitUntil: 'load' });
    const styles = (await page.evaluate(`(() => {
      const style = (el) => { const s = getComputedStyle(el); return { background: s.backgroundColor, outline: s.outlineStyle }; };
      return { target: style(document.querySelector(':target')), id: document.querySelector(':target').id, other: style(document.getElementById('q2-0-60')) };
    })()`)) as { id: string; target: { background: string; outline: string }; other: { background: string; outline: string } };
    expect(styles.id).toBe('q2-40-120');
    expect(styles.target.background).not.toBe(styles.other.background);
    expect(styles.target.outline).toBe('solid');
    expect(styles.other.outline).toBe('none');
  });

  it('should find every link of both pages and of a brief that cites the viewer working', async () => {
    for (const file of ['index.html', 'sources/tip-2013.html', 'legal-framework.html']) {
      const results = await checkLinks(page, out(file));
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((result) => !result.ok), file).toEqual([]);
    }
    const viewer = await checkLinks(page, out('sources', 'tip-2013.html'));
    expect(viewer).toContainEqual({ href: 'https://example.org/tip-2013.pdf', ok: true, reason: 'external' });
    expect(viewer).toContainEqual({ href: '../index.html', ok: true });
    expect(viewer).toContainEqual({ href: '#p2', ok: true });
  });

  it('should report links to a missing file, a missing id and an unsupported scheme', async () => {
    await writeFile(out('broken.html'), `<!doctype html><html lang="en"><head><title>x</title></head><body>
      <a href="missing.html">a</a> <a href="index.html#nowhere">b</a> <a href="javascript:void(0)">c</a>
      <a href="#here">d</a> <a href="sources/">e</a> <p id="here">here</p></body></html>`);
    const results = await checkLinks(page, out('broken.html'));
    expect(results.map(({ href, ok }) => ({ href, ok }))).toEqual([
      { href: 'missing.html', ok: false },
      { href: 'index.html#nowhere', ok: false },
      { href: 'javascript:void(0)', ok: false },
      { href: '#here', ok: true },
      { href: 'sources/', ok: false },
    ]);
    expect(results[1]!.reason).toMatch(/no element with id "nowhere"/);
  });
});
