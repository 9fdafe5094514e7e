import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer';
import type { BrowserLocation } from './find-browser.js';

// Flags for a closed network: without them Chromium keeps trying to reach Google's services.
const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--font-render-hinting=none',
  // Pages print side by side: keep Chromium from slowing the timers of those not in front.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

/** The address a brief is served at: a reserved domain that never reaches the network. */
export const documentUrl = 'https://brief.invalid/';

/**
 * The Content-Security-Policy every brief is served with: no script from the document (inline,
 * external, handlers, javascript: URLs), nothing fetched but inlined data: images and fonts.
 * The layout engine (Paged.js) is injected through the DevTools protocol, which CSP does not
 * govern, so it is the only script that runs.
 */
export const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** Heap (JavaScript and DOM) past which a page collects its garbage between two jobs. */
const garbageThresholdBytes = 64 * 1024 * 1024;

/** A page of the pool, with what its render sandbox blocked during the current job. */
export interface SandboxedPage {
  readonly page: Page;
  /** URLs the page tried to fetch and was refused (everything but data: URLs). */
  readonly blocked: string[];
  /** The HTML served at `documentUrl` for the current job. */
  readonly document: { html: string };
  /**
   * Collect the page's garbage if it has piled up. Chromium keeps the documents a page has
   * left (their DOM, laid-out pages and fonts) until a full collection, which its JavaScript
   * heap, small here, seldom asks for: without this, a page printing brief after brief grows by
   * about 15 MB a brief. A collection takes 50–150 ms, so it runs only past a threshold.
   */
  readonly collectGarbage: () => Promise<void>;
}

/** One browser for a whole build, with a bounded pool of reused pages. */
export interface PdfBrowser {
  /**
   * Run `work` on a sandboxed page of the pool (`concurrency` pages, each one job at a time):
   * on page `lane` (mod the pool size) if given, else on the next page in turn.
   */
  readonly withPage: <T>(work: (page: SandboxedPage) => Promise<T>, lane?: number) => Promise<T>;
  /** The browser's version string. */
  readonly version: string;
  /** Whether the browser is still running (false after a crash or close). */
  readonly connected: () => boolean;
  /** Close every page and the browser, remove the profile directory. */
  readonly close: () => Promise<void>;
}

/**
 * The render sandbox: the brief is served at `documentUrl` with a strict CSP header, and the
 * page may load nothing else but the data: URLs the pipeline inlined. file://, http(s)://, and
 * everything else is refused and recorded.
 */
async function sandbox(page: Page): Promise<SandboxedPage> {
  const blocked: string[] = [];
  const document = { html: '' };
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (url === documentUrl && request.isNavigationRequest()) {
      void request
        .respond({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: { 'Content-Security-Policy': contentSecurityPolicy },
          body: document.html,
        })
        .catch(() => undefined);
    } else if (url.startsWith('data:')) {
      void request.continue().catch(() => undefined);
    } else {
      blocked.push(url);
      void request.abort('blockedbyclient').catch(() => undefined);
    }
  });
  // Loads refused by the CSP never reach the network (nor the handler above); Chromium reports
  // them on the console: record those as well.
  page.on('console', (message) => {
    const text = message.text();
    if (!text.includes('Content Security Policy')) return;
    const url = /'((?:https?|file|ftp|wss?):[^']*)'/.exec(text)?.[1];
    blocked.push(url ?? text.slice(0, 160));
  });
  const session = await page.createCDPSession();
  const collectGarbage = async () => {
    const heap = await session.send('Runtime.getHeapUsage');
    if (heap.usedSize + heap.embedderHeapUsedSize > garbageThresholdBytes) await session.send('HeapProfiler.collectGarbage');
  };
  return { page, blocked, document, collectGarbage };
}

/** Launch the browser with a fresh profile. Always pair with `close()` in a `finally`. */
export async function launchBrowser(location: BrowserLocation, concurrency: number): Promise<PdfBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'briefs-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: location.executablePath,
      headless: true,
      userDataDir,
      args: launchArgs,
      timeout: 60_000,
      // A pipe instead of a WebSocket: if this process dies, Chromium sees the pipe close and
      // exits too. Signals are handled by the build, which closes the browser itself.
      pipe: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  // A fixed set of lanes, one page each, each running its jobs in order. The caller picks the
  // lane (see build/lanes.ts), so the same inputs always meet the same pages in the same order:
  // Chromium's internal node numbering (it shows in the tagged PDF) is then the same from build
  // to build.
  const lanes: Array<{ page?: SandboxedPage; queue: Promise<unknown> }> = Array.from(
    { length: Math.max(1, concurrency) },
    () => ({ queue: Promise.resolve() }),
  );
  // Each page in a context of its own: Chromium treats every context's page as in front, so
  // pages laid out side by side all get animation frames (one context would pause all but one,
  // and Paged.js would wait forever).
  const openPage = async (lane: (typeof lanes)[number]): Promise<SandboxedPage> =>
    (lane.page ??= await sandbox(await (await browser.createBrowserContext()).newPage()));
  // Open the pages now: the browser starts while the pipeline prepares the documents, so the
  // pages are ready by the time the first document is.
  for (const lane of lanes) lane.queue = openPage(lane).catch(() => undefined);
  // Closing while a page is still being opened would leave puppeteer waiting 30 s for a target
  // that never comes, and the process alive that long after a failed build: close waits for them.
  const opening = lanes.map((lane) => lane.queue);
  let submitted = 0;
  const version = await browser.version();
  return {
    version,
    connected: () => browser.connected,
    withPage: <T>(work: (page: SandboxedPage) => Promise<T>, lane?: number) => {
      const chosen = lanes[(lane ?? submitted++) % lanes.length]!;
      const current = chosen;
      const job = current.queue.then(async () => {
        const sandboxed = await openPage(current);
        sandboxed.blocked.length = 0;
        try {
          return await work(sandboxed);
        } catch (error) {
          // A page whose job failed (timeout, crash) is not reused.
          current.page = undefined;
          void sandboxed.page.close().catch(() => undefined);
          throw error;
        }
      });
      // Before the page's next job, what this one left behind is freed, not piled up. The caller
      // does not wait for it: it finishes the PDF while the page collects.
      current.queue = job.then(() => current.page?.collectGarbage(), () => undefined).catch(() => undefined);
      return job;
    },
    close: async () => {
      try {
        await Promise.all(opening);
        await browser.close();
      } catch {
        // Already gone (crashed or killed): make sure the process is.
        browser.process()?.kill('SIGKILL');
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
