import { BuildError, codes, createMessage } from '../../diagnostics/index.js';
import type { PdfBrowser } from './browser.js';
import { findBrowser, type BrowserLocation } from './find-browser.js';

/**
 * A browser launched on first use and kept until `close()`: one per build, or one for a whole
 * watch session (kept warm between rebuilds). After a crash, `restart()` replaces it.
 */
export interface BrowserProvider {
  /** Where the browser is (found without starting it); undefined if there is none. */
  readonly locate: () => Promise<BrowserLocation | undefined>;
  /** The running browser, launched on the first call (or relaunched if it died). */
  readonly get: () => Promise<PdfBrowser>;
  /** Which browser `get()` gives now: it changes with every restart. */
  readonly generation: () => number;
  /**
   * Replace the browser of generation `failed` (crashed, hung or failed to start) with a fresh
   * one. If another job restarted it already, this just returns the new browser.
   */
  readonly restart: (failed: number) => Promise<PdfBrowser>;
  /** Whether a browser was launched. */
  readonly launched: () => boolean;
  /** Close the browser if it was launched. Safe to call more than once. */
  readonly close: () => Promise<void>;
}

/** Create a provider; nothing is launched until `get()`. */
export function createBrowserProvider(concurrency: number, env: NodeJS.ProcessEnv = process.env): BrowserProvider {
  let located: Promise<BrowserLocation | undefined> | undefined;
  let current: Promise<PdfBrowser> | undefined;
  let everLaunched = false;
  let generation = 0;
  let closed = false;
  const locate = () => (located ??= findBrowser(env));
  const launch = async (): Promise<PdfBrowser> => {
    if (closed) throw new Error('the browser was closed (the build was interrupted)');
    const location = await locate();
    if (!location) throw new BuildError([createMessage(codes.browserNotFound, [], { stage: 'render' })]);
    everLaunched = true;
    // puppeteer loads here, on first use: an up-to-date build never pays for it.
    const { launchBrowser } = await import('./browser.js');
    return launchBrowser(location, concurrency);
  };
  const provider: BrowserProvider = {
    locate,
    get: async () => {
      const gen = generation;
      const running = await (current ??= launch());
      if (running.connected()) return running;
      return provider.restart(gen);
    },
    generation: () => generation,
    restart: async (failed) => {
      if (failed === generation) {
        generation++;
        const old = current;
        current = launch();
        void old?.then((browser) => browser.close()).catch(() => undefined);
      }
      return provider.get();
    },
    launched: () => everLaunched,
    close: async () => {
      closed = true;
      const running = current;
      current = undefined;
      if (running) await (await running.catch(() => undefined))?.close();
    },
  };
  return provider;
}
