import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import type { Config } from '../config/index.js';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import type { PdfBrowser } from '../render/index.js';
import { prepare, type Prepared, type PreparedBrief } from './prepare.js';
import { writeOutputs, type OutputFile } from './write-output.js';

/** Progress and warnings, as the CLI (or a test) wants to show them. */
export interface Reporter {
  /** One line per brief as it completes. */
  readonly brief: (result: BriefResult) => void;
  /** A warning that does not stop the build. */
  readonly warn: (message: VFileMessage) => void;
}

/** What was built for one brief. */
export interface BriefResult {
  readonly briefId: string;
  /** Files written, absolute paths. */
  readonly files: readonly string[];
  /** Notes in the brief. */
  readonly notes: number;
  /** Milliseconds spent on this brief's HTML and PDF. */
  readonly ms: number;
}

/** What a build did. */
export interface BuildResult {
  readonly briefs: readonly BriefResult[];
  readonly warnings: readonly VFileMessage[];
  /** The browser used, if any PDF was made. */
  readonly browser?: string;
}

/** A reporter that shows nothing. */
export const silentReporter: Reporter = { brief: () => {}, warn: () => {} };

// The PDF stage (puppeteer, pdf-lib) loads only when a build makes PDFs: `check` stays fast.
const loadPdfStage = () => import('../render/pdf/index.js');

async function renderPdf(browser: PdfBrowser, brief: PreparedBrief, config: Config): Promise<Uint8Array> {
  const { finalizePdf, printPdf } = await loadPdfStage();
  try {
    const bytes = await browser.withPage((page) => printPdf(page, brief.html));
    return await finalizePdf(bytes, {
      title: brief.matter.title,
      author: config.author,
      subject: brief.matter.summary ?? brief.matter.subtitle ?? brief.matter.title,
      keywords: brief.matter.keywords,
      creator: 'kosovo-trafficking-briefs',
      lang: brief.matter.lang,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new BuildError([createMessage(codes.pdfRender, [brief.briefId, detail], { stage: 'render', cause: error })], { cause: error });
  }
}

/**
 * Build the briefs: prepare every brief's HTML, print the PDFs with one browser (pages
 * rendered concurrently), then write all files atomically. Any problem throws before a file
 * is written.
 */
export async function runBuild(config: Config, reporter: Reporter = silentReporter): Promise<BuildResult> {
  const started = performance.now();
  const prepared: Prepared = await prepare(config);
  for (const warning of prepared.warnings) reporter.warn(warning);
  const prepareMs = performance.now() - started;

  const wantPdf = config.formats.includes('pdf');
  let browser: PdfBrowser | undefined;
  const outputs: OutputFile[] = [];
  const results: BriefResult[] = [];
  try {
    if (wantPdf) {
      const { findBrowser, launchBrowser } = await loadPdfStage();
      const location = findBrowser();
      if (!location) throw new BuildError([createMessage(codes.browserNotFound, [], { stage: 'render' })]);
      browser = await launchBrowser(location, config.concurrency);
    }
    const perBrief = prepareMs / Math.max(1, prepared.briefs.length);
    const rendered = await Promise.all(
      prepared.briefs.map(async (brief) => {
        const t0 = performance.now();
        const files: OutputFile[] = [];
        if (config.formats.includes('html')) files.push({ path: path.join(config.out, `${brief.briefId}.html`), data: brief.html });
        if (browser) files.push({ path: path.join(config.out, `${brief.briefId}.pdf`), data: await renderPdf(browser, brief, config) });
        return { brief, files, ms: perBrief + performance.now() - t0 };
      }),
    );
    for (const { brief, files, ms } of rendered) {
      outputs.push(...files);
      results.push({ briefId: brief.briefId, files: files.map((file) => file.path), notes: brief.citations.notes.length, ms });
    }
    const version = browser?.version;
    await writeOutputs(outputs);
    for (const result of results) reporter.brief(result);
    return { briefs: results, warnings: prepared.warnings, ...(version ? { browser: version } : {}) };
  } finally {
    await browser?.close();
  }
}

/** Check the sources, facts and templates without a browser and without writing anything. */
export async function runCheck(config: Config): Promise<Prepared> {
  return prepare(config);
}
