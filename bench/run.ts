// `npm run bench`: the performance benchmark of the briefs tool. See "Performance" in the README.
//
// Every scenario runs as its own child process (cold starts are real), several times; a round
// runs every scenario once, side by side, so the ratios compare runs made under the same load.
// Results: bench/results.json (every run), bench/results.md and the table printed at the end.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findChromium } from './chromium.js';
import { measureEditLoop, type EditLoopSetup, type EditSample } from './edit-loop.js';
import { exportMarkdown, type ExportedMarkdown } from './export-markdown.js';
import { footnoteHtml } from './footnote-html.js';
import { fullCollection, generateCollection } from './generate-collection.js';
import { describeMachine, machineLine } from './machine.js';
import { measure, measureOk, sampleEveryMs, type Command, type Measurement } from './measure.js';
import { readParity, type Parity } from './parity.js';
import { findPeers, writeHtml, writeMarkdown, type Peer } from './peers.js';
import { briefIds as templateBriefIds, buildCommand, chooseDocument, cleanOutput, copyProject, htmlOutputs, parseSummary, touchDocument, type ChosenDocument, type Project } from './project.js';
import { writeResults, type Results } from './report.js';
import { createRecorder, type Recorder, type ScenarioInfo, type ScenarioResult } from './scenario.js';
import { summarize } from './stats.js';
import { analyseScale, checkTargets, ids, limits, ratio, type Ratio, type ScaleAnalysis } from './targets.js';
import { prepareTool, type Tool } from './tool.js';
import { loadFontCss } from '../src/render/html/fonts.js';

interface Options {
  readonly runs: number;
  readonly sizes: readonly number[];
  readonly skip: ReadonlySet<string>;
  readonly keep: boolean;
  /** Exit with 1 when a target fails (the default reports and exits 0). */
  readonly strict: boolean;
}

const usage = `Usage: npm run bench -- [--runs N] [--quick] [--sizes 10,50,100] [--skip scale,peers,pack,edit] [--keep] [--strict]

  --runs N      runs of each scenario (default 5)
  --quick       2 runs of each scenario
  --sizes LIST  brief counts of the generated collections (default 10,50,100)
  --skip LIST   leave out scenarios: scale (the generated collections), peers, pack (build
                the collections without the handout pack only), edit (the edit loop)
  --keep        keep the temporary projects (their path is printed)
  --strict      exit with 1 when a target fails`;

function parseOptions(argv: readonly string[]): Options | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string' },
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      skip: { type: 'string' },
      keep: { type: 'boolean' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return undefined;
  const runs = values.quick ? 2 : Number(values.runs ?? '5');
  const sizes = (values.sizes ?? '10,50,100').split(',').map(Number);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive whole number, not ${values.runs}`);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes takes brief counts such as 10,50,100, not ${values.sizes}`);
  const skip = new Set((values.skip ?? '').split(',').filter(Boolean));
  for (const name of skip) if (!['scale', 'peers', 'pack', 'edit'].includes(name)) throw new Error(`--skip takes scale, peers, pack and/or edit, not ${name}`);
  return { runs, sizes: [...new Set(sizes)].sort((a, b) => a - b), skip, keep: values.keep ?? false, strict: values.strict ?? false };
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/**
 * The edit of the edit loop (g): one word of one statement of the repository's facts, flipped
 * back and forth (stated ↔ noted), which changes the text of one brief and of the pack.
 */
const edit = {
  brief: 'legal-framework',
  file: path.join('sources', 'facts.yaml'),
  from: 'The 2011 TIP report stated that Kosovo prohibited',
  to: 'The 2011 TIP report noted that Kosovo prohibited',
  edits: 3,
} as const;

const floorTimingsSchema = z.object({ launchMs: z.number(), renderMs: z.number(), closeMs: z.number(), files: z.number() });

