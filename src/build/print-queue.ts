import { performance } from 'node:perf_hooks';
import { withLayout } from '../compose/index.js';
import type { Config } from '../config/index.js';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import { joinHtml, type BrowserProvider, type LaidOutPart, type PdfBrowser, type Printed } from '../render/index.js';
import { BrowserStartError } from '../render/pdf/faults.js';
import { digest } from './digest.js';
import { createHeapKeeper } from './heap-keeper.js';
import { createLaneChooser } from './lanes.js';
import { packId } from './plan.js';
import type { Prepared, PreparedBrief } from './prepare.js';

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
async function finish(printed: Printed, brief: PreparedBrief, config: Config, html: readonly string[] | string, version: string): Promise<RenderedPdf> {
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
  brief: PreparedBrief,
  config: Config,
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
    const html = joinHtml(brief.html);
    const laid = await browser.withPage(
      (page) => layOutDocument(page, html, { notes: config.notes, layoutEngine: engine, name: brief.briefId, contents: config.language.t('contents'), ...wanted }),
      lane,
    );
    const pdf = laid.bytes ? await finish({ bytes: laid.bytes, blocked: laid.blocked, pages: laid.pages }, brief, config, brief.html, browser.version) : undefined;
    return { ...(pdf ? { pdf } : {}), ...(laid.part ? { part: laid.part } : {}) };
  });
}

/** The handout pack: its front matter, laid out like a brief, to be followed by the briefs. */
export async function packOf(prepared: Prepared, config: Config): Promise<PreparedBrief> {
  const { renderPackFront, formatEdition, layoutChrome, onlineCopy } = await import('./pack-input.js');
  const layout = prepared.templates.layouts.get('pack')!;
  const chrome = layoutChrome(config.collection, config.language);
  // Where the collection has a site: the online edition's index, printed on the cover with a QR code.
  const online = await onlineCopy(config.collection.site, 'index.html');
  const html = withLayout(layout.path, () => renderPackFront(layout, {
    briefs: prepared.briefs.map((brief) => ({ briefId: brief.briefId, title: brief.matter.title })),
    css: prepared.css,
    fontCss: prepared.fontCss,
    edition: formatEdition(config.edition, config.language),
    editionIso: config.edition,
    paper: config.paper,
    chrome,
    online,
  }));
  const union = (pick: (brief: PreparedBrief) => readonly string[]) => [...new Set(prepared.briefs.flatMap(pick))];
  return {
    briefId: packId,
    matter: {
      title: config.collection.pack.title,
      subtitle: config.language.t('handoutPack'),
      summary: config.language.t('packSummary', { titles: config.language.list(prepared.briefs.map((brief) => brief.matter.title)) }),
      keywords: [...new Set(prepared.briefs.flatMap((brief) => brief.matter.keywords))],
      omit: {},
      lang: config.collection.lang,
    },
    html,
    body: '',
    citations: { notes: [], bibliography: [] },
    usedFacts: union((brief) => brief.usedFacts),
    citedSources: union((brief) => brief.citedSources),
  };
}

/**
 * Print the handout pack on page `lane`: lay out its front matter, wait for every brief's
 * pages, put them together (render/html/pack.ts) and print them as they are.
 */
async function renderPack(
  browsers: BrowserProvider,
  pack: PreparedBrief,
  parts: readonly Promise<RenderedDocument>[],
  fontCss: string,
  config: Config,
  layoutEngine: Promise<string>,
  lane: number,
  signal: AbortSignal | undefined,
  failure: FirstFailure,
): Promise<RenderedPdf> {
  const { assemblePack, frontName } = await import('./pack-input.js');
  const { printLaidOut } = await loadPdfStage();
  const front = await renderBrief(browsers, { ...pack, briefId: frontName }, config, layoutEngine, lane, { print: false, capture: true }, signal, failure);
  const briefs = (await Promise.all(parts)).map((rendered) => rendered.part!);
  const assembled = assemblePack({ front: front.part!, briefs, fontCss, title: pack.matter.title, lang: pack.matter.lang });
  const html = joinHtml(assembled.html);
  return withRetry(browsers, pack.briefId, signal, failure, async (browser) => {
    const printed = await browser.withPage((page) => printLaidOut(page, html), lane);
    return finish(printed, pack, config, assembled.html, browser.version);
  });
}

/**
 * How much printing a document is, in characters of its body, for choosing its page: each
 * document costs about as much again as 50,000 characters of text before its first page
 * (loading, fonts, the layout engine), so two short briefs weigh more than one long one.
 */
const printWeight = (body: string) => 50_000 + body.length;

/** The PDFs of one build, printed as their documents come. */
export interface PrintQueue {
  /**
   * Lay a brief out as soon as it is ready: printed if its PDF is out of date, its pages kept
   * if the build makes the handout pack. Adding a brief twice does nothing.
   */
  readonly add: (brief: PreparedBrief) => void;
  /** Print the handout pack from the pages of `briefs` (added here if they were not). */
  readonly addPack: (pack: PreparedBrief, briefs: readonly PreparedBrief[], fontCss: string) => void;
  /** A document's PDF, once printed, and when its print was started. */
  readonly pdfOf: (brief: PreparedBrief) => Promise<{ readonly pdf: RenderedPdf; readonly t0: number }>;
}

/**
 * The print queue of one build: one job per document, each on the page of the browser with
 * the least work so far (lanes.ts), started at once. A job that fails is awaited by `pdfOf`;
 * if the build fails first, the browser is closed and the job dropped. Between jobs, this
 * process collects its garbage when its heap has grown (heap-keeper.ts).
 */
export function createPrintQueue(options: {
  readonly browsers: BrowserProvider;
  readonly config: Config;
  readonly signal: AbortSignal | undefined;
  /** Whether a document's PDF is to be printed (out of date). */
  readonly prints: (briefId: string) => boolean;
  /** Whether the build makes the handout pack (every brief's pages are kept). */
  readonly pack: boolean;
}): PrintQueue {
  const { browsers, config, signal } = options;
  // Paged.js, read once per build and injected into every page that prints.
  const layoutEngine = loadPdfStage().then((stage) => stage.readLayoutEngine());
  const chooseLane = createLaneChooser(config.concurrency);
  const keepHeap = createHeapKeeper();
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
  const start = (brief: PreparedBrief) => {
    const wanted: RenderWanted = { print: options.prints(brief.briefId), capture: options.pack };
    if (jobs.has(brief.briefId) || (!wanted.print && !wanted.capture)) return jobs.get(brief.briefId);
    const lane = chooseLane({ id: brief.briefId, weight: printWeight(brief.body) });
    return track(brief.briefId, renderBrief(browsers, brief, config, layoutEngine, lane, wanted, signal, failure));
  };
  return {
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
  };
}
