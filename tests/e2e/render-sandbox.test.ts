import { execFileSync } from 'node:child_process';
import { processesMatching, waitUntil } from '../helpers/processes.js';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserProvider } from '../../src/render/pdf/provider.js';
import { printPdf, readLayoutEngine } from '../../src/render/pdf/print.js';
import { loadFontCss } from '../../src/render/html/fonts.js';
import { build } from '../../src/index.js';
import { makeProject, type TempProject } from '../helpers/project.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from '../helpers/cli.js';

describe('render sandbox', () => {
  const requests: string[] = [];
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('root:x:0:0:leaked');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('should fetch nothing and run no script, whatever the HTML asks for', async () => {
    const html = `<!doctype html><html><head><title>t</title>
      <link rel="stylesheet" href="${base}/style.css">
      <style>@import url("${base}/import.css"); body { background: url("${base}/bg.png"); }</style>
      </head><body><p>Visible text</p>
      <iframe src="file:///etc/passwd"></iframe>
      <img src="${base}/pixel.png"><img src="http://169.254.169.254/latest/meta-data/">
      <object data="file:///etc/passwd"></object>
      <script>document.body.textContent = 'script ran'; fetch('${base}/script');</script>
      <a href="javascript:alert(1)">link</a>
      </body></html>`;
    const browsers = createBrowserProvider(1);
    try {
      const browser = await browsers.get();
      const layoutEngine = await readLayoutEngine();
      const printed = await browser.withPage((page) => printPdf(page, html, { notes: 'endnotes', layoutEngine }));
      const dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-sandbox-'));
      await writeFile(path.join(dir, 'x.pdf'), printed.bytes);
      const text = (await pdfPages(path.join(dir, 'x.pdf'))).join('\n');
      await rm(dir, { recursive: true, force: true });
      expect(text).toContain('Visible text');
      expect(text).not.toContain('script ran');
      expect(text).not.toContain('root:x:0:0');
      expect(requests).toEqual([]);
      expect(printed.blocked.some((url) => url.startsWith(base))).toBe(true);
      // Chromium itself refuses file:// from the page; everything else the sandbox refused.
      expect(printed.blocked.some((url) => url.startsWith('http://169.254.169.254'))).toBe(true);
    } finally {
      await browsers.close();
    }
  });

  it('should install the fonts once per page for the documents after, replace other fonts, and leave none to a document given none', async () => {
    const fonts = await loadFontCss();
    const faces = fonts.match(/@font-face/g)?.length ?? 0;
    const other = fonts.slice(0, fonts.indexOf('}') + 1);
    const doc = (text: string) => `<!doctype html><html lang="en"><head><title>t</title></head><body><p style="font-family: 'Source Serif 4'">${text}</p></body></html>`;
    const state = `({ size: document.fonts.size, marked: [...document.fonts].some((face) => face.marked === true), used: document.fonts.check("16px 'Source Serif 4'"), text: document.body.textContent })`;
    const browsers = createBrowserProvider(1);
    try {
      const browser = await browsers.get();
      await browser.withPage(async (sandboxed) => {
        await sandboxed.load(doc('first'), fonts);
        expect(await sandboxed.page.evaluate(state)).toEqual({ size: faces, marked: false, used: true, text: 'first' });
        await sandboxed.page.evaluate('[...document.fonts][0].marked = true');
        // The next document with the same fonts finds them installed: the very same FontFaces.
        await sandboxed.load(doc('second'), fonts);
        expect(await sandboxed.page.evaluate(state)).toEqual({ size: faces, marked: true, used: true, text: 'second' });
        // Other fonts replace them; a document given none has none left over.
        await sandboxed.load(doc('third'), other);
        expect(await sandboxed.page.evaluate(state)).toMatchObject({ size: 1, marked: false, text: 'third' });
        await sandboxed.load(doc('fourth'));
        expect(await sandboxed.page.evaluate(state)).toMatchObject({ size: 0, marked: false, text: 'fourth' });
      });
    } finally {
      await browsers.close();
    }
  });

  it('should keep standards mode and the language of a document written into the page, and its policy whatever the document says', async () => {
    const browsers = createBrowserProvider(1);
    try {
      const browser = await browsers.get();
      const seen = await browser.withPage(async ({ page, load, blocked }) => {
        // A refresh is a navigation, which CSP does not govern; a policy of the document's own
        // cannot widen ours; nor can removing ours from the DOM.
        await load(`<!-- a comment first --><!DOCTYPE html><html lang="sq"><head>
          <meta http-equiv="Content-Security-Policy" content="default-src *; img-src *">
          <meta http-equiv="refresh" content="0; url=${base}/refresh">
          </head><body><p>Tekst</p></body></html>`);
        await page.evaluate(`document.querySelectorAll('meta').forEach((meta) => meta.remove()); const img = new Image(); img.src = '${base}/after.png'; document.body.append(img);`);
        // Both refused (the test's time limit stands for "never"), and the page still ours.
        await waitUntil(() => blocked.some((url) => url.startsWith(`${base}/refresh`)) && blocked.some((url) => url.startsWith(`${base}/after.png`)));
        const state = await page.evaluate(`[document.compatMode, document.documentElement.lang, document.body.textContent.trim(), location.href]`);
        return { state, blocked: [...blocked] };
      });
      expect(seen.state).toEqual(['CSS1Compat', 'sq', 'Tekst', 'about:blank']);
      expect(requests).toEqual([]);
      expect(seen.blocked.some((url) => url.startsWith(`${base}/after.png`))).toBe(true);
      expect(seen.blocked.some((url) => url.startsWith(`${base}/refresh`))).toBe(true);
    } finally {
      await browsers.close();
    }
  });
});

