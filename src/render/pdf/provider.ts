import { BuildError, codes, createMessage } from '../../diagnostics/index.js';
import type { PdfBrowser } from './browser.js';
import { findBrowser, type BrowserLocation } from './find-browser.js';
import { removeProfile, spawnBrowser } from './spawn-browser.js';

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
  /** Close the browser if it was launched, and those it replaced. Safe to call more than once. */
  readonly close: () => Promise<void>;
}

/** Create a provider; nothing is launched until `get()`. */
export function createBrowserProvider(concurrency: number, env: NodeJS.ProcessEnv = process.env): BrowserProvider {
  let located: Promise<BrowserLocation | undefined> | undefined;
  let current: Promise<PdfBrowser> | undefined;
  let everLaunched = false;
  let generation = 0;
  let closed = false;
  // Browsers replaced by a restart, still closing: `close()` waits for them too, so that no
  // browser process or profile folder outlives the build.
  const retiring = new Set<Promise<void>>();
  // Closing gives up a start under way (a browser that hangs on start would hold it 30 s).
  const closing = new AbortController();
  const locate = () => (located ??= findBrowser(env));
  const launch = async (): Promise<PdfBrowser> => {
    if (closed) throw new Error('the browser was closed (the build was interrupted)');
    const location = await locate();
    if (!location) throw new BuildError([createMessage(codes.browserNotFound, [], { stage: 'render' })]);
    everLaunched = true;
    // The browser starts first, then puppeteer loads (on first use: an up-to-date build never
    // pays for it) while the browser starts up.
    const spawned = await spawnBrowser(location);
    let connectBrowser: typeof import('./browser.js').connectBrowser;
    try {
      ({ connectBrowser } = await import('./browser.js'));
    } catch (error) {
      await spawned.chromium.kill();
      await removeProfile(spawned.folder);
      throw error;
    }
    return connectBrowser(spawned, concurrency, { signal: closing.signal });
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
        if (old) {
          const retired = old.then((browser) => browser.close(), () => undefined);
          retiring.add(retired);
          void retired.finally(() => retiring.delete(retired));
        }
      }
      return provider.get();
    },
    launched: () => everLaunched,
    close: async () => {
      closed = true;
      closing.abort();
      const running = current;
      current = undefined;
      if (running) await (await running.catch(() => undefined))?.close();
      await Promise.all(retiring);
    },
  };
  return provider;
}
