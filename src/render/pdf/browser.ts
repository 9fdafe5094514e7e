// puppeteer-core (the library puppeteer is made of, without its browser download and config
// file): bundled with the print worker, it loads in half the time.
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { BrowserStartError, withDeadline } from './faults.js';
import type { BrowserLocation } from './find-browser.js';
import { removeProfile, spawnBrowser, type SpawnedBrowser } from './spawn-browser.js';

/**
 * The Content-Security-Policy every brief is loaded under: no script from the document (inline,
 * external, handlers, javascript: URLs), nothing fetched but inlined data: images and fonts.
 * The layout engine (Paged.js) is injected through the DevTools protocol, which CSP does not
 * govern, so it is the only script that runs.
 */
export const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** The policy as the document's first element, which the parser applies to all that follows. */
const policyElement = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">`;

/**
 * `html` with the policy element first: after a leading doctype (and the comments before it),
 * so that a standards-mode document stays in standards mode, before anything else. Ahead of
 * the document's own `<html>` and `<head>`, the parser opens both for it and merges the
 * document's attributes (`lang`) into them.
 */
function withPolicy(html: string): string {
  const prologue = /^(?:\s|<!--[\s\S]*?-->)*<!doctype[^>]*>/i.exec(html)?.[0] ?? '';
  return prologue + policyElement + html.slice(prologue.length);
}

/**
 * Make a FontFace of each @font-face rule of the page's style sheets and add it to
 * `document.fonts`, where it stays when the next document is written in (the rules go with
 * their document). Each face loads when a document first uses it, as a CSS one would.
 */
const fontFaces = String.raw`(() => {
  const descriptors = [['font-style', 'style'], ['font-weight', 'weight'], ['font-stretch', 'stretch'], ['unicode-range', 'unicodeRange'],
    ['font-feature-settings', 'featureSettings'], ['font-variation-settings', 'variationSettings'], ['font-display', 'display'],
    ['ascent-override', 'ascentOverride'], ['descent-override', 'descentOverride'], ['line-gap-override', 'lineGapOverride']];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const given = {};
      for (const [property, key] of descriptors) {
        const value = rule.style.getPropertyValue(property);
        if (value) given[key] = value;
      }
      // The rule's family comes serialised as a CSS string ("Source Serif 4"); FontFace takes the name itself.
      const family = rule.style.getPropertyValue('font-family').trim();
      const name = /^".*"$/s.test(family) ? family.slice(1, -1).replace(/\\(.)/gs, '$1') : family;
      document.fonts.add(new FontFace(name, rule.style.getPropertyValue('src'), given));
    }
  }
})()`;

/** Heap (JavaScript and DOM) past which a page collects its garbage between two jobs. */
const garbageThresholdBytes = 64 * 1024 * 1024;

/** A page of the pool, with what its render sandbox blocked during the current job. */
export interface SandboxedPage {
  readonly page: Page;
  /** URLs the page tried to fetch and was refused (everything but data: URLs). */
  readonly blocked: string[];
  /**
   * Make `html` the page's document, under `contentSecurityPolicy`, and wait until it has
   * loaded (its inlined images and fonts). The document replaces the last one in place, with
   * no navigation: that costs about a third of what serving it at an address did.
   *
   * `fonts` are @font-face rules (inlined, data: URLs) left out of `html`: the page installs
   * them once, as FontFace objects, and keeps them for the documents after. A document written
   * in keeps the page's `document.fonts`, so each font is sent, parsed and decoded once per page
   * rather than once per document. Other `fonts` replace them; a document given none gets none.
   */
  readonly load: (html: string, fonts?: string) => Promise<void>;
  /** Install `fonts` in the page now, as `load` would (none: remove those installed). */
  readonly installFonts: (fonts: string | undefined) => Promise<void>;
  /**
   * Evaluate `script` in the page's window unless it is the script last evaluated so: the
   * window, with what scripts defined in it, outlives the documents written in (the print step
   * loads its layout engine this way, once per page).
   */
  readonly setUp: (script: string) => Promise<void>;
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
  /**
   * Close the page of every lane but `keep` once its jobs are done, with its renderer and
   * what it holds (the documents it laid out, its fonts): before the one job left, such as the
   * handout pack, which needs the memory. A lane given a job after opens a new page. Resolves
   * once they are closed; never rejects.
   */
  readonly closeOthers: (keep: number) => Promise<void>;
  /** The browser's version string. */
  readonly version: string;
  /** Whether the browser is still running (false after a crash, a protocol fault or close). */
  readonly connected: () => boolean;
  /**
   * End the browser and every process it started (killed: its profile is thrown away, so a
   * graceful close, 100–200 ms on a busy machine, would save nothing), fail every call still
   * waiting on it, remove the profile directory. Never throws; calling it again waits for the
   * first call.
   */
  readonly close: () => Promise<void>;
}

