import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import { withLayout } from '../compose/index.js';
import { UsageError, type Config } from '../config/index.js';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import { joinHtml, type BrowserProvider, type LaidOutPart, type PdfBrowser, type Printed } from '../render/index.js';
import { digest } from './digest.js';
import { createHeapKeeper } from './heap-keeper.js';
import { createLaneChooser } from './lanes.js';
import { lockOutput, type OutputLock } from './lock.js';
import { manifestName, readManifest, serializeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { collectInputs, outputName, packFile, packId, planBuild, siteId, type BuildPlan, type RenderOptions } from './plan.js';
import type { Prepared, PreparedBrief } from './prepare.js';
import { diffFacts, makeReport, renderChanges, serializeReport, type BuildReport } from './report.js';
import { siteOutputs } from './site-outputs.js';
import { browserStamp, takeSnapshot } from './snapshot.js';
import { writeOutputs, type OutputFile } from './write-output.js';
import type { YamlMemo } from '../yaml/index.js';

/** Progress and warnings, as the CLI (or a test) wants to show them. */
export interface Reporter {
  /** One line per brief: built (and why) or up to date. */
  readonly brief: (result: BriefResult) => void;
  /** A warning that does not stop the build. */
  readonly warn: (message: VFileMessage) => void;
  /** Anything else worth a line (waiting for a lock …). */
  readonly info: (line: string) => void;
}

/** What happened to one brief. */
export interface BriefResult {
  readonly briefId: string;
  readonly action: 'built' | 'up to date' | 'would build';
  /** Why it was built (empty when up to date). */
  readonly reasons: readonly string[];
  /** Files written, absolute paths. */
  readonly files: readonly string[];
  /** Notes in the brief (0 when not built). */
  readonly notes: number;
  /** Milliseconds spent on this brief. */
  readonly ms: number;
}

/** What a build did. */
export interface BuildResult {
  readonly briefs: readonly BriefResult[];
  readonly plan: BuildPlan;
  readonly warnings: readonly VFileMessage[];
  /** Whether a browser was started. */
  readonly launchedBrowser: boolean;
  /** The browser's version, if one was started. */
  readonly browser?: string;
  /** The report written to output/build-report.json (not on a dry run). */
  readonly report?: BuildReport;
}

/** How a build runs: who hears about it, how to stop it, which browser to use. */
export interface BuildContext {
  readonly reporter?: Reporter;
  /** Aborting closes the browser and stops the build before anything is written. */
  readonly signal?: AbortSignal;
  /** A browser kept by the caller (watch mode keeps one warm); otherwise one per build. */
  readonly browsers?: BrowserProvider;
}

/** A reporter that shows nothing. */
export const silentReporter: Reporter = { brief: () => {}, warn: () => {}, info: () => {} };

// The PDF stage loads only when a build makes PDFs: no-op builds and checks stay fast. Its two
// halves load apart: the printer (puppeteer) at once, to start the browser; pdf-lib, which only
// finishes printed PDFs, once the first one is printed, not while the pipeline prepares.
const loadPdfStage = () => import('../render/pdf/print.js');
const loadFinisher = () => import('../render/pdf/finalize-pdf.js');

/** A PDF made, and what the render sandbox refused on the way (reported as warnings). */
interface RenderedPdf {
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
 * Run `attempt` on page `lane` of the browser. A crash, hang or lost connection gets one more
 * try in a fresh browser; a second failure is an error naming the document.
 */
async function withRetry<T>(
  browsers: BrowserProvider,
  briefId: string,
  signal: AbortSignal | undefined,
  attempt: (browser: PdfBrowser) => Promise<T>,
): Promise<T> {
  let lastError: unknown;
  let generation = browsers.generation();
  for (let round = 1; round <= 2; round++) {
    try {
      if (round === 2) await browsers.restart(generation);
      generation = browsers.generation();
      return await attempt(await browsers.get());
    } catch (error) {
      if (error instanceof BuildError || signal?.aborted) throw error;
      lastError = error;
    }
  }
  const detail = lastError instanceof Error ? lastError.message : String(lastError);
  throw new BuildError(
    [createMessage(codes.pdfRender, [briefId, `${detail} (tried twice, the second time in a fresh browser)`], { stage: 'render', cause: lastError })],
    { cause: lastError },
  );
}

/** Title, author, dates and fingerprint written into a printed PDF. */
async function finish(printed: Printed, brief: PreparedBrief, config: Config, html: readonly string[] | string, version: string): Promise<RenderedPdf> {
  const { finalizePdf } = await loadFinisher();
  const bytes = await finalizePdf(printed.bytes, {
    title: brief.matter.title,
    author: config.author,
    subject: brief.matter.summary ?? brief.matter.subtitle ?? brief.matter.title,
    keywords: brief.matter.keywords,
    creator: 'kosovo-trafficking-briefs',
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
): Promise<RenderedDocument> {
  const { layOutDocument } = await loadPdfStage();
  const engine = await layoutEngine;
  return withRetry(browsers, brief.briefId, signal, async (browser) => {
    const html = joinHtml(brief.html);
    const laid = await browser.withPage(
      (page) => layOutDocument(page, html, { notes: config.notes, layoutEngine: engine, name: brief.briefId, ...wanted }),
      lane,
    );
    const pdf = laid.bytes ? await finish({ bytes: laid.bytes, blocked: laid.blocked, pages: laid.pages }, brief, config, brief.html, browser.version) : undefined;
    return { ...(pdf ? { pdf } : {}), ...(laid.part ? { part: laid.part } : {}) };
  });
}

/** The handout pack: its front matter, laid out like a brief, to be followed by the briefs. */
async function packOf(prepared: Prepared, config: Config): Promise<PreparedBrief> {
  const { renderPackFront, formatEdition } = await import('./pack-input.js');
  const layout = prepared.templates.layouts.get('pack')!;
  const html = withLayout(layout.path, () => renderPackFront(layout, {
    briefs: prepared.briefs.map((brief) => ({ briefId: brief.briefId, title: brief.matter.title })),
    css: prepared.css,
    fontCss: prepared.fontCss,
    edition: formatEdition(config.edition),
    editionIso: config.edition,
    paper: config.paper,
  }));
  const union = (pick: (brief: PreparedBrief) => readonly string[]) => [...new Set(prepared.briefs.flatMap(pick))];
  return {
    briefId: packId,
    matter: {
      title: 'Human trafficking in Kosovo: policy briefs',
      subtitle: 'Handout pack',
      summary: `The briefs ${prepared.briefs.map((brief) => brief.matter.title).join(', ')}, in one document.`,
      keywords: [...new Set(prepared.briefs.flatMap((brief) => brief.matter.keywords))],
      lang: 'en',
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
  config: Config,
  layoutEngine: Promise<string>,
  lane: number,
  signal: AbortSignal | undefined,
): Promise<RenderedPdf> {
  const { assemblePack, frontName } = await import('./pack-input.js');
  const { printLaidOut } = await loadPdfStage();
  const front = await renderBrief(browsers, { ...pack, briefId: frontName }, config, layoutEngine, lane, { print: false, capture: true }, signal);
  const briefs = (await Promise.all(parts)).map((rendered) => rendered.part!);
  const fontCss = pack.html[1] ?? '';
  const assembled = assemblePack({ front: front.part!, briefs, fontCss, title: pack.matter.title, lang: pack.matter.lang });
  const html = joinHtml(assembled.html);
  return withRetry(browsers, pack.briefId, signal, async (browser) => {
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

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
    throw new BuildError([createMessage(codes.interrupted, [reason], { stage: 'build' })]);
  }
}

async function digestsOnDisk(outDir: string, outputs: readonly string[]): Promise<Map<string, string | undefined>> {
  const entries = await Promise.all(
    outputs.map(async (output) => [output, await readFile(path.join(outDir, output)).then(digest, () => undefined)] as const),
  );
  return new Map(entries);
}

/**
 * Build the briefs that are out of date. Digests of the inputs decide what to rebuild (see
 * plan.ts); an up-to-date build reads a few files and starts no browser. Everything is rendered
 * in memory first, then written atomically, manifest last. Any problem throws before a file is
 * written; the output folder is locked for the duration.
 */
export async function runBuild(config: Config, ctx: BuildContext = {}): Promise<BuildResult> {
  const reporter = ctx.reporter ?? silentReporter;
  const { signal } = ctx;
  throwIfAborted(signal);
  let lock: OutputLock | undefined;
  let browsers = ctx.browsers;
  const ownBrowsers = !browsers;
  const closeOnAbort = () => void browsers?.close();
  signal?.addEventListener('abort', closeOnAbort, { once: true });
  try {
    if (!config.dryRun) {
      lock = await lockOutput(config.out, () => reporter.info(`Waiting for another build to finish writing to ${config.out} …`));
    }
    const started = performance.now();
    const manifest = await readManifest(config.out);
    // The YAML files the snapshot parses are not parsed again by the pipeline.
    const yaml: YamlMemo = new Map();
    const snapshot = await takeSnapshot(config, manifest?.yaml, yaml);
    const unknown = config.briefs.filter((id) => !snapshot.briefIds.includes(id));
    if (unknown.length > 0) {
      throw new UsageError(`Unknown brief ${unknown.map((id) => JSON.stringify(id)).join(', ')}. The briefs are: ${snapshot.briefIds.join(', ')}.`);
    }
    const wantPdf = config.formats.includes('pdf');
    if (wantPdf && !browsers) browsers = (await import('../render/pdf/provider.js')).createBrowserProvider(config.concurrency);
    const location = wantPdf ? await browsers?.locate() : undefined;
    const options: RenderOptions = {
      paper: config.paper,
      notes: config.notes,
      author: config.author,
      citationStyle: config.citationStyle,
      locale: config.locale,
      edition: config.editionPinned ? config.edition : undefined,
      browser: await browserStamp(location?.executablePath),
    };
    const briefIds = config.briefs.length > 0 ? config.briefs : snapshot.briefIds;
    const templatesPrefix = path.relative(config.root, config.templates).split(path.sep).join('/');
    // The handout pack comes with a full PDF build, when the templates have a pack layout.
    const pack = config.briefs.length === 0 && wantPdf && snapshot.files.has(`${templatesPrefix}/layouts/pack.html.hbs`);
    // The index and the source viewer come with every full build that makes HTML.
    const site =
      config.briefs.length === 0 &&
      config.formats.includes('html') &&
      snapshot.files.has(`${templatesPrefix}/layouts/index.html.hbs`) &&
      snapshot.files.has(`${templatesPrefix}/layouts/source.html.hbs`)
        ? siteOutputs([...snapshot.documents.keys()])
        : [];
    const outputs = [
      ...briefIds.flatMap((brief) => config.formats.map((format) => outputName(brief, format))),
      ...(pack ? [packFile] : []),
      ...site,
    ];
    const plan = planBuild({
      manifest,
      snapshot,
      options,
      briefs: briefIds,
      formats: config.formats,
      onDisk: await digestsOnDisk(config.out, outputs),
      force: config.force,
      pack,
      all: config.briefs.length === 0,
      site,
      templatesPrefix,
    });
    const packBuilds = plan.steps.some((step) => step.brief === packId && step.action === 'build');
    const siteBuilds = plan.steps.some((step) => step.brief === siteId && step.action === 'build');
    // The pack and the site are made from every brief, so rebuilding them prepares them all
    // (PDFs of unchanged briefs are still not printed again).
    const everyBrief = [...briefIds, ...(pack ? [packId] : []), ...(site.length > 0 ? [siteId] : [])];
    const toBuild = packBuilds || siteBuilds
      ? briefIds
      : [...new Set(plan.steps.filter((step) => step.action === 'build').map((step) => step.brief))];

    if (config.dryRun) {
      const briefs = everyBrief.map((briefId): BriefResult => {
        const steps = plan.steps.filter((step) => step.brief === briefId && step.action === 'build');
        return { briefId, action: steps.length > 0 ? 'would build' : 'up to date', reasons: [...new Set(steps.flatMap((step) => step.reasons))], files: [], notes: 0, ms: 0 };
      });
      briefs.forEach(reporter.brief);
      return { briefs, plan, warnings: [], launchedBrowser: false };
    }

    let prepared: Prepared | undefined;
    const files: OutputFile[] = [];
    const entries: Record<string, ManifestEntry> = {};
    const timings = new Map<string, number>();
    let browserVersion: string | undefined;
    const sandboxWarnings: VFileMessage[] = [];
    if (toBuild.length > 0) {
      // Start the browser now, while the pipeline runs: its launch overlaps the Markdown and
      // HTML work instead of following it. (Its failure, if any, is reported by the render.)
      const printing = plan.steps.some((step) => step.action === 'build' && step.format === 'pdf');
      if (printing) void browsers!.get().catch(() => undefined);
      // Paged.js, read once per build and injected into every page that prints.
      const layoutEngine = printing ? loadPdfStage().then((stage) => stage.readLayoutEngine()) : undefined;
      // Each brief is laid out as soon as it is ready, while the pipeline prepares the next:
      // printed, and its pages kept for the handout pack when there is one. The pack is put
      // together from those pages once every brief is laid out. Pages are chosen as the
      // documents come (lanes.ts).
      const printsPdf = (briefId: string) => plan.steps.some((step) => step.brief === briefId && step.action === 'build' && step.format === 'pdf');
      const chooseLane = createLaneChooser(config.concurrency);
      const jobs = new Map<string, { readonly job: Promise<RenderedDocument>; readonly t0: number }>();
      const keepHeap = createHeapKeeper();
      const track = (briefId: string, rendered: Promise<RenderedDocument>) => {
        const job = rendered.then((done) => {
          keepHeap();
          return done;
        });
        // Awaited below; if the build fails first, the browser is closed and the job dropped.
        job.catch(() => undefined);
        const entry = { job, t0: performance.now() };
        jobs.set(briefId, entry);
        return entry;
      };
      const startJob = (brief: PreparedBrief) => {
        const wanted: RenderWanted = { print: printsPdf(brief.briefId), capture: packBuilds };
        if (jobs.has(brief.briefId) || (!wanted.print && !wanted.capture)) return jobs.get(brief.briefId);
        const lane = chooseLane({ id: brief.briefId, weight: printWeight(brief.body) });
        return track(brief.briefId, renderBrief(browsers!, brief, config, layoutEngine!, lane, wanted, signal));
      };
      // The pipeline (Handlebars, unified, citeproc) loads only when something is out of date.
      const { prepare } = await import('./prepare.js');
      prepared = await prepare(Object.freeze({ ...config, briefs: [...toBuild] }), { yaml, onBrief: startJob });
      for (const warning of prepared.warnings) reporter.warn(warning);
      throwIfAborted(signal);
      const prepareMs = (performance.now() - started) / toBuild.length;
      const packDocument = packBuilds ? await packOf(prepared, config) : undefined;
      if (packDocument) {
        const parts = prepared.briefs.map((brief) => startJob(brief)!.job);
        const lane = chooseLane({ id: packId, weight: printWeight(packDocument.body) });
        track(packId, renderPack(browsers!, packDocument, parts, config, layoutEngine!, lane, signal).then((pdf) => ({ pdf })));
      }
      const renderables = packDocument ? [packDocument, ...prepared.briefs] : prepared.briefs;
      const printOf = async (brief: PreparedBrief) => {
        const job = startJob(brief);
        const pdf = (await job?.job)?.pdf;
        if (!job || !pdf) throw new Error(`internal: no print of ${brief.briefId} was started`);
        return { pdf, t0: job.t0 };
      };
      const rendered = await Promise.all(
        renderables.flatMap((brief) =>
          plan.steps
            .filter((step) => step.brief === brief.briefId && step.action === 'build')
            .map(async (step) => {
              let data: OutputFile['data'] = brief.html;
              if (step.format === 'pdf') {
                const { pdf, t0 } = await printOf(brief);
                data = pdf.bytes;
                browserVersion = pdf.version;
                for (const url of new Set(pdf.blocked)) {
                  const warning = createMessage(codes.renderBlocked, [brief.briefId, url], { stage: 'render' });
                  warning.fatal = false;
                  sandboxWarnings.push(warning);
                  reporter.warn(warning);
                }
                timings.set(brief.briefId, prepareMs + performance.now() - t0);
              } else if (!timings.has(brief.briefId)) {
                timings.set(brief.briefId, prepareMs);
              }
              return { brief, step, data };
            }),
        ),
      );
      throwIfAborted(signal);
      if (siteBuilds) {
        const t0 = performance.now();
        const { renderSitePages } = await import('./site-pages.js');
        const pages = new Map(renderSitePages(prepared, config, { pdf: wantPdf, pack }).map((page) => [page.output, page.html]));
        const deps = { facts: [...prepared.facts.keys()].sort(), sources: [...prepared.sources.docs.keys()].sort() };
        for (const step of plan.steps.filter((step) => step.brief === siteId && step.action === 'build')) {
          const data = pages.get(step.output);
          if (data === undefined) continue;
          files.push({ path: path.join(config.out, step.output), data });
          entries[step.output] = {
            brief: siteId,
            format: 'html',
            inputs: collectInputs(siteId, 'html', deps, snapshot, options, templatesPrefix),
            deps,
            digest: digest(data),
          };
        }
        timings.set(siteId, performance.now() - t0);
      }
      for (const { brief, step, data } of rendered) {
        const deps = { facts: [...brief.usedFacts].sort(), sources: [...brief.citedSources].sort() };
        files.push({ path: path.join(config.out, step.output), data });
        entries[step.output] = {
          brief: brief.briefId,
          format: step.format,
          inputs: collectInputs(brief.briefId, step.format, deps, snapshot, options, templatesPrefix),
          deps,
          digest: digest(data),
          ...(step.format === 'pdf' && browserVersion ? { browser: browserVersion } : {}),
        };
      }
    }

    // The facts of this edition, and the edition CHANGES.md compares them with.
    const facts = Object.fromEntries([...snapshot.facts].map(([id, stamp]) => [id, stamp.digest]));
    const sameFacts = manifest !== undefined && JSON.stringify(Object.entries(manifest.facts).sort()) === JSON.stringify(Object.entries(facts).sort());
    const previousFacts = sameFacts ? (manifest.previousFacts ?? {}) : (manifest?.facts ?? {});
    const report = makeReport(plan, config.edition, diffFacts(previousFacts, facts));
    const kept = Object.fromEntries(Object.entries(manifest?.outputs ?? {}).filter(([output]) => !plan.remove.includes(output)));
    const next: Manifest = { version: 1, facts, previousFacts, outputs: { ...kept, ...entries }, ...(snapshot.yaml ? { yaml: snapshot.yaml } : {}) };
    const changed = files.length > 0 || plan.remove.length > 0;

    throwIfAborted(signal);
    const lost = lock?.lost();
    if (lost) throw new BuildError([createMessage(codes.outputLocked, [config.out, 0], { stage: 'build', cause: lost })]);
    await writeOutputs([
      ...files,
      { path: path.join(config.out, manifestName), data: serializeManifest(next) },
      { path: path.join(config.out, 'build-report.json'), data: serializeReport(report) },
      ...(changed ? [{ path: path.join(config.out, 'CHANGES.md'), data: renderChanges(report) }] : []),
    ]);
    await Promise.all(plan.remove.map((output) => rm(path.join(config.out, output), { force: true })));

    const briefs = everyBrief.map((briefId): BriefResult => {
      const steps = plan.steps.filter((step) => step.brief === briefId && step.action === 'build');
      const built = prepared?.briefs.find((brief) => brief.briefId === briefId);
      return {
        briefId,
        action: steps.length > 0 ? 'built' : 'up to date',
        reasons: [...new Set(steps.flatMap((step) => step.reasons))],
        files: steps.map((step) => path.join(config.out, step.output)),
        notes: built?.citations.notes.length ?? 0,
        ms: timings.get(briefId) ?? 0,
      };
    });
    briefs.forEach(reporter.brief);
    return {
      briefs,
      plan,
      warnings: [...(prepared?.warnings ?? []), ...sandboxWarnings],
      launchedBrowser: browsers?.launched() ?? false,
      ...(browserVersion ? { browser: browserVersion } : {}),
      report,
    };
  } catch (error) {
    // Closing the browser on an interrupt makes pending renders fail: report the interrupt.
    throwIfAborted(signal);
    throw error;
  } finally {
    signal?.removeEventListener('abort', closeOnAbort);
    if (ownBrowsers) await browsers?.close();
    await lock?.release();
  }
}

/** Check the sources, facts and templates without a browser and without writing anything. */
export async function runCheck(config: Config): Promise<Prepared> {
  const { prepare } = await import('./prepare.js');
  return prepare(config, { documents: false });
}