/** Everything a round needs, set up once. */
interface Bench {
  readonly tool: Tool;
  readonly browser: string;
  readonly concurrency: number;
  readonly parity: Parity;
  readonly project: Project;
  readonly briefs: readonly string[];
  /** Whether a full build makes the handout pack. */
  readonly hasPack: boolean;
  readonly document: ChosenDocument;
  readonly floorOut: string;
  /** The fonts the briefs share (the pipeline's), in a file, for the layout floor to install once per page as the pipeline does. */
  readonly fontsFile: string;
  readonly peers: readonly { readonly peer: Peer; readonly dir: string }[];
  /** The edit loop (g) in the repository's project, unless it is skipped. */
  readonly editLoop: EditLoopSetup | undefined;
  readonly collections: readonly { readonly briefs: number; readonly briefIds: readonly string[]; readonly project: Project }[];
  /** Whether the collections are also built as `briefs build` makes them, pack included. */
  readonly scaleWithPack: boolean;
  readonly recorder: Recorder;
  readonly runs: number;
}

function floorCommand(bench: Bench, htmlFiles: readonly string[]): Command {
  return {
    file: process.execPath,
    args: [bench.tool.floor, '--browser', bench.browser, '--flags', JSON.stringify(bench.parity.flags), '--concurrency', String(bench.concurrency), '--out', bench.floorOut, ...htmlFiles],
    cwd: bench.project.dir,
  };
}

function layoutFloorCommand(bench: Bench, htmlFiles: readonly string[]): Command {
  return {
    file: process.execPath,
    args: [bench.tool.layoutFloor, '--concurrency', String(bench.concurrency), '--fonts', bench.fontsFile, '--out', `${bench.floorOut}-layout`, ...htmlFiles],
    cwd: bench.project.dir,
  };
}

const builtCount = (stdout: string) => parseSummary(stdout).briefs.filter((brief) => brief.action === 'built').length;

/** Record a run and print a progress line. */
function note(
  bench: Bench,
  info: ScenarioInfo,
  round: number,
  measurement: Measurement,
  detail: Record<string, number | string | boolean> = {},
  failed?: string,
): void {
  // The 1-minute load average as the run ends: the benchmark itself accounts for about 1–2;
  // much more means other work competed for the CPUs during the run.
  bench.recorder.record(info, round, measurement, { ...detail, load1: Number(os.loadavg()[0]!.toFixed(2)) }, failed);
  const memory = measurement.samples > 0 ? megabytes(measurement.peakRssBytes) : '–';
  const line = `  [${round}/${bench.runs}] (${info.letter}) ${info.label.padEnd(62)} ${seconds(measurement.ms).padStart(8)}  ${memory.padStart(7)}`;
  log(failed ? `${line}  FAILED (${failed})` : line);
}

function editDescription(what: string): string {
  return (
    `\`briefs build --watch\` running in the repository's project (its output up to date, the browser warm after an earlier edit): one word of a statement in ${edit.file} flipped and saved, ` +
    `and the time from the save until output/${edit.brief}.${what.toLowerCase()} is replaced. The first edit after the watcher starts launches the browser: a warm-up, not recorded.`
  );
}

