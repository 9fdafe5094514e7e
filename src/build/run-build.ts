import { unknownBriefsMessage } from '../diagnostics/suggest.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import { UsageError, locateTemplate, type Config } from '../config/index.js';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import type { BrowserProvider } from '../render/index.js';
import { threadPrinter, type Printer } from './printer.js';
import { orderBriefs } from '../collection/order.js';
import { digest, digestJson } from './digest.js';
import { checkInputFolders } from './input-folders.js';
import { lockOutput, type OutputLock } from './lock.js';
import { manifestName, readManifest, serializeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { collectInputs, outputName, packId, planBuild, siteId, type BuildPlan, type PlanRemoval, type RenderOptions } from './plan.js';
import type { Prepared, PreparedBrief } from './prepare.js';
import { diffFacts, makeReport, renderChanges, serializeReport, type BuildReport } from './report.js';
import { siteOutputs } from './site-outputs.js';
import { browserStamp, takeSnapshot } from './snapshot.js';
import type { PrintQueue } from './print-queue.js';
import type { PrintThread } from './worker-printer.js';
import { writeOutputs, type OutputFile, type OutputFs } from './write-output.js';
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
  /** `removed` (or, on a dry run, `would remove`): its template was deleted, so its outputs are. */
  readonly action: 'built' | 'up to date' | 'would build' | 'removed' | 'would remove';
  /** Why it was built or removed (empty when up to date). */
  readonly reasons: readonly string[];
  /** Files written (or removed), absolute paths. */
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
  /** Editorial warnings of the briefs built (listed by `briefs check`, counted in the build's summary). */
  readonly lintWarnings?: number;
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
  /** A printer kept by the caller (watch mode keeps one warm); otherwise one per build, in a worker thread. */
  readonly printer?: Printer;
  /** A print worker's thread started ahead (see startPrintThread): the build's printer takes it, if it prints. */
  readonly printThread?: PrintThread;
  /** Print on these browsers, on this thread (a test's stand-in browser); instead of `printer`. */
  readonly browsers?: BrowserProvider;
  /**
   * Write each brief's HTML and PDF as soon as they are ready (watch mode: the brief being
   * edited is on disk before the pack and the site are made), not with the rest at the end.
   * A brief is written only once its own inputs are known good; the pack, the site and the
   * manifest still follow as one change.
   */
  readonly writeEach?: boolean;
  /** Called with the files (absolute paths) each time some are written: the preview reloads what shows them. */
  readonly onWritten?: (files: readonly string[]) => void;
  /** The file system the outputs are written through; a test's stand-in makes a write fail on cue. */
  readonly fs?: OutputFs;
}

/** A reporter that shows nothing. */
export const silentReporter: Reporter = { brief: () => {}, warn: () => {}, info: () => {} };

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
    throw new BuildError([createMessage(codes.interrupted, [reason], { stage: 'build' })]);
  }
}

/** One line per retired brief: its outputs, removed (or to be) because its template is gone. */
function removedBriefs(removals: readonly PlanRemoval[], outDir: string, dryRun: boolean): BriefResult[] {
  const byBrief = new Map<string, PlanRemoval[]>();
  // The viewer pages of removed documents go with the site, which is rebuilt then: no line of their own.
  for (const removal of removals) if (removal.brief !== siteId) byBrief.set(removal.brief, [...(byBrief.get(removal.brief) ?? []), removal]);
  return [...byBrief].map(([briefId, outputs]) => ({
    briefId,
    action: dryRun ? 'would remove' : 'removed',
    reasons: [...new Set(outputs.map((output) => output.reason))],
    files: outputs.map((output) => path.join(outDir, output.output)),
    notes: 0,
    ms: 0,
  }));
}

async function digestsOnDisk(outDir: string, outputs: readonly string[]): Promise<Map<string, string | undefined>> {
  const entries = await Promise.all(
    outputs.map(async (output) => [output, await readFile(path.join(outDir, output)).then(digest, () => undefined)] as const),
  );
  return new Map(entries);
}

