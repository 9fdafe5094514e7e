import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findBrowser } from '../render/pdf/find-browser.js';
import { createHeapKeeper } from './heap-keeper.js';
import { packId } from './plan.js';
import { reviveError, type FromWorker, type ToWorker } from './print-protocol.js';
import type { PrintableBrief, PrintQueue, RenderedPdf } from './print-queue.js';
import type { Printer } from './printer.js';

/**
 * The worker's script beside this module: print-worker.js in the bundle and in dist/, or the
 * TypeScript source when this runs from src/ (then the worker loads tsx, as the CLI did).
 */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./print-worker.js', import.meta.url));
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const script = new URL('./print-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); })`;
  return new Worker(boot, { eval: true });
}

/**
 * A print worker's thread started before the build that takes it: `briefs build` starts one
 * first thing, so the thread boots while the command reads its configuration, and the browser
 * starts the moment the build asks for it. A build that prints nothing stops it unused.
 */
export interface PrintThread {
  readonly worker: Worker;
  /** Whether the thread has exited (then a printer starts a fresh one). */
  readonly gone: () => boolean;
  /** End the thread if it is still running (taken or not). */
  readonly stop: () => Promise<void>;
}

export function startPrintThread(): PrintThread {
  const worker = spawnWorker();
  let gone = false;
  // Until a printer takes it, nothing waits on it: what goes wrong is the printer's to report,
  // and a thread never taken must not keep the command running.
  worker.on('error', () => undefined);
  worker.once('exit', () => (gone = true));
  worker.unref();
  return {
    worker,
    gone: () => gone,
    stop: async () => {
      if (!gone) await worker.terminate();
    },
  };
}