function scenarioInfos(bench: Pick<Bench, 'briefs' | 'document' | 'hasPack'>) {
  const n = bench.briefs.length;
  const pack = bench.hasPack ? ' + handout pack' : '';
  return {
    cold: { id: ids.cold, letter: 'a', label: `cold full build: ${n} briefs${pack} (HTML + PDF)`, description: '`briefs build` in a project with no output/: a new Node process, the whole pipeline, one Chromium, every brief as HTML and PDF, and the handout pack PDF when the templates have a pack layout.' },
    coldBriefs: { id: ids.coldBriefs, letter: 'a', label: `cold build of the ${n} briefs only (no pack)`, description: '`briefs build --brief ID …` naming every brief, in a project with no output/ (its .cache/briefs/ kept from the warm-up build, as a user\'s is: documents read, charts drawn and notes formatted before): the same work as the full build less the handout pack, whose HTML is never written, so the floor cannot print it. This is the like-for-like comparison with the floor and the peers.' },
    coldBriefsEmpty: { id: ids.coldBriefsEmpty, letter: 'a', label: `cold build of the ${n} briefs only, empty cache (no output/, no .cache/)`, description: 'The same build with .cache/ removed too: every document read and extracted, every chart drawn, every note formatted again, as on a fresh clone.' },
    start: { id: ids.start, letter: 'a', label: 'breakdown: CLI start only (`briefs --version`)', description: 'Node starting and loading the CLI, nothing else: the fixed cost of every command.' },
    check: { id: ids.check, letter: 'a', label: 'breakdown: sources → HTML, no browser (`briefs check`)', description: 'Reads the sources, verifies every quote, renders every brief to HTML in memory; no browser, no writes. With the floor, it shows where the cold build\'s time goes.' },
    floor: { id: ids.floor, letter: 'b', label: `the floor: ${n} HTML files → PDF, bare Puppeteer`, description: 'A minimal Puppeteer script in a new Node process: one Chromium launched like the pipeline\'s, pages reused (as many as the pipeline uses), setContent + page.pdf with the pipeline\'s options on the exact HTML files the build wrote. No pipeline.' },
    layoutFloor: { id: ids.layoutFloor, letter: 'b', label: `the layout floor: ${n} HTML files → Paged.js → PDF`, description: 'A minimal script in a new Node process that runs only the pipeline\'s browser stage (its launch, sandboxed page pool and print step: Paged.js lays out notes at the page foot, margin boxes and contents) on the exact HTML files the build wrote. No sources, verification, citations, templates or PDF metadata: the cold build over this is what the rest of the pipeline costs.' },
    noop: { id: ids.noop, letter: 'c', label: 'no-op rebuild (nothing changed)', description: '`briefs build` again right after a full build: everything up to date, no browser.' },
    oneDocument: { id: ids.oneDocument, letter: 'd', label: `rebuild after one document changes (${bench.document.citedBy.length} of ${n} briefs${pack})`, description: `A paragraph is appended to ${bench.document.sourceId} (of the documents, one cited by the fewest briefs: ${bench.document.citedBy.join(', ')}), then \`briefs build\`.` },
    editHtml: { id: ids.editHtml, letter: 'g', label: 'edit loop: one fact saved → its brief\'s HTML replaced (watch, warm browser)', description: editDescription('HTML') },
    editPdf: { id: ids.editPdf, letter: 'g', label: 'edit loop: one fact saved → its brief\'s PDF replaced (watch, warm browser)', description: editDescription('PDF') },
  } satisfies Record<string, ScenarioInfo>;
}

const scaleInfo = (briefs: number, withPack: boolean): ScenarioInfo => ({
  id: withPack ? ids.scale(briefs) : ids.scaleBriefs(briefs),
  letter: 'e',
  label: `scale: cold build, ${briefs} briefs, ${(briefs * fullCollection.factsPerBrief).toLocaleString('en')} facts${withPack ? ' + pack' : ', briefs only'}`,
  description:
    `A generated collection (${fullCollection.documents} synthetic documents, ${fullCollection.factsPerBrief} facts per brief, seed ${fullCollection.seed}) built from nothing` +
    (withPack ? ' with `briefs build`, handout pack included.' : ' with `briefs build --brief ID …` naming every brief: no handout pack.'),
});

// An equal-feature peer's label says "same HTML" already; the others are told apart by theirs.
const peerInfo = (peer: Peer): ScenarioInfo => ({
  id: ids.peer(peer.id),
  letter: 'f',
  label: peer.equalFeatures ? `peer: ${peer.label}` : `peer: ${peer.label}, same Markdown`,
  description: peer.equalFeatures
    ? `${peer.version ?? peer.label}: one process tree converting the same HTML the pipeline prints (each brief's final HTML, notes floated to the page foot with float: footnote and contents added beforehand, untimed) to PDF. Equal features: the pipeline must beat it.`
    : `${peer.version ?? peer.label}: one process converting the same Markdown of every brief (exported from the final HTML) to PDF, typeset its own way. Unequal features: a reference, no target.`,
});

