// The print worker: a thread of its own that drives the browser for the builds of a process
// (worker-printer.ts starts it). Its event loop does nothing else, so the browser's start, its
// pages and every round trip of a print are answered at once, while the build's thread
// prepares the next brief (templates, Markdown, citations, charts: seconds of work).
import { parentPort } from 'node:worker_threads';
import { createBrowserProvider } from '../render/pdf/provider.js';
import { serializeError, type FromWorker, type ToWorker } from './print-protocol.js';
import type { PrintableBrief, PrintQueue, RenderedPdf } from './print-queue.js';
import { threadPrinter, type Printer } from './printer.js';

const port = parentPort;
if (!port) throw new Error('print-worker.ts runs as a worker thread (see worker-printer.ts)');
// The browser's pages are known with the first message that starts or uses it: the thread may
// be started before the build's settings are read (see startPrintThread).
let printer: Printer | undefined;
const printerFor = (concurrency: number) => (printer ??= threadPrinter(createBrowserProvider(concurrency)));
const post = (message: FromWorker) => port.postMessage(message);

/** One build's queue, the documents it was given (by id, for the pack) and its abort. */
interface Build {
  readonly queue: PrintQueue;
  readonly briefs: Map<string, PrintableBrief>;
  readonly prints: Set<string>;
  readonly controller: AbortController;
  /** The fonts piece of the briefs' HTML, sent once (see worker-printer.ts). */
  fonts?: string;
}
const builds = new Map<number, Build>();

const report = (build: number, briefId: string, job: Promise<{ readonly pdf: RenderedPdf }>) =>
  job.then(
    ({ pdf }) => post({ kind: 'pdf', build, briefId, pdf }),
    (error: unknown) => post({ kind: 'failed', build, briefId, error: serializeError(error) }),
  );

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'start':
      printerFor(message.concurrency).start().then(
        ({ version, ms }) => post({ kind: 'started', version, ms }),
        (error: unknown) => post({ kind: 'start-failed', error: serializeError(error) }),
      );
      return;
    case 'queue': {
      const prints = new Set<string>();
      const controller = new AbortController();
      const queue = printerFor(message.settings.concurrency).queue({ settings: message.settings, signal: controller.signal, prints: (id) => prints.has(id), pack: message.pack });
      builds.set(message.build, { queue, briefs: new Map(), prints, controller });
      return;
    }
    case 'warm': {
      const build = builds.get(message.build);
      if (!build) return;
      if (message.fonts !== undefined) build.fonts = message.fonts;
      build.queue.warm(message.fonts);
      return;
    }
    case 'add': {
      const build = builds.get(message.build);
      if (!build) return;
      if (message.fonts !== undefined) build.fonts = message.fonts;
      const fonts = build.fonts;
      const html = fonts === undefined ? message.brief.html : message.brief.html.map((part, index) => (index % 2 === 1 && part === '' ? fonts : part));
      const brief: PrintableBrief = { ...message.brief, html };
      build.briefs.set(brief.briefId, brief);
      if (message.print) build.prints.add(brief.briefId);
      build.queue.add(brief);
      if (message.print) void report(message.build, brief.briefId, build.queue.pdfOf(brief));
      return;
    }
    case 'pack': {
      const build = builds.get(message.build);
      if (!build) return;
      const briefs = message.briefIds.map((id) => build.briefs.get(id));
      if (briefs.some((brief) => brief === undefined)) {
        post({ kind: 'failed', build: message.build, briefId: message.pack.briefId, error: serializeError(new Error('internal: the pack names a brief that was not added')) });
        return;
      }
      build.prints.add(message.pack.briefId);
      build.queue.addPack(message.pack, briefs as PrintableBrief[], message.fontCss);
      // The queue holds what it still needs of them.
      build.briefs.clear();
      void report(message.build, message.pack.briefId, build.queue.pdfOf(message.pack));
      return;
    }
    case 'release':
      builds.get(message.build)?.queue.release();
      builds.delete(message.build);
      return;
    case 'abort':
      builds.get(message.build)?.controller.abort(new Error('aborted'));
      return;
    case 'close':
      void (printer?.close() ?? Promise.resolve()).then(() => {
        post({ kind: 'closed' });
        port.close();
      });
      return;
  }
});
