import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import puppeteer, { type Browser, type Page } from 'puppeteer';
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
];

/** One browser for a whole build, with a bounded pool of reused pages. */
export interface PdfBrowser {
  /** Run `work` on a page from the pool (at most `concurrency` at once). */
  readonly withPage: <T>(work: (page: Page) => Promise<T>) => Promise<T>;
  /** The browser's version string. */
  readonly version: string;
  /** Close every page and the browser, remove the profile directory. */
  readonly close: () => Promise<void>;
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
  const limit = pLimit(Math.max(1, concurrency));
  const idle: Page[] = [];
  const version = await browser.version();
  return {
    version,
    withPage: (work) =>
      limit(async () => {
        const page = idle.pop() ?? (await browser.newPage());
        try {
          return await work(page);
        } finally {
          idle.push(page);
        }
      }),
    close: async () => {
      try {
        await browser.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
