import { writeFile } from 'node:fs/promises';
import { machineLine, type Machine } from './machine.js';
import type { ScenarioResult } from './scenario.js';
import { summarize } from './stats.js';
import type { Ratio, ScaleAnalysis, TargetResult } from './targets.js';

/** Everything a benchmark found: written to bench/results.json. */
export interface Results {
  readonly machine: Machine;
  readonly settings: {
    readonly runs: number;
    /** Pages the pipeline renders at once (its default on this machine); the floor uses the same. */
    readonly concurrency: number;
    /** The Chromium flags of the pipeline, which the floor and md-to-pdf are launched with. */
    readonly launchFlags: readonly string[];
    readonly sampleEveryMs: number;
    readonly scaleSizes: readonly number[];
    readonly tool: string;
    readonly compileWarnings: string | undefined;
    readonly document: { readonly source: string; readonly citedBy: readonly string[] } | undefined;
  };
  /** How busy the machine was during the runs (1-minute load average). */
  readonly load: string;
  readonly peers: readonly {
    readonly id: string;
    readonly label: string;
    readonly version: string | undefined;
    readonly skipped: string | undefined;
    /** Same HTML, same pages (a target to beat), or same Markdown typeset its own way (a reference). */
    readonly equalFeatures: boolean;
  }[];
  readonly scenarios: readonly ScenarioResult[];
  readonly ratios: readonly Ratio[];
  readonly scale: readonly ScaleAnalysis[];
  readonly targets: readonly TargetResult[];
  readonly notes: readonly string[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
// The edit loop times files inside a long-running watcher, whose memory it does not sample.
const memory = (bytes: number) => (bytes > 0 ? megabytes(bytes) : '–');
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
const times = (value: number) => `${value.toFixed(2)}×`;

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

/** The ratio shown next to a scenario. */
function ratioCell(scenario: ScenarioResult, results: Results): string {
  const find = (id: string) => results.ratios.find((r) => r.id === id);
  if (scenario.id === 'cold') {
    const r = find('full/floor');
    return r ? `${times(r.ofMedians)} the floor's time` : '';
  }
  if (scenario.id === 'cold-briefs') {
    // The layout floor is the reference the target is on; the bare floor's ratio for reading.
    const layout = find('pipeline/layout-floor');
    const bare = find('pipeline/floor');
    return [layout ? `${times(layout.ofMedians)} the layout floor's time` : '', bare ? `${times(bare.ofMedians)} the floor's` : ''].filter(Boolean).join('; ');
  }
  if (scenario.id === 'cold-briefs-empty-cache') {
    const layout = find('pipeline-empty/layout-floor');
    const peers = results.ratios.filter((r) => r.id.endsWith('/pipeline-empty') && results.peers.some((peer) => peer.equalFeatures && r.id === `${peer.id}/pipeline-empty`));
    return [layout ? `${times(layout.ofMedians)} the layout floor's time` : '', ...peers.map((r) => `${r.id.split('/')[0]}: ${times(r.ofMedians)} this`)].filter(Boolean).join('; ');
  }
  if (scenario.id === 'floor') return '1.00× (the floor)';
  if (scenario.id === 'floor-layout') {
    const over = find('layout-floor/floor');
    const under = find('pipeline/layout-floor');
    return over && under ? `${times(over.ofMedians)} the floor's time; the briefs' cold build is ${times(under.ofMedians)} this` : '';
  }
  if (scenario.id.startsWith('peer-')) {
    const id = scenario.id.slice('peer-'.length);
    const r = find(`${id}/pipeline`);
    const equal = results.peers.find((peer) => peer.id === id)?.equalFeatures;
    return r ? `${times(r.ofMedians)} the pipeline's time${equal ? '' : ' (unequal features: a reference, no target)'}` : '';
  }
  if (scenario.id === 'edit-html' || scenario.id === 'edit-pdf') {
    // The whole rebuild (the pack and the site after the brief) ends later: shown beside it.
    const settled = scenario.runs.flatMap((run) => (typeof run.detail.settledMs === 'number' ? [run.detail.settledMs] : []));
    const failed = scenario.failures > 0 ? `; ${scenario.failures} of ${scenario.runs.length} runs FAILED` : '';
    return `${scenario.time.n} edits${failed}` + (settled.length > 0 ? `; the whole rebuild (pack, site) ended after ${seconds(summarize(settled).median)} (median)` : '');
  }
  if (scenario.id.startsWith('scale-')) {
    const briefs = Number.parseInt(scenario.id.slice('scale-'.length), 10);
    const failed = scenario.failures > 0 ? `; ${scenario.failures} of ${scenario.runs.length} runs FAILED` : '';
    return `${Math.round(scenario.time.median / briefs)} ms per brief${failed}`;
  }
  return '';
}

const statusCell: Record<TargetResult['status'], string> = { pass: '✓ pass', fail: '✗ fail', skipped: '– skipped', info: 'information' };

/** The Markdown tables: scenarios, scale fit, targets. */
export function renderMarkdown(results: Results): string {
  const scenarios = table(
    ['scenario', 'median', 'min', 'max', 'spread', 'peak RSS', 'peak PSS', 'ratio'],
    results.scenarios.map((s) => [
      `(${s.letter}) ${s.label}`,
      seconds(s.time.median),
      seconds(s.time.min),
      seconds(s.time.max),
      percent(s.time.spread),
      memory(s.peakRss.median),
      memory(s.peakPss.median),
      ratioCell(s, results),
    ]),
  );
  const skipped = results.peers.filter((peer) => peer.skipped).map((peer) => `(f) ${peer.label}: skipped, ${peer.skipped}.`);
  const scale = results.scale.map(
    (series) =>
      `Scale, ${series.series}: marginal cost ${Math.round(series.time.slope)} ms per brief (least-squares slope over ` +
      `${series.points.map((p) => p.briefs).join(', ')} briefs, fixed cost ${seconds(series.time.intercept)}, ` +
      `R² = ${series.time.r2.toFixed(3)}); memory ${(series.memory.slope / 1e6).toFixed(1)} MB (RSS sum) per brief.` +
      series.failures.map((f) => ` ${f.briefs} briefs: ${f.runs} of the runs failed (${f.reason}).`).join(''),
  );
  const targets = table(
    ['target', 'limit', 'measured', 'result'],
    results.targets.map((t) => [t.label, t.limit, t.measured, statusCell[t.status]]),
  );
  return [
    `Machine: ${machineLine(results.machine)}. ${results.settings.runs} runs of each scenario, interleaved (one round runs every scenario once); ` +
      `${results.machine.date.slice(0, 10)}. Spread = (max − min) / median. Peak RSS and PSS (medians) are sums over Node and all its Chromium processes (the shell and the peer's own processes for a peer), sampled every ${results.settings.sampleEveryMs} ms; the RSS sum counts pages shared between processes once per process, PSS divides them; the edit loop (g) times files in a running watcher and samples no memory (–).`,
    '',
    results.load,
    '',
    scenarios,
    '',
    ...(skipped.length > 0 ? [...skipped, ''] : []),
    ...scale.flatMap((line) => [line, '']),
    targets,
  ].join('\n');
}

/** Write bench/results.json and bench/results.md. */
export async function writeResults(results: Results, jsonFile: string, markdownFile: string): Promise<string> {
  const markdown = renderMarkdown(results);
  await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(
    markdownFile,
    [
      '# Benchmark results',
      '',
      'Written by `npm run bench` (bench/run.ts); the raw runs are in results.json.',
      '',
      markdown,
      '',
      ...results.notes.map((note) => `- ${note}`),
      '',
    ].join('\n'),
  );
  return markdown;
}
