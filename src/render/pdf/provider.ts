import { BuildError, codes, createMessage } from '../../diagnostics/index.js';
import type { PdfBrowser } from './browser.js';
import { findBrowser, type BrowserLocation } from './find-browser.js';

/**
 * A browser launched on first use and kept until `close()`: one per build, or one for a whole
 * watch session (kept warm between rebuilds).
 */
export interface BrowserProvider {
  /** Where the browser is (found without starting it); undefined if there is none. */
  readonly locate: () => Promise<BrowserLocation | undefined>;
  /** The running browser, launched on the first call. */
  readonly get: () => Promise<PdfBrowser>;
  /** Whether a browser was launched. */
  readonly launched: () => boolean;
  /** Close the browser if it was launched. Safe to call more than once. */
  readonly close: () => Promise<void>;
}

/** Create a provider; nothing is launched until `get()`. */
export function createBrowserProvider(concurrency: number, env: NodeJS.ProcessEnv = process.env): BrowserProvider {
  let located: Promise<BrowserLocation | undefined> | undefined;
  let launching: Promise<PdfBrowser> | undefined;
  let closed = false;
  const locate = () => (located ??= findBrowser(env));
  return {
    locate,
    get: async () => {
      if (closed) throw new Error('The browser was closed (the build was interrupted).');
      const location = await locate();
      if (!location) throw new BuildError([createMessage(codes.browserNotFound, [], { stage: 'render' })]);
      // puppeteer loads here, on first use: an up-to-date build never pays for it.
      launching ??= import('./browser.js').then(({ launchBrowser }) => launchBrowser(location, concurrency));
      return launching;
    },
    launched: () => launching !== undefined,
    close: async () => {
      closed = true;
      const running = launching;
      launching = undefined;
      if (running) await (await running.catch(() => undefined))?.close();
    },
  };
}