/** The first line of a failed build's problem, from its JSON or its stderr. */
function failure(measurement: Measurement): string {
  const problem = /"message":\s*"((?:[^"\\]|\\.)*)"/.exec(measurement.stdout)?.[1];
  const text = problem === undefined ? undefined : (JSON.parse(`"${problem}"`) as string);
  return `exit ${measurement.exitCode}: ${text ?? measurement.stderr.trim().split('\n').pop() ?? ''}`;
}

/**
 * One round of the repository's briefs: (a) cold builds, (b) floor, (c) no-op, (d) one
 * document, (a) breakdown, (f) peers.
 */
async function repositoryRound(bench: Bench, round: number): Promise<void> {
  const infos = scenarioInfos(bench);
  await cleanOutput(bench.project);
  const coldBriefs = await measureOk(buildCommand(bench.tool, bench.project, bench.briefs), 'the cold build of the briefs');
  note(bench, infos.coldBriefs, round, coldBriefs, { buildMs: parseSummary(coldBriefs.stdout).ms, built: builtCount(coldBriefs.stdout) });

  await cleanOutput(bench.project);
  await rm(path.join(bench.project.dir, '.cache'), { recursive: true, force: true });
  const coldEmpty = await measureOk(buildCommand(bench.tool, bench.project, bench.briefs), 'the cold build of the briefs with an empty cache');
  note(bench, infos.coldBriefsEmpty, round, coldEmpty, { buildMs: parseSummary(coldEmpty.stdout).ms, built: builtCount(coldEmpty.stdout) });

  const floor = await measureOk(floorCommand(bench, htmlOutputs(bench.project, bench.briefs)), 'the floor');
  const timings = floorTimingsSchema.parse(JSON.parse(floor.stdout.trim().split('\n').pop() ?? '{}'));
  note(bench, infos.floor, round, floor, { ...timings });
  const layoutFloor = await measureOk(layoutFloorCommand(bench, htmlOutputs(bench.project, bench.briefs)), 'the layout floor');
  note(bench, infos.layoutFloor, round, layoutFloor, { ...floorTimingsSchema.parse(JSON.parse(layoutFloor.stdout.trim().split('\n').pop() ?? '{}')) });

  await cleanOutput(bench.project);
  const cold = await measureOk(buildCommand(bench.tool, bench.project), 'the cold build');
  const summary = parseSummary(cold.stdout);
  note(bench, infos.cold, round, cold, { buildMs: summary.ms, built: builtCount(cold.stdout), launchedBrowser: summary.launchedBrowser });

  const noop = await measureOk(buildCommand(bench.tool, bench.project), 'the no-op rebuild');
  const noopSummary = parseSummary(noop.stdout);
  note(bench, infos.noop, round, noop, { buildMs: noopSummary.ms, rebuilt: builtCount(noop.stdout), launchedBrowser: noopSummary.launchedBrowser });

  await touchDocument(bench.document, round);
  const one = await measureOk(buildCommand(bench.tool, bench.project), 'the rebuild after one document changed');
  const oneSummary = parseSummary(one.stdout);
  note(bench, infos.oneDocument, round, one, { buildMs: oneSummary.ms, rebuilt: builtCount(one.stdout), launchedBrowser: oneSummary.launchedBrowser });

  const start = await measureOk({ ...buildCommand(bench.tool, bench.project), args: [bench.tool.bin, '--version'] }, 'briefs --version');
  note(bench, infos.start, round, start);
  const check = await measureOk({ ...buildCommand(bench.tool, bench.project), args: [bench.tool.bin, 'check'] }, 'briefs check');
  note(bench, infos.check, round, check);

  for (const { peer, dir } of bench.peers) {
    const measured = await measureOk(peer.command(dir, bench.briefs, bench.concurrency), peer.label);
    note(bench, peerInfo(peer), round, measured);
  }
}