/**
 * The render sandbox: the brief is written into the page with a strict CSP as its first
 * element, and the page may load nothing else but the data: URLs the pipeline inlined. file://,
 * http(s)://, and everything else is refused and recorded; so is any navigation away (a
 * refresh, a form), which the CSP does not govern.
 */
async function sandbox(page: Page): Promise<SandboxedPage> {
  const blocked: string[] = [];
  // Both at once: two round trips to a browser that is still starting.
  const [session] = await Promise.all([page.createCDPSession(), page.setRequestInterception(true)]);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (url.startsWith('data:')) {
      void request.continue().catch(() => undefined);
    } else if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      // Refused with "204 No Content", a navigation leaves the page where it is: refused with
      // an error, it would put Chromium's error page in place of the brief.
      blocked.push(url);
      void request.respond({ status: 204 }).catch(() => undefined);
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
  const collectGarbage = async () => {
    const heap = await session.send('Runtime.getHeapUsage');
    if (heap.usedSize + heap.embedderHeapUsedSize > garbageThresholdBytes) await session.send('HeapProfiler.collectGarbage');
  };
  const frameId = (await session.send('Page.getFrameTree')).frameTree.frame.id;
  const write = (html: string) => session.send('Page.setDocumentContent', { frameId, html: withPolicy(html) });
  // The fonts the page has installed (the string they came from), if any.
  let installed: string | undefined;
  const install = async (fonts: string | undefined) => {
    if (fonts === installed) return;
    installed = undefined;
    await page.evaluate('document.fonts.clear()');
    if (fonts === undefined) return;
    // Chromium parses the rules (a document of their own); the page makes its FontFaces of them.
    await write(`<!doctype html><style>${fonts}</style>`);
    await page.evaluate(fontFaces);
    installed = fonts;
  };
  const load = async (html: string, fonts?: string) => {
    await install(fonts);
    await write(html);
    // Written in one piece, the document has only its data: images and fonts left to load.
    await page.evaluate(`document.readyState === 'complete' || new Promise((loaded) => addEventListener('load', () => loaded(), { once: true }))`);
  };
  // The script the window was last set up with, if any.
  let setUpWith: string | undefined;
  const setUp = async (script: string) => {
    if (script === setUpWith) return;
    setUpWith = undefined;
    await page.evaluate(script);
    setUpWith = script;
  };
  return { page, blocked, load, installFonts: install, setUp, collectGarbage };
}

/** How long the browser may take to start and answer on its DevTools pipe. */
export const browserStartTimeoutMs = 30_000;

/** How long opening a page may take (a context, a page, its sandbox). */
const pageOpenTimeoutMs = 30_000;

/** How long collecting a page's garbage between two jobs may take. */
const collectTimeoutMs = 10_000;

/** Options of `launchBrowser`. */
export interface LaunchOptions {
  /** How long the browser may take to start (default `browserStartTimeoutMs`; the tests shorten it). */
  readonly startTimeoutMs?: number;
  /** Aborted when the browser is no longer wanted (the build was interrupted): a start under way is given up. */
  readonly signal?: AbortSignal;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Connect to a Chromium just started (spawnBrowser): resolves once it has answered (its
 * version), or rejects with a `BrowserStartError` saying why not, the browser killed.
 */
async function connect(
  spawned: SpawnedBrowser,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ browser: Browser; version: string }> {
  // The process is ours, not puppeteer's: puppeteer.launch would let a browser that writes
  // garbage on the pipe end this process with a stack trace, and wait 180 s (its protocol
  // timeout) on one that does not answer, then as long again to close it. Signals are handled
  // by the build, which closes the browser itself.
  const { chromium, location } = spawned;
  const connecting = (async () => {
    const browser = await puppeteer.connect({ transport: chromium.transport });
    return { browser, version: await browser.version() };
  })();
  const late = `did not answer on its DevTools pipe within ${seconds(timeoutMs)}`;
  const stopped = 'was stopped while starting (the build was interrupted)';
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error(stopped));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    if (signal?.aborted) onAbort();
    return await Promise.race([withDeadline(connecting, timeoutMs, late), aborted]);
  } catch (error) {
    // Killed, the browser's pipe closes and the connection (if it came) fails every call.
    connecting.catch(() => undefined);
    await chromium.kill();
    const message = error instanceof Error ? error.message : String(error);
    const fault = chromium.fault() ?? (message === late || message === stopped ? message : `could not be driven (${message})`);
    throw new BrowserStartError(location.executablePath, `it ${fault}`, { cause: error });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    aborted.catch(() => undefined);
  }
}