interface Pending {
  readonly resolve: (pdf: RenderedPdf) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The plain data of a brief the worker needs (a brief carries more: citations, facts used …).
 * Its fonts (every other piece of its HTML, see html-parts.ts: the same string in every brief)
 * cross once per build, not once per brief: `fonts` when they are new, else left out.
 */
function printable(brief: PrintableBrief, sent: { fonts?: string }): { brief: PrintableBrief; fonts?: string } {
  const fonts = brief.html.length > 1 ? brief.html[1] : undefined;
  const html = brief.html.map((part, index) => (index % 2 === 1 && part === fonts ? '' : part));
  const fresh = fonts !== undefined && fonts !== sent.fonts;
  if (fresh) sent.fonts = fonts;
  return { brief: { briefId: brief.briefId, html: fonts === undefined ? brief.html : html, body: brief.body, matter: brief.matter }, ...(fresh ? { fonts } : {}) };
}

/**
 * A printer whose browser runs in a worker thread (print-worker.ts): the browser starts, and
 * the first brief is laid out, while this thread still prepares the others. The worker starts
 * on first use and stays, with its browser, until `close()`: one per build, or one for a watch
 * session. Each PDF comes back as soon as it is finished (metadata written in the worker too).
 */
export function createWorkerPrinter(concurrency: number, env: NodeJS.ProcessEnv = process.env, thread?: PrintThread): Printer {
  let worker: Worker | undefined;
  let stopped: Error | undefined;
  let builds = 0;
  let launched = false;
  let starting: { resolve: (value: { version: string; ms: number }) => void; reject: (error: Error) => void }[] = [];
  const pending = new Map<string, Pending>();
  let closing: Promise<void> | undefined;
  let closed: (() => void) | undefined;
  let exited = false;
  const key = (build: number, briefId: string) => `${build}\u0000${briefId}`;
  // This thread prepares brief after brief while the worker prints: its garbage is collected
  // now and then as PDFs come back (the worker keeps its own heap so).
  const keepHeap = createHeapKeeper();

  const fail = (error: Error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    for (const { reject } of starting) reject(error);
    starting = [];
  };
  const onMessage = (message: FromWorker) => {
    switch (message.kind) {
      case 'started':
      case 'start-failed': {
        const waiting = starting;
        starting = [];
        for (const { resolve, reject } of waiting) {
          if (message.kind === 'started') resolve({ version: message.version, ms: message.ms });
          else reject(reviveError(message.error));
        }
        return;
      }
      case 'pdf':
      case 'failed': {
        const entry = pending.get(key(message.build, message.briefId));
        pending.delete(key(message.build, message.briefId));
        if (message.kind === 'pdf') {
          entry?.resolve({ ...message.pdf, bytes: new Uint8Array(message.pdf.bytes) });
          keepHeap();
        }
        else entry?.reject(reviveError(message.error));
        return;
      }
      case 'closed':
        closed?.();
        return;
    }
  };
  const ensure = (): Worker => {
    if (worker) return worker;
    // The thread started ahead, if it is still there; else one of its own.
    const spawned = thread && !thread.gone() ? thread.worker : spawnWorker();
    spawned.ref();
    spawned.on('message', onMessage);
    spawned.on('error', (error) => fail(new Error(`the print worker failed: ${error.message}`, { cause: error })));
    spawned.on('exit', (code) => {
      exited = true;
      fail(new Error(`the print worker stopped (exit code ${code})`));
      closed?.();
    });
    worker = spawned;
    return spawned;
  };
  const post = (message: ToWorker) => {
    if (stopped) return;
    ensure().postMessage(message);
  };
  const expect = (build: number, briefId: string): Promise<RenderedPdf> => {
    const promise = new Promise<RenderedPdf>((resolve, reject) => {
      if (stopped) reject(stopped);
      else pending.set(key(build, briefId), { resolve, reject });
    });
    promise.catch(() => undefined);
    return promise;
  };

  return {
    locate: () => findBrowser(env),
    start: () => {
      launched = true;
      const started = new Promise<{ version: string; ms: number }>((resolve, reject) => {
        if (stopped) reject(stopped);
        else starting.push({ resolve, reject });
      });
      post({ kind: 'start', concurrency });
      return started;
    },
    queue: ({ settings, signal, prints, pack }): PrintQueue => {
      const build = ++builds;
      post({ kind: 'queue', build, settings, pack });
      const entries = new Map<string, { readonly pdf: Promise<RenderedPdf> | undefined; readonly t0: number }>();
      const sent: { fonts?: string } = {};
      const onAbort = () => post({ kind: 'abort', build });
      signal?.addEventListener('abort', onAbort, { once: true });
      const add = (brief: PrintableBrief) => {
        if (entries.has(brief.briefId)) return;
        const print = prints(brief.briefId);
        if (!print && !pack) return;
        entries.set(brief.briefId, { pdf: print ? expect(build, brief.briefId) : undefined, t0: performance.now() });
        post({ kind: 'add', build, ...printable(brief, sent), print });
      };
      return {
        warm: (fonts) => {
          // The briefs after need not carry the fonts across again (see printable).
          if (fonts !== undefined) sent.fonts = fonts;
          post({ kind: 'warm', build, fonts });
        },
        add,
        addPack: (packBrief, briefs, fontCss) => {
          briefs.forEach(add);
          entries.set(packId, { pdf: expect(build, packBrief.briefId), t0: performance.now() });
          post({ kind: 'pack', build, pack: printable(packBrief, sent).brief, briefIds: briefs.map((brief) => brief.briefId), fontCss });
        },
        pdfOf: async (brief) => {
          add(brief);
          const entry = entries.get(brief.briefId);
          if (!entry?.pdf) throw new Error(`internal: no print of ${brief.briefId} was started`);
          return { pdf: await entry.pdf, t0: entry.t0 };
        },
        release: () => {
          signal?.removeEventListener('abort', onAbort);
          entries.clear();
          post({ kind: 'release', build });
        },
      };
    },
    launched: () => launched,
    close: () =>
      (closing ??= (async () => {
        if (!worker || exited) return;
        const done = new Promise<void>((resolve) => (closed = resolve));
        if (!stopped) worker.postMessage({ kind: 'close' } satisfies ToWorker);
        // The browser closes within seconds or is killed (browser.ts): the worker answers.
        await done;
        await worker.terminate();
      })()),
  };
}