/**
 * One round of the generated collections: (e), as `briefs build` makes them (pack included)
 * and with every brief named (no pack). A failed build is recorded, not fatal: it is a result.
 */
async function scaleRound(bench: Bench, round: number): Promise<void> {
  for (const collection of bench.collections) {
    for (const withPack of bench.scaleWithPack ? [true, false] : [false]) {
      await cleanOutput(collection.project);
      const measured = await measure(buildCommand(bench.tool, collection.project, withPack ? [] : collection.briefIds));
      const info = scaleInfo(collection.briefs, withPack);
      if (measured.exitCode === 0) {
        note(bench, info, round, measured, { buildMs: parseSummary(measured.stdout).ms, built: builtCount(measured.stdout) });
      } else {
        note(bench, info, round, measured, {}, failure(measured));
      }
    }
  }
}

/** An edit's time as a run: the watcher's memory is not sampled (zeros, no samples). */
const editRun = (ms: number): Measurement => ({ ms, peakRssBytes: 0, peakPssBytes: 0, peakProcesses: 0, sawBrowser: false, samples: 0, exitCode: 0, stdout: '', stderr: '' });

/**
 * One round of the edit loop (g), after the repository round: its builds left the project's
 * output up to date, so the watcher's first build rebuilds nothing and launches no browser.
 * The first edit therefore launches the browser: a warm-up, dropped; the others are recorded.
 * A failing watcher is recorded as a failed run of both scenarios, not fatal: it is a result.
 */
async function editLoopRound(bench: Bench, round: number): Promise<void> {
  if (!bench.editLoop) return;
  const infos = scenarioInfos(bench);
  let samples: EditSample[];
  try {
    samples = await measureEditLoop(bench.editLoop);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    note(bench, infos.editHtml, round, editRun(0), {}, reason);
    note(bench, infos.editPdf, round, editRun(0), {}, reason);
    return;
  }
  samples.slice(1).forEach((sample, index) => {
    const detail = { edit: index + 2, settledMs: Math.round(sample.settledMs) };
    note(bench, infos.editHtml, round, editRun(sample.htmlMs), detail);
    note(bench, infos.editPdf, round, editRun(sample.pdfMs), detail);
  });
}

/** The edit loop's setup, or why it cannot run in this project. */
async function editLoopFor(project: Project, briefs: readonly string[], tool: Tool): Promise<{ setup: EditLoopSetup } | { skipped: string }> {
  const file = path.join(project.dir, edit.file);
  const text = await readFile(file, 'utf8').catch(() => '');
  if (!briefs.includes(edit.brief)) return { skipped: `the project has no brief ${edit.brief}` };
  if (!text.includes(edit.from) && !text.includes(edit.to)) return { skipped: `${edit.file} no longer holds "${edit.from}"` };
  return { setup: { bin: tool.bin, dir: project.dir, out: project.out, brief: edit.brief, file, from: edit.from, to: edit.to, edits: edit.edits } };
}

/** Each brief's final HTML as the equal-feature peers get it (see footnote-html.ts): made once, untimed. */
async function sameHtml(project: Project, briefs: readonly string[], contentsLabel: string): Promise<Map<string, string>> {
  const html = new Map<string, string>();
  for (const brief of briefs) html.set(brief, footnoteHtml(await readFile(htmlOutputs(project, [brief])[0]!, 'utf8'), contentsLabel));
  return html;
}