describe('the browser', () => {

  it('should run no Chromium UI page beside the briefs (they keep a share of the CPU busy)', async () => {
    const browsers = createBrowserProvider(2);
    try {
      const browser = await browsers.get();
      const urls = await browser.withPage(async ({ page }) => {
        const session = await page.browser().target().createCDPSession();
        const { targetInfos } = await session.send('Target.getTargets', { filter: [{}] });
        return targetInfos.map((target) => target.url);
      });
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.filter((url) => url.startsWith('chrome://'))).toEqual([]);
    } finally {
      await browsers.close();
    }
  });
});

describe('the pages of the pool', () => {
  it('should close every page but one on request (their renderers with them), and open a page again for a later job', async () => {
    const browsers = createBrowserProvider(2);
    try {
      const browser = await browsers.get();
      const pages = () =>
        browser.withPage(async ({ page }) => {
          const session = await page.browser().target().createCDPSession();
          const { targetInfos } = await session.send('Target.getTargets');
          await session.detach();
          return targetInfos.filter((target) => target.type === 'page').length;
        }, 0);
      await Promise.all([0, 1].map((lane) => browser.withPage(({ load }) => load('<!doctype html><p>one'), lane)));
      expect(await pages()).toBe(2);
      await browser.closeOthers(0);
      expect(await pages()).toBe(1);
      const text = await browser.withPage(async ({ load, page }) => {
        await load('<!doctype html><p>two');
        return page.evaluate('document.body.textContent');
      }, 1);
      expect(text).toBe('two');
      expect(await pages()).toBe(2);
    } finally {
      await browsers.close();
    }
  });
});

describe('hostile content in a statement, through the whole pipeline', () => {
  it('should leave out iframes, images, links and scripts, warn naming the fact, and fetch nothing', async () => {
    const requests: string[] = [];
    const server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('root:x:0:0:leaked');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const project = await makeProject('mini');
    try {
      await project.edit('sources/facts.yaml', (text) =>
        text.replace(
          'statement: Officials said progress was slow.',
          `statement: 'Officials said progress was slow. <iframe src="file:///etc/passwd"></iframe> <img src="${base}/pixel.png"> <script>document.title="x"</script> [click](javascript:alert(1)) ![x](${base}/md.png)'`,
        ),
      );
      const run = await runCli(['build'], project.root);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/warning\s+Fact "progress" holds raw HTML .*iframe.*\[unsafe-markup\]/);
      expect(run.stderr).toMatch(/Fact "progress" holds the link "javascript:alert\(1\)"/);
      const html = await readFile(project.path('output', 'main.html'), 'utf8');
      expect(html).not.toMatch(/<iframe|<script|javascript:|etc\/passwd/);
      const text = (await pdfPages(project.path('output', 'main.pdf'))).join('\n');
      expect(text).toContain('Officials said progress was slow.');
      expect(text).not.toContain('root:x:0:0');
      expect(requests).toEqual([]);
    } finally {
      await project.remove();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('browser faults', () => {
  let project: TempProject;

  beforeAll(async () => {
    project = await makeProject();
  });

  afterAll(async () => {
    await project.remove();
  });

  it('should survive Chromium being killed mid-build by retrying in a fresh browser', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'briefs-kill-'));
    const previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    try {
      const building = build({ root: project.root, force: true });
      await waitUntil(() => processesMatching(tmp) > 0, 20);
      execFileSync('pkill', ['-KILL', '-f', tmp]);
      const result = await building;
      expect(result.briefs.every((brief) => brief.action === 'built')).toBe(true);
      for (const file of result.briefs.flatMap((brief) => brief.files).filter((file) => file.endsWith('.pdf'))) {
        const pages = await pdfPages(file);
        expect(pages.length).toBeGreaterThan(1);
      }
    } finally {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
    }
    await waitUntil(() => processesMatching(tmp) === 0);
    await rm(tmp, { recursive: true, force: true });
  });

  it('should say in one line how to install a browser when there is none', async () => {
    const previous = process.env['PUPPETEER_EXECUTABLE_PATH'];
    process.env['PUPPETEER_EXECUTABLE_PATH'] = '/nonexistent/chromium';
    try {
      await expect(build({ root: project.root, force: true })).rejects.toMatchObject({
        messages: [expect.objectContaining({ ruleId: 'browser-not-found', note: expect.stringMatching(/apt-get install -y chromium/) })],
      });
    } finally {
      if (previous === undefined) delete process.env['PUPPETEER_EXECUTABLE_PATH'];
      else process.env['PUPPETEER_EXECUTABLE_PATH'] = previous;
    }
  });
});