/**
 * Build the briefs that are out of date. Digests of the inputs decide what to rebuild (see
 * plan.ts); an up-to-date build reads a few files and starts no browser, and one whose YAML or
 * documents changed in a way no brief is rebuilt from checks them first, as `briefs check`
 * does. A missing templates or sources folder, or no brief at all, is an error (never every
 * brief retired). Everything is rendered in memory first, then written as one change (see
 * write-output.ts), manifest last: any problem throws with the output folder as it was. The
 * output folder is locked for the duration.
 */
export async function runBuild(config: Config, ctx: BuildContext = {}): Promise<BuildResult> {
  const reporter = ctx.reporter ?? silentReporter;
  const { signal } = ctx;
  throwIfAborted(signal);
  let lock: OutputLock | undefined;
  let printer = ctx.printer ?? (ctx.browsers ? threadPrinter(ctx.browsers) : undefined);
  const ownPrinter = !printer;
  let queue: PrintQueue | undefined;
  const closeOnAbort = () => void printer?.close();
  signal?.addEventListener('abort', closeOnAbort, { once: true });
  try {
    await checkInputFolders(config);
    if (!config.dryRun) {
      lock = await lockOutput(config.out, () => reporter.info(`Waiting for another build to finish writing to ${config.out} …`));
    }
    const started = performance.now();
    const manifest = await readManifest(config.out);
    const wantPdf = config.formats.includes('pdf');
    if (wantPdf && !printer) printer = (await import('./worker-printer.js')).createWorkerPrinter(config.concurrency, process.env, ctx.printThread);
    // The browser starts once, as soon as it is known to be needed (see startBrowser).
    let browserStarting = false;
    const startBrowser = () => {
      if (browserStarting) return;
      browserStarting = true;
      void printer!.start().then(
        ({ version, ms }) => {
          startedLine = `Browser started: ${version} (${(ms / 1000).toFixed(2)} s)`;
          if (sayStarted) reporter.info(startedLine);
        },
        () => undefined,
      );
    };
    // The browser's start is told once the briefs are prepared: a build that fails on its
    // inputs first says why, in its first line.
    let startedLine: string | undefined;
    let sayStarted = false;
    const briefsPrepared = () => {
      sayStarted = true;
      if (startedLine) reporter.info(startedLine);
    };
    // With no previous build, every output is made: the browser starts now, while the sources
    // are read and the plan is made, rather than after. (Its failure, if any, is reported by
    // the render; a build that stops before printing closes it.)
    if (!manifest && wantPdf && !config.dryRun) startBrowser();
    // The YAML files the snapshot parses are not parsed again by the pipeline.
    const yaml: YamlMemo = new Map();
    const snapshot = await takeSnapshot(config, manifest?.yaml, yaml);
    const unknown = config.briefs.filter((id) => !snapshot.briefIds.includes(id));
    if (unknown.length > 0) {
      throw new UsageError(unknownBriefsMessage(unknown, snapshot.briefIds));
    }
    const location = wantPdf ? await printer?.locate() : undefined;
    const options: RenderOptions = {
      paper: config.paper,
      notes: config.notes,
      evidence: config.evidence,
      author: config.author,
      citationStyle: config.citationStyle,
      locale: config.locale,
      collection: digestJson({ ...config.collection, metrics: [...config.collection.metrics], file: undefined, language: config.language.file }),
      edition: config.editionPinned ? config.edition : undefined,
      browser: await browserStamp(location?.executablePath),
    };
    const briefIds = orderBriefs(config.briefs.length > 0 ? config.briefs : snapshot.briefIds, config.collection.order);
    const templatesPrefix = path.relative(config.root, config.templates).split(path.sep).join('/');
    // The pack's and the site's layouts: the collection's, else the built-in ones.
    const [packLayout, indexLayout, sourceLayout] = await Promise.all(
      [locateTemplate(config, 'layouts/pack.html.hbs'), locateTemplate(config, 'layouts/index.html.hbs'), locateTemplate(config, 'layouts/source.html.hbs')],
    );
    // The handout pack comes with a full PDF build, when there is a pack layout.
    const pack = config.briefs.length === 0 && wantPdf && packLayout.exists;
    // The index and the source viewer come with every full build that makes HTML.
    const site =
      config.briefs.length === 0 &&
      config.formats.includes('html') &&
      indexLayout.exists &&
      sourceLayout.exists
        ? siteOutputs([...snapshot.documents.keys()])
        : [];
    const outputs = [
      ...briefIds.flatMap((brief) => config.formats.map((format) => outputName(brief, format, config.collection.pack.file))),
      ...(pack ? [config.collection.pack.file] : []),
      ...site,
    ];
    const plan = planBuild({
      manifest,
      snapshot,
      options,
      packFile: config.collection.pack.file,
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
      briefs.push(...removedBriefs(plan.removals, config.out, true));
      briefs.forEach(reporter.brief);
      if (plan.check.length > 0) {
        reporter.info(`Would check ${plan.check.join(', ')}: changed since the last build, though no output is rebuilt from the change.`);
      }
      return { briefs, plan, warnings: [], launchedBrowser: false };
    }

    if (toBuild.length === 0 && plan.check.length > 0) {
      // Nothing is rebuilt, yet an input changed (a comment, a fact copied twice, an entry or a
      // document no brief uses): check it as `briefs check` does before calling anything up to
      // date; building would have. No document is laid out, no browser starts, and warnings
      // are left to `briefs check` (they did not change an output).
      const { prepare } = await import('./prepare.js');
      await prepare(config, { documents: false, yaml, tool: snapshot.tool });
      throwIfAborted(signal);
    }

    let prepared: Prepared | undefined;
    const reported = new Set<string>();
    const briefResult = (briefId: string, built: Prepared | undefined): BriefResult => {
      const steps = plan.steps.filter((step) => step.brief === briefId && step.action === 'build');
      return {
        briefId,
        action: steps.length > 0 ? 'built' : 'up to date',
        reasons: [...new Set(steps.flatMap((step) => step.reasons))],
        files: steps.map((step) => path.join(config.out, step.output)),
        notes: built?.briefs.find((brief) => brief.briefId === briefId)?.citations.notes.length ?? 0,
        ms: timings.get(briefId) ?? 0,
      };
    };
    const files: OutputFile[] = [];
    const entries: Record<string, ManifestEntry> = {};
    const timings = new Map<string, number>();
    let browserVersion: string | undefined;
    const sandboxWarnings: VFileMessage[] = [];
    let early: Promise<void> = Promise.resolve();
    const wroteEarly = new Set<string>();
    if (toBuild.length > 0) {
      // Start the browser now, while the pipeline runs: its launch overlaps the Markdown and
      // HTML work instead of following it. (Its failure, if any, is reported by the render.)
      const printing = plan.steps.some((step) => step.action === 'build' && step.format === 'pdf');
      if (printing) startBrowser();
      // Each brief is laid out as soon as it is ready, while the pipeline prepares the next
      // (print-queue.ts): printed, and its pages kept for the handout pack when there is one.
      queue = printing
        ? printer!.queue({
            settings: {
              concurrency: config.concurrency,
              notes: config.notes,
              contents: config.language.t('contents'),
              author: config.author,
              pinnedDate: config.pinnedDate,
              // A printer kept by the caller (watch mode) keeps its pages warm for the next build.
              keepPages: !ownPrinter,
            },
            signal,
            prints: (briefId) => plan.steps.some((step) => step.brief === briefId && step.action === 'build' && step.format === 'pdf'),
            pack: packBuilds,
          })
        : undefined;
      const printQueue = queue;
      // Watch mode: each brief's files written as they come (see `writeEach`), one after another.
      const writeNow = (briefId: string, format: string, data: OutputFile['data']): Promise<void> => {
        const step = ctx.writeEach ? plan.steps.find((s) => s.brief === briefId && s.action === 'build' && s.format === format) : undefined;
        if (!step) return Promise.resolve();
        const file = path.join(config.out, step.output);
        early = early.then(async () => {
          await writeOutputs([{ path: file, data }], ctx.fs ? { fs: ctx.fs } : {});
          wroteEarly.add(file);
          ctx.onWritten?.([file]);
        });
        early.catch(() => undefined);
        return early;
      };
      const outOfDate = new Set(plan.steps.filter((step) => step.action === 'build').map((step) => step.brief));
      // The pipeline (Handlebars, unified, citeproc) loads only when something is out of date.
      const { prepare } = await import('./prepare.js');
      prepared = await prepare(Object.freeze({ ...config, briefs: [...toBuild] }), {
        yaml,
        tool: snapshot.tool,
        first: outOfDate,
        // The browser's pages get the fonts and the layout engine while the briefs are made.
        onFonts: (fontCss) => printQueue?.warm(fontCss),
        // Each brief is laid out as soon as it is made (the first before the collection's checks
        // have run), and written (watch mode) once the checks passed.
        ...(printQueue ? { onLayOut: (brief: PreparedBrief) => printQueue.add(brief) } : {}),
        onBrief: (brief) => writeNow(brief.briefId, 'html', brief.html),
      });
      briefsPrepared();
      for (const warning of prepared.warnings) reporter.warn(warning);
      throwIfAborted(signal);
      const prepareMs = (performance.now() - started) / toBuild.length;
      // (Loaded on use: the command starts without the templates and Markdown code it pulls in.)
      const packDocument = packBuilds ? await (await import('./pack-document.js')).packOf(prepared, config) : undefined;
      if (packDocument) printQueue!.addPack(packDocument, prepared.briefs, prepared.fontCss);
      const renderables = packDocument ? [packDocument, ...prepared.briefs] : prepared.briefs;
      const builtNow = prepared;
      // The order of the lines: the briefs, then the pack (made of them).
      const lineOrder = [...prepared.briefs.map((brief) => brief.briefId), ...(packDocument ? [packDocument.briefId] : [])];
      const ready = new Set<string>();
      let next = 0;
      const rendered = (await Promise.all(
        renderables.map(async (brief) => {
          const done = await Promise.all(plan.steps
            .filter((step) => step.brief === brief.briefId && step.action === 'build')
            .map(async (step) => {
              let data: OutputFile['data'] = brief.html;
              if (step.format === 'pdf') {
                if (!printQueue) throw new Error(`internal: no print of ${brief.briefId} was started`);
                const { pdf, t0 } = await printQueue.pdfOf(brief);
                data = pdf.bytes;
                browserVersion = pdf.version;
                void writeNow(brief.briefId, 'pdf', data);
                for (const url of new Set(pdf.blocked)) {
                  const warning = createMessage(codes.renderBlocked, [brief.briefId, url], { stage: 'render' });
                  warning.fatal = false;
                  sandboxWarnings.push(warning);
                  reporter.warn(warning);
                }
                timings.set(brief.briefId, prepareMs + performance.now() - t0);
              } else if (step.format === 'docx') {
                // The Word edition, from the brief's HTML body (loaded only when one is built).
                const { briefToDocx } = await import('../render/docx/brief-docx.js');
                data = await briefToDocx(brief, { author: config.author, date: config.pinnedDate });
                if (!timings.has(brief.briefId)) timings.set(brief.briefId, prepareMs);
              } else if (!timings.has(brief.briefId)) {
                timings.set(brief.briefId, prepareMs);
              }
              return { brief, step, data };
            }));
          // Its line as soon as it and every brief before it are ready (so lines keep the briefs'
          // order whatever finishes first); the files are written with the rest at the end.
          ready.add(brief.briefId);
          while (next < lineOrder.length && ready.has(lineOrder[next]!)) {
            const id = lineOrder[next++]!;
            if (plan.steps.some((step) => step.brief === id && step.action === 'build')) {
              reported.add(id);
              reporter.brief(briefResult(id, builtNow));
            }
          }
          return done;
        }),
      )).flat();
      throwIfAborted(signal);
      // Every PDF is in: a browser of this build's own closes while the files are written.
      if (ownPrinter) void printer?.close().catch(() => undefined);
      if (siteBuilds) {
        const t0 = performance.now();
        const { renderSitePages } = await import('./site-pages.js');
        const pages = new Map(renderSitePages(prepared, config, { pdf: wantPdf, docx: config.formats.includes('docx'), pack }).map((page) => [page.output, page.html]));
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
    const next: Manifest = {
      version: 1,
      facts,
      previousFacts,
      outputs: { ...kept, ...entries },
      // Only a build that got here checked these inputs: a failed one leaves the old digests, so the next build checks again.
      checked: Object.fromEntries(snapshot.checked),
      ...(snapshot.yaml ? { yaml: snapshot.yaml } : {}),
    };
    const changed = files.length > 0 || plan.remove.length > 0;

    throwIfAborted(signal);
    const lost = lock?.lost();
    if (lost) throw new BuildError([createMessage(codes.outputLocked, [config.out, 0], { stage: 'build', cause: lost })]);
    // (What watch mode wrote already is not written again: unchanged files are left alone.)
    await early;
    // One change for every file of the build, removals included: all of it or none of it.
    await writeOutputs(
      [
        ...files,
        { path: path.join(config.out, manifestName), data: serializeManifest(next) },
        { path: path.join(config.out, 'build-report.json'), data: serializeReport(report) },
        ...(changed ? [{ path: path.join(config.out, 'CHANGES.md'), data: renderChanges(report) }] : []),
      ],
      { remove: plan.remove.map((output) => path.join(config.out, output)), ...(ctx.fs ? { fs: ctx.fs } : {}) },
    );
    const rest = files.filter((file) => !wroteEarly.has(file.path));
    if (rest.length > 0) ctx.onWritten?.(rest.map((file) => file.path));

    const briefs = everyBrief.map((briefId) => briefResult(briefId, prepared));
    briefs.push(...removedBriefs(plan.removals, config.out, false));
    // The briefs printed above were reported as they were done; the rest (up to date, the site …) now.
    briefs.filter((brief) => !reported.has(brief.briefId)).forEach(reporter.brief);
    // `--booklet`: the pack imposed for saddle-stitch printing, beside it (rewritten only when it changes).
    // (Loaded on first use, as the PDF stages are: pdf-lib stays out of an ordinary build's start-up.)
    const booklet = config.booklet ? await (await import('./booklet-output.js')).writeBooklet(config) : undefined;
    if (booklet) reporter.info(`Booklet: ${booklet.file}, ${booklet.sheets} sheet${booklet.sheets === 1 ? '' : 's'}`);
    return {
      briefs,
      plan,
      warnings: [...(prepared?.warnings ?? []), ...sandboxWarnings],
      lintWarnings: prepared?.lint.length ?? 0,
      launchedBrowser: printer?.launched() ?? false,
      ...(browserVersion ? { browser: browserVersion } : {}),
      report,
    };
  } catch (error) {
    // Closing the browser on an interrupt makes pending renders fail: report the interrupt.
    throwIfAborted(signal);
    throw error;
  } finally {
    signal?.removeEventListener('abort', closeOnAbort);
    queue?.release();
    if (ownPrinter) await printer?.close();
    await lock?.release();
  }
}

/** Check the sources, facts and templates without a browser and without writing anything. */
export async function runCheck(config: Config): Promise<Prepared> {
  await checkInputFolders(config);
  const { prepare } = await import('./prepare.js');
  return prepare(config, { documents: false });
}
