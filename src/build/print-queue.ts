import { performance } from 'node:perf_hooks';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import { apartFromFonts, fontsOf } from '../render/html/html-parts.js';
import type { LaidOutPart } from '../render/html/pack.js';
import type { BrowserProvider, PdfBrowser } from '../render/pdf/index.js';
import type { NotePlacement, Printed } from '../render/pdf/print.js';
import { BrowserStartError } from '../render/pdf/faults.js';
import { digest } from './digest.js';
import { createHeapKeeper, printThresholdBytes } from './heap-keeper.js';
import { createLaneChooser } from './lanes.js';
import { packId } from './plan.js';
import type { PreparedBrief } from './prepare.js';

/** What the print side needs of a brief: its document, its size, and what goes in the PDF's metadata. */
export type PrintableBrief = Pick<PreparedBrief, 'briefId' | 'html' | 'body' | 'matter'>;

/** The build's settings the print side uses: plain data, so they reach a worker thread as they are. */
export interface PrintSettings {
  /** Pages the browser lays out side by side. */
  readonly concurrency: number;
  readonly notes: NotePlacement;
  /** The heading of a brief's contents, in the collection's language. */
  readonly contents: string;
  /** The PDFs' author, and their date when pinned. */
  readonly author: string;
  readonly pinnedDate: Date | undefined;
  /**
   * Whether the pages stay open and warm for the next build (watch mode). Else the pages not
   * printing the handout pack close once every brief is laid out, freeing their memory for it.
   */
  readonly keepPages?: boolean;
}

// The PDF stage loads only when a build makes PDFs: no-op builds and checks stay fast. Its two
// halves load apart: the printer (puppeteer) at once, to start the browser; pdf-lib, which only
// finishes printed PDFs, once the first one is printed, not while the pipeline prepares.
const loadPdfStage = () => import('../render/pdf/print.js');
const loadFinisher = () => import('../render/pdf/finalize-pdf.js');

/** A PDF made, and what the render sandbox refused on the way (reported as warnings). */
export interface RenderedPdf {
  readonly bytes: Uint8Array;
  readonly blocked: readonly string[];
  /** The version of the browser that printed it. */
  readonly version: string;
}

/** What laying a document out gave: its PDF (if printed) and its pages (if kept for the pack). */
interface RenderedDocument {
  readonly pdf?: RenderedPdf;
  readonly part?: LaidOutPart;
}

/** What to make of a laid-out document. */
interface RenderWanted {
  readonly print: boolean;
  readonly capture: boolean;
}

/**
 * The first print error of a build. It fails the build, so once there is one no document is
 * tried any more (nor a browser started for it): each fails with that error.
 */
interface FirstFailure {
  error?: BuildError;
}

/** The error for a document whose second try failed too: the browser's if it did not start, else the document's. */
function printError(briefId: string, lastError: unknown): BuildError {
  if (lastError instanceof BrowserStartError) {
    // Not the document's fault: the browser's, located at the browser.
    const message = createMessage(codes.browserStart, [`${lastError.detail} (tried twice)`], { stage: 'render', cause: lastError });
    message.file = lastError.executablePath;
    return new BuildError([message], { cause: lastError });
  }
  const detail = lastError instanceof Error ? lastError.message : String(lastError);
  return new BuildError(
    [createMessage(codes.pdfRender, [briefId, `${detail} (tried twice, the second time in a fresh browser)`], { stage: 'render', cause: lastError })],
    { cause: lastError },
  );
}

/**
 * Run `attempt` on page `lane` of the browser. A crash, hang or lost connection gets one more
 * try in a fresh browser; a second failure is an error naming the document (`pdf-render`), or
 * the browser if it did not start (`browser-start`). The first such error fails the build:
 * documents not yet tried fail with it (`failure`), and the build closes the browser, which
 * ends those under way. A browser that hangs on everything thus costs two tries, not two per
 * document.
 */
