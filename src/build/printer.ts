import { performance } from 'node:perf_hooks';
import type { BrowserLocation } from '../render/pdf/find-browser.js';
import type { BrowserProvider } from '../render/pdf/provider.js';
import { createPrintQueue, type PartCache, type PrintQueue, type PrintSettings } from './print-queue.js';

/** What one build's print queue is for. */
export interface QueueOptions {
  readonly settings: PrintSettings;
  readonly signal: AbortSignal | undefined;
  /** Whether a document's PDF is to be printed (out of date). */
  readonly prints: (briefId: string) => boolean;
  /** Whether the build makes the handout pack (every brief's pages are kept). */
  readonly pack: boolean;
}

/**
 * The print side of builds: a browser and the queues that print on it. A build makes its own
 * (in a worker thread, see worker-printer.ts) or is given one kept warm (watch mode).
 */
export interface Printer {
  /** Where the browser is, found without starting it; undefined if there is none. */
  readonly locate: () => Promise<BrowserLocation | undefined>;
  /**
   * Start the browser now, if it is not running: its version and how long the start took. A
   * browser that does not start rejects here and fails the prints, which say why.
   */
  readonly start: () => Promise<{ readonly version: string; readonly ms: number }>;
  /** A queue for one build's documents; `release()` it when the build is over. */
  readonly queue: (options: QueueOptions) => PrintQueue;
  /** Whether a browser was started. */
  readonly launched: () => boolean;
  /** Close the browser (and the thread it runs in). Never throws; safe to call again. */
  readonly close: () => Promise<void>;
}

/** A printer on this thread, on the browsers of `browsers` (a test's stand-in, for one). */
export function threadPrinter(browsers: BrowserProvider): Printer {
  // The briefs' laid-out pages, kept for the next build's pack (a watch session's).
  const parts: PartCache = new Map();
  return {
    locate: () => browsers.locate(),
    start: async () => {
      const launching = performance.now();
      const browser = await browsers.get();
      return { version: browser.version, ms: performance.now() - launching };
    },
    queue: (options) => createPrintQueue({ ...options, browsers, config: options.settings, parts }),
    launched: () => browsers.launched(),
    close: () => browsers.close(),
  };
}