/** Launch the browser with a fresh profile. Always pair with `close()` in a `finally`. */
export async function launchBrowser(location: BrowserLocation, concurrency: number, options: LaunchOptions = {}): Promise<PdfBrowser> {
  return connectBrowser(await spawnBrowser(location), concurrency, options);
}

/**
 * Drive a browser `spawnBrowser` started: its pages and lanes. The browser is killed and its
 * profile removed if it cannot be driven. Always pair with `close()` in a `finally`.
 */
export async function connectBrowser(spawned: SpawnedBrowser, concurrency: number, options: LaunchOptions = {}): Promise<PdfBrowser> {
  const { chromium, folder } = spawned;
  let started: { browser: Browser; version: string };
  try {
    started = await connect(spawned, options.startTimeoutMs ?? browserStartTimeoutMs, options.signal);
  } catch (error) {
    await removeProfile(folder);
    throw error;
  }
  const { browser, version } = started;
  // A call that failed because the browser is gone says why it went (exited, killed, sent
  // garbage), not "Target closed".
  const explain = async (error: unknown): Promise<unknown> => {
    if (browser.connected) return error;
    // The pipe closes a moment before the exit is reported.
    await withDeadline(chromium.exited, 2_000, 'still running').catch(() => undefined);
    const fault = chromium.fault();
    return fault ? new Error(`the browser ${fault}`, { cause: error }) : error;
  };
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
  // and Paged.js would wait forever). A browser that hangs would leave the lane waiting for
  // its page as long as puppeteer waits for an answer (180 s): the wait is bounded.
  // The first lane takes the page the browser opened with, in its default context: one context
  // and one page fewer to wait for before the first document.
  let initialPage: Promise<Page | undefined> | undefined = browser
    .defaultBrowserContext()
    .pages()
    .then((pages) => pages[0])
    .catch(() => undefined);
  const newPage = async (): Promise<Page> => {
    // Taken by one lane only (before any wait).
    const taken = initialPage;
    initialPage = undefined;
    return (await taken) ?? (await (await browser.createBrowserContext()).newPage());
  };
  const openPage = async (lane: (typeof lanes)[number]): Promise<SandboxedPage> =>
    (lane.page ??= await withDeadline(
      (async () => sandbox(await newPage()))(),
      pageOpenTimeoutMs,
      `the browser did not open a page within ${seconds(pageOpenTimeoutMs)}`,
    ));
  // Open the pages now: the browser starts while the pipeline prepares the documents, so the
  // pages are ready by the time the first document is.
  for (const lane of lanes) lane.queue = openPage(lane).catch(() => undefined);
  let submitted = 0;
  let closing: Promise<void> | undefined;
  return {
    version,
    connected: () => browser.connected && chromium.fault() === undefined,
    withPage: <T>(work: (page: SandboxedPage) => Promise<T>, lane?: number) => {
      const chosen = lanes[(lane ?? submitted++) % lanes.length]!;
      const current = chosen;
      const job = current.queue.then(async () => {
        let sandboxed: SandboxedPage | undefined;
        try {
          sandboxed = await openPage(current);
          sandboxed.blocked.length = 0;
          return await work(sandboxed);
        } catch (error) {
          // A page whose job failed (timeout, crash) is not reused.
          current.page = undefined;
          void sandboxed?.page.close().catch(() => undefined);
          throw await explain(error);
        }
      });
      // Before the page's next job, what this one left behind is freed, not piled up. The caller
      // does not wait for it: it finishes the PDF while the page collects. A page that does not
      // answer is dropped, not waited for.
      current.queue = job
        .then(() => {
          const page = current.page;
          return page && withDeadline(page.collectGarbage(), collectTimeoutMs, 'no answer').catch(() => {
            if (current.page === page) current.page = undefined;
            void page.page.close().catch(() => undefined);
          });
        }, () => undefined)
        .catch(() => undefined);
      return job;
    },
    closeOthers: async (keep) => {
      const closing = lanes.map((lane, index) => {
        if (index === keep % lanes.length) return Promise.resolve();
        return (lane.queue = lane.queue
          .then(async () => {
            const page = lane.page?.page;
            lane.page = undefined;
            if (!page) return;
            const context = page.browserContext();
            // Its own context goes with it (and its renderer); the browser's first one stays.
            await (context === browser.defaultBrowserContext() ? page.close() : context.close());
          })
          .catch(() => undefined));
      });
      await Promise.all(closing);
    },
    // Every process of the browser is gone and the profile removed when this resolves.
    close: () =>
      (closing ??= (async () => {
        try {
          await chromium.kill();
        } finally {
          await removeProfile(folder);
        }
      })()),
  };
}