async function withRetry<T>(
  browsers: BrowserProvider,
  briefId: string,
  signal: AbortSignal | undefined,
  failure: FirstFailure,
  attempt: (browser: PdfBrowser) => Promise<T>,
): Promise<T> {
  let lastError: unknown;
  let generation = browsers.generation();
  for (let round = 1; round <= 2; round++) {
    if (failure.error) throw failure.error;
    try {
      if (round === 2) await browsers.restart(generation);
      generation = browsers.generation();
      return await attempt(await browsers.get());
    } catch (error) {
      if (error instanceof BuildError) throw (failure.error ??= error);
      if (signal?.aborted) throw error;
      lastError = error;
      // Documents waiting on the same browser hear of its failure together, in no set order:
      // let one on its second try fail the build before this one starts a browser again.
      if (round === 1) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  throw (failure.error ??= printError(briefId, lastError));
}

/** Title, author, dates and fingerprint written into a printed PDF. */
async function finish(printed: Printed, brief: PrintableBrief, config: PrintSettings, html: readonly string[] | string, version: string): Promise<RenderedPdf> {
  const { finalizePdf } = await loadFinisher();
  const bytes = await finalizePdf(printed.bytes, {
    title: brief.matter.title,
    author: config.author,
    subject: brief.matter.summary ?? brief.matter.subtitle ?? brief.matter.title,
    keywords: brief.matter.keywords,
    creator: 'briefs',
    lang: brief.matter.lang,
    date: config.pinnedDate,
    fingerprint: digest(html),
  });
  return { bytes, blocked: printed.blocked, version };
}

/** Lay one brief out on page `lane`: print its PDF, keep its pages for the pack, or both. */
async function renderBrief(
  browsers: BrowserProvider,
  brief: PrintableBrief,
  config: PrintSettings,
  layoutEngine: Promise<string>,
  lane: number,
  wanted: RenderWanted,
  signal: AbortSignal | undefined,
  failure: FirstFailure,
): Promise<RenderedDocument> {
  const { layOutDocument } = await loadPdfStage();
  const engine = await layoutEngine;
  // pdf-lib loads while the browser lays the first document out (this process waits then),
  // not after its PDF arrives.
  if (wanted.print) loadFinisher().catch(() => undefined);
  return withRetry(browsers, brief.briefId, signal, failure, async (browser) => {
    // The fonts apart: the page keeps them installed from one document to the next.
    const { html, fonts } = apartFromFonts(brief.html);
    const laid = await browser.withPage(
      (page) => layOutDocument(page, html, { notes: config.notes, layoutEngine: engine, name: brief.briefId, contents: config.contents, ...(fonts === undefined ? {} : { fonts }), ...wanted }),
      lane,
    );
    const pdf = laid.bytes ? await finish({ bytes: laid.bytes, blocked: laid.blocked, pages: laid.pages }, brief, config, brief.html, browser.version) : undefined;
    return { ...(pdf ? { pdf } : {}), ...(laid.part ? { part: laid.part } : {}) };
  });
}

/**
 * Print the handout pack on page `lane`: lay out its front matter, wait for every brief's
 * pages, put them together (render/html/pack.ts) and print them as they are.
 */
async function renderPack(
  browsers: BrowserProvider,
  pack: PrintableBrief,
  parts: readonly Promise<RenderedDocument>[],
  fontCss: string,
  config: PrintSettings,
  layoutEngine: Promise<string>,
  lane: number,
  signal: AbortSignal | undefined,
  failure: FirstFailure,
): Promise<RenderedPdf> {
  const { printLaidOut } = await loadPdfStage();
  // (The pack's assembly, with Handlebars, loads only when there is a pack: not at the worker's start.)
  const { assemblePack, frontName } = await import('../render/html/pack.js');
  const front = await renderBrief(browsers, { ...pack, briefId: frontName }, config, layoutEngine, lane, { print: false, capture: true }, signal, failure);
  const briefs = (await Promise.all(parts)).map((rendered) => rendered.part!);
  // Every brief is laid out: the other pages go, and their memory with them, before the pack prints.
  if (!config.keepPages) void browsers.get().then((browser) => browser.closeOthers(lane), () => undefined);
  const assembled = assemblePack({ front: front.part!, briefs, fontCss, title: pack.matter.title, lang: pack.matter.lang });
  const { html, fonts } = apartFromFonts(assembled.html);
  return withRetry(browsers, pack.briefId, signal, failure, async (browser) => {
    const printed = await browser.withPage((page) => printLaidOut(page, html, fonts), lane);
    return finish(printed, pack, config, assembled.html, browser.version);
  });
}

/**
 * How much printing a document is, in characters of its body, for choosing its page: each
 * document costs about as much again as 50,000 characters of text before its first page
 * (loading, fonts, the layout engine), so two short briefs weigh more than one long one.
 */
const printWeight = (body: string) => 50_000 + body.length;

/** Laid-out pages of briefs, kept between builds, with the digest of what they were laid out from. */
export type PartCache = Map<string, { readonly key: string; readonly part: LaidOutPart }>;

/** What a brief's pages depend on: its whole document and how notes and contents are set. */
const partKey = (brief: PrintableBrief, config: PrintSettings) => digest([...brief.html, config.notes, config.contents]);

/** The PDFs of one build, printed as their documents come. */
export interface PrintQueue {
  /**
   * Lay a brief out as soon as it is ready: printed if its PDF is out of date, its pages kept
   * if the build makes the handout pack. Adding a brief twice does nothing.
   */
  readonly add: (brief: PrintableBrief) => void;
  /**
   * Make every page ready for the documents to come (see warmUp): the fonts they share
   * installed, the layout engine loaded. Called as soon as the fonts are known, before the
   * first document; else the first document warms the pages.
   */
  readonly warm: (fonts: string | undefined) => void;
  /** Print the handout pack from the pages of `briefs` (added here if they were not). */
  readonly addPack: (pack: PrintableBrief, briefs: readonly PrintableBrief[], fontCss: string) => void;
  /** A document's PDF, once printed, and when its print was started. */
  readonly pdfOf: (brief: PrintableBrief) => Promise<{ readonly pdf: RenderedPdf; readonly t0: number }>;
  /** The build is over: what the queue holds of its documents is let go. */
  readonly release: () => void;
}

/**
 * The print queue of one build: one job per document, each on the page of the browser with
 * the least work so far (lanes.ts), started at once. A job that fails is awaited by `pdfOf`;
 * if the build fails first, the browser is closed and the job dropped. Between jobs, this
 * process collects its garbage when its heap has grown (heap-keeper.ts).
 */
export function createPrintQueue(options: {
  readonly browsers: BrowserProvider;
  readonly config: PrintSettings;
  readonly signal: AbortSignal | undefined;
  /** Whether a document's PDF is to be printed (out of date). */
  readonly prints: (briefId: string) => boolean;
  /** Whether the build makes the handout pack (every brief's pages are kept). */
  readonly pack: boolean;
  /**
   * Pages kept from earlier builds of the same printer (watch mode), by brief: a brief whose
   * document is unchanged and whose PDF is up to date is not laid out again for the pack.
   */
  readonly parts?: PartCache;
}): PrintQueue {
  const { browsers, config, signal } = options;
  // Paged.js, read once per build and injected into every page that prints.
  const layoutEngine = loadPdfStage().then((stage) => stage.readLayoutEngine());
  const chooseLane = createLaneChooser(config.concurrency);
  const keepHeap = createHeapKeeper({}, printThresholdBytes);
  const jobs = new Map<string, { readonly job: Promise<RenderedDocument>; readonly t0: number }>();
  const failure: FirstFailure = {};
  const track = (briefId: string, rendered: Promise<RenderedDocument>) => {
    const job = rendered.then((done) => {
      keepHeap();
      return done;
    });
    job.catch(() => undefined);
    const entry = { job, t0: performance.now() };
    jobs.set(briefId, entry);
    return entry;
  };
  // Once, as soon as the fonts are known (or with the first document at the latest), every
  // page gets them and the layout engine, before its first document (see warmUp).
  let warming: Promise<void> | undefined;
  const warm = (fonts: string | undefined) => {
    warming ??= (async () => {
      const [browser, engine, { warmUp }] = await Promise.all([browsers.get(), layoutEngine, loadPdfStage()]);
      const ready = { layoutEngine: engine, notes: config.notes, ...(fonts === undefined ? {} : { fonts }) };
      await Promise.all(Array.from({ length: config.concurrency }, (_, lane) => browser.withPage((page) => warmUp(page, ready), lane)));
    })().catch(() => undefined);
  };
  const start = (brief: PrintableBrief) => {
    const wanted: RenderWanted = { print: options.prints(brief.briefId), capture: options.pack };
    if (jobs.has(brief.briefId) || (!wanted.print && !wanted.capture)) return jobs.get(brief.briefId);
    warm(fontsOf(brief.html));
    const lane = chooseLane({ id: brief.briefId, weight: printWeight(brief.body) });
    const key = options.parts && wanted.capture ? partKey(brief, config) : undefined;
    const kept = key !== undefined ? options.parts?.get(brief.briefId) : undefined;
    if (!wanted.print && kept && kept.key === key) return track(brief.briefId, Promise.resolve({ part: kept.part }));
    const rendered = renderBrief(browsers, brief, config, layoutEngine, lane, wanted, signal, failure);
    if (key !== undefined) void rendered.then((done) => done.part && options.parts?.set(brief.briefId, { key, part: done.part }), () => undefined);
    return track(brief.briefId, rendered);
  };
  return {
    warm,
    add: (brief) => void start(brief),
    addPack: (pack, briefs, fontCss) => {
      const parts = briefs.map((brief) => start(brief)!.job);
      const lane = chooseLane({ id: packId, weight: printWeight(pack.body) });
      track(packId, renderPack(browsers, pack, parts, fontCss, config, layoutEngine, lane, signal, failure).then((pdf) => ({ pdf })));
    },
    pdfOf: async (brief) => {
      const entry = start(brief);
      const pdf = (await entry?.job)?.pdf;
      if (!entry || !pdf) throw new Error(`internal: no print of ${brief.briefId} was started`);
      return { pdf, t0: entry.t0 };
    },
    release: () => jobs.clear(),
  };
}