/** Install-level problems with a peer (it fails on our Markdown) make it skipped, not fatal. */
async function tryPeer(peer: Peer, dir: string, briefs: readonly string[], concurrency: number): Promise<string | undefined> {
  try {
    await measureOk(peer.command(dir, briefs, concurrency), peer.label);
    return undefined;
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** How busy the machine was while the runs were measured. */
function loadNote(scenarios: readonly ScenarioResult[], cores: number): string {
  const loads = scenarios.flatMap((scenario) => scenario.runs.map((run) => Number(run.detail.load1 ?? 0)));
  const { median, max } = summarize(loads);
  const busy = median > cores + 1 ? ' Other work was competing for the CPUs: absolute times are inflated; the side-by-side ratios are the figures to trust.' : '';
  return `1-minute load average as the runs ended: median ${median.toFixed(1)}, highest ${max.toFixed(1)}, on ${cores} cores (the benchmark itself accounts for about 1–2).${busy}`;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  if (!options) {
    log(usage);
    return 0;
  }
  const started = new Date();
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const browser = findChromium();
  if (!browser) throw new Error('No Chromium or Chrome found (apt-get install -y chromium, or set PUPPETEER_EXECUTABLE_PATH): the benchmark prints PDFs.');
  const machine = describeMachine(browser, started);
  const work = await mkdtemp(path.join(os.tmpdir(), 'briefs-bench-'));
  log(`Benchmark on ${machineLine(machine)}`);
  log(`Working in ${work}; ${options.runs} runs of each scenario.`);
  try {
    log('Compiling and bundling a snapshot of src/ (tsc -p tsconfig.build.json, scripts/bundle.mjs) …');
    const tool = await prepareTool(repo, path.join(work, 'tool'));
    if (tool.compileWarnings) log(`tsc reported problems; the emitted JavaScript is measured as it is:\n${tool.compileWarnings}`);
    const parity = await readParity(tool.dir);
    for (const problem of parity.problems) log(`warning: the floor differs from the pipeline: ${problem}`);
    const api = (await import(pathToFileURL(path.join(tool.dir, 'dist', 'index.js')).href)) as typeof import('../src/index.js');
    const concurrency = api.resolveConfig({ root: work }).concurrency;

    log('Warm-up build of the repository\'s briefs (not measured) …');
    const project = await copyProject(repo, path.join(work, 'repo'));
    const warm = await measureOk(buildCommand(tool, project), 'the warm-up build');
    const briefs = await templateBriefIds(project);
    // Anything the full build made besides the briefs is the handout pack.
    const hasPack = parseSummary(warm.stdout).briefs.some((brief) => !briefs.includes(brief.id));
    const document = await chooseDocument(project, briefs);
    const exported = new Map<string, ExportedMarkdown>();
    for (const brief of briefs) {
      exported.set(brief, exportMarkdown(await readFile(htmlOutputs(project, [brief])[0]!, 'utf8'), brief));
    }

    const peerStatus: { peer: Peer; dir: string; skipped: string | undefined }[] = [];
    // The contents heading in the collection's language, as the pipeline's print step adds it.
    const contentsLabel = api.resolveConfig({ root: project.dir }).language.t('contents');
    let html: Map<string, string> | undefined;
    for (const peer of options.skip.has('peers') ? [] : findPeers(repo, { browser, flags: parity.flags })) {
      const dir = path.join(work, 'peers', peer.id);
      let skipped = peer.skipped;
      if (!skipped) {
        if (peer.equalFeatures) await writeHtml(dir, (html ??= await sameHtml(project, briefs, contentsLabel)));
        else await writeMarkdown(dir, exported);
        log(`Warm-up run of ${peer.label} (not measured) …`);
        skipped = await tryPeer(peer, dir, briefs, concurrency);
      }
      if (skipped) log(`(f) ${peer.label}: skipped, ${skipped}`);
      peerStatus.push({ peer, dir, skipped });
    }

    const editLoop = options.skip.has('edit') ? { skipped: 'left out (--skip edit)' } : await editLoopFor(project, briefs, tool);
    if ('skipped' in editLoop) log(`(g) edit loop: skipped, ${editLoop.skipped}`);

    const sizes = options.skip.has('scale') ? [] : options.sizes;
    const collections: { briefs: number; briefIds: string[]; project: Project }[] = [];
    for (const size of sizes) {
      const dir = path.join(work, `scale-${size}`);
      log(`Generating a collection of ${size} briefs …`);
      await generateCollection(dir, { ...fullCollection, briefs: size }, path.join(repo, 'templates'));
      const collection: Project = { dir, out: path.join(dir, 'output') };
      collections.push({ briefs: size, briefIds: await templateBriefIds(collection), project: collection });
    }

    // (Untimed: the pipeline reads them in its own time, the floor is given them.)
    const fontsFile = path.join(work, 'fonts.css');
    await writeFile(fontsFile, await loadFontCss());
    const bench: Bench = {
      fontsFile,
      tool,
      browser,
      concurrency,
      parity,
      project,
      briefs,
      hasPack,
      document,
      floorOut: path.join(work, 'floor-output'),
      peers: peerStatus.filter((status) => !status.skipped),
      editLoop: 'setup' in editLoop ? editLoop.setup : undefined,
      collections,
      scaleWithPack: hasPack && !options.skip.has('pack'),
      recorder: createRecorder(),
      runs: options.runs,
    };
    for (let round = 1; round <= options.runs; round++) {
      log(`Round ${round} of ${options.runs}`);
      await repositoryRound(bench, round);
      await editLoopRound(bench, round);
      await scaleRound(bench, round);
    }

    const scenarios = bench.recorder.results();
    const get = (id: string) => scenarios.find((scenario) => scenario.id === id);
    const coldBriefs = get(ids.coldBriefs)!;
    const floor = get(ids.floor)!;
    const ratios: Ratio[] = [
      ratio('pipeline/floor', 'cold build of the briefs (no pack) / floor', coldBriefs, floor),
      ratio('full/floor', 'cold full build (pack included) / floor', get(ids.cold)!, floor),
      ratio('pipeline/layout-floor', 'cold build of the briefs (no pack) / layout floor', coldBriefs, get(ids.layoutFloor)!),
      ratio('layout-floor/floor', 'layout floor / floor: what page layout costs', get(ids.layoutFloor)!, floor),
    ];
    const coldEmpty = get(ids.coldBriefsEmpty)!;
    ratios.push(ratio('pipeline-empty/layout-floor', 'cold build of the briefs, empty cache / layout floor', coldEmpty, get(ids.layoutFloor)!));
    for (const { peer } of bench.peers) {
      const kind = peer.equalFeatures ? 'equal features' : 'unequal features, a reference';
      ratios.push(ratio(`${peer.id}/pipeline`, `${peer.label} / cold build of the briefs (${kind})`, get(ids.peer(peer.id))!, coldBriefs));
      ratios.push(ratio(`${peer.id}/pipeline-empty`, `${peer.label} / cold build of the briefs, empty cache (${kind})`, get(ids.peer(peer.id))!, coldEmpty));
    }
    const scale = [
      ...(bench.scaleWithPack ? [analyseScale(scenarios, sizes, ids.scale, 'full build, pack included')] : []),
      analyseScale(scenarios, sizes, ids.scaleBriefs, 'briefs only, no pack'),
    ].filter((analysis): analysis is ScaleAnalysis => analysis !== undefined);
    const peers = peerStatus.map(({ peer, skipped }) => ({ id: peer.id, label: peer.label, version: peer.version, skipped, equalFeatures: peer.equalFeatures }));
    const results: Results = {
      machine,
      settings: {
        runs: options.runs,
        concurrency,
        launchFlags: parity.flags,
        sampleEveryMs,
        scaleSizes: sizes,
        tool: 'a snapshot of src/ compiled and bundled as npm ci does (tsc -p tsconfig.build.json, scripts/bundle.mjs), run as `node bin/briefs.js build --json` (dist/bundle/)',
        compileWarnings: tool.compileWarnings,
        document: { source: document.sourceId, citedBy: document.citedBy },
      },
      load: loadNote(scenarios, machine.cores),
      peers,
      scenarios,
      ratios,
      scale,
      targets: checkTargets(scenarios, ratios, scale, peers, { editLoop: 'skipped' in editLoop ? editLoop.skipped : undefined }),
      notes: [
        hasPack
          ? 'The handout pack is printed from an HTML document the build keeps in memory, so neither floor nor any peer can print it: the floors and the peers are compared with the briefs-only build; the full build\'s ratio (pack included) is shown beside it.'
          : 'This project has no handout pack layout: (a) measures what `briefs build` makes (HTML + PDF of each brief).',
        `The layout floor (b) is the main reference: it runs the pipeline\'s own browser stage (launch, sandboxed page pool, print step with Paged.js) on the same HTML files, in a script of its own, so the cold build over it is what reading, verifying, citing and templating add (the target: at most ${limits.coldOverLayoutFloor}×). It over the bare floor is what page layout (notes at the page foot, contents page numbers, running heads) adds.`,
        `The bare floor (b) launches Chromium with the pipeline's flags (read from src/render/pdf/chromium-command.ts: ${parity.flags.join(' ')}) and prints with its page.pdf options, on ${concurrency} reused pages (the pipeline's default concurrency here). It does only setContent + page.pdf: no request sandbox, no layout script, no notes at the page foot, no PDF metadata. Its ratio is shown for reading; it is no longer a target, since it leaves out the page layout the briefs need.`,
        `The equal-feature peers (f), WeasyPrint and pagedjs-cli, get the same HTML: each brief's final HTML with the preparation the pipeline's print step does in the page before Paged.js runs, done once before the runs and untimed (the pipeline's own scripts, on a linkedom DOM): every note moved into the text at its marker as a span.footnote, which the brief's print sheet floats to the page foot with \`float: footnote\`; the contents added (page numbers by target-counter); the passage links unwrapped. They lay out the same words, notes, contents and running heads with the brief's own stylesheet and fonts, and verify nothing: these are the peers the pipeline must beat. Both convert the briefs ${concurrency} at a time (xargs -P), like the pipeline's pages; pagedjs-cli takes one file per run, so each run launches its own Chromium (the pipeline's, with its flags).`,
        'The other peers (f), pandoc + weasyprint and md-to-pdf, get the same Markdown: each brief\'s final HTML turned back into Markdown (title block, body, notes as GFM footnotes, Sources, charts as SVG images), typeset with their own default stylesheets: no contents, no running heads, their own notes. They do less than the pipeline, so they are shown as references, with a ratio and no target. md-to-pdf\'s Markdown parser (marked) has no footnotes: it prints the [^id] markers and notes as text.',
        `pandoc + weasyprint converts the briefs ${concurrency} at a time (xargs -P), like the pipeline's pages; md-to-pdf converts all files at once in one browser, as its CLI does.`,
        `The edit loop (g) starts \`briefs build --watch\` in the repository's project after each round's builds (its output up to date), then saves ${edit.file} ${edit.edits} times, each time flipping one word of a statement ("stated" ↔ "noted"), and times from each save until output/${edit.brief}.html and .pdf are replaced, then waits for the rebuild to end (the pack and the site follow) before the next save. The first edit after the watcher starts launches the browser and is not recorded: ${edit.edits - 1} edits per round. The watcher's memory is not sampled.`,
        `A failed build (e) is recorded with the time and memory it took until it failed, and leaves the statistics unless every run failed.`,
        'Peak RSS adds up the resident memory of every process in the tree, so pages shared between Chromium processes count more than once: it overstates the real footprint. The memory target is on PSS; the RSS sum is shown beside it as information.',
        ...('skipped' in editLoop ? [`The edit loop (g) did not run: ${editLoop.skipped}.`] : []),
        ...parity.problems.map((problem) => `Floor parity warning: ${problem}.`),
      ],
    };
    const markdown = await writeResults(results, path.join(repo, 'bench', 'results.json'), path.join(repo, 'bench', 'results.md'));
    process.stdout.write(`\n${markdown}\n\nWritten to bench/results.json and bench/results.md.\n`);
    return options.strict && results.targets.some((target) => target.status === 'fail') ? 1 : 0;
  } finally {
    if (options.keep) log(`Kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
