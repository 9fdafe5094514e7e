import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/render/pdf/find-browser.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { makeProject, type TempProject } from '../helpers/project.js';

// An HTML brief is handed on and opened anywhere: it must make no request. A statement, a
// template and a stylesheet each try to load from a local server; the build leaves all of it
// out (with warnings), and every HTML file it writes is opened in Chromium with every request
// counted and refused.
describe('HTML outputs that call home', () => {
  const served: string[] = [];
  let server: http.Server;
  let base: string;
  let project: TempProject;
  let built: CliRun;
  let browser: Browser;
  let profile: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      served.push(request.url ?? '');
      response.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    project = await makeProject();
    await project.edit('sources/facts.yaml', (text) =>
      text.replace('The 2011 TIP report placed Kosovo in Tier 2.', `The 2011 TIP report placed Kosovo in Tier 2. ![pixel](${base}/statement.png)`),
    );
    await project.edit('templates/briefs/unmik-era.md.hbs', (text) => text.replace('## Key points', `![logo](${base}/template.png)\n\n## Key points`));
    // A stylesheet only the collection has, added to the built-in ones.
    await mkdir(project.path('templates', 'styles'), { recursive: true });
    await project.write('templates/styles/extra.css', `@import url("${base}/import.css");\n.brief h1 { background: url(${base}/background.png) no-repeat; color: #123; }\n.brief h2 { background: url(data:image/gif;base64,R0lGODlhAQABAAAAACw=); }\n`);
    built = await runCli(['build', '--format', 'html'], project.root);
    profile = await mkdtemp(path.join(os.tmpdir(), 'briefs-requests-'));
    browser = await puppeteer.launch({
      executablePath: (await findBrowser())!.executablePath,
      userDataDir: profile,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await rm(profile, { recursive: true, force: true });
    await project.remove();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should build, warning at each place that named something to load', () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/templates\/styles\/extra\.css:1:1\s+warning\s+A stylesheet @import would load/);
    expect(built.stderr).toMatch(/templates\/styles\/extra\.css:2:1\s+warning\s+A url\(\) would load ".*background\.png"/);
    expect(built.stderr).toMatch(/templates\/briefs\/unmik-era\.md\.hbs:\d+:1\s+warning\s+An image would load ".*template\.png"/);
    expect(built.stderr).toMatch(/An image would load ".*statement\.png"/);
    expect(built.stderr).toMatch(/sources\/facts\.yaml:\d+:3\s+warning\s+Fact "tip-2011-tier-2" holds the image ".*statement\.png"/);
  });

  it('should leave what stays of the stylesheet (its own rules, data: URLs) in place', async () => {
    const html = await project.read('output/unmik-era.html');
    expect(html).toMatch(/color: ?#123/);
    expect(html).toContain('url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)');
  });

  it('should make no request from any HTML file it wrote, opened in Chromium', async () => {
    const outputs = (await readdir(project.path('output'), { recursive: true })).filter((file) => file.endsWith('.html'));
    expect(outputs.length).toBeGreaterThan(5);
    const page = await browser.newPage();
    const requested: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (!request.url().startsWith('data:')) requested.push(request.url());
      void (request.url().startsWith('data:') ? request.continue() : request.abort());
    });
    for (const file of outputs) {
      await page.setContent(await readFile(project.path('output', file), 'utf8'), { waitUntil: 'load' });
    }
    expect(requested).toEqual([]);
    expect(served).toEqual([]);
  });
});
