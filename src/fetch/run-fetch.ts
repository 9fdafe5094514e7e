import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { closest } from 'fastest-levenshtein';
import type { VFileMessage } from 'vfile-message';
import { lockOutput } from '../build/lock.js';
import { attachTexts } from '../build/texts.js';
import { UsageError, type Config } from '../config/index.js';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';
import { createQuoteFinder, loadFacts } from '../facts/index.js';
import { folderCache, readSources } from '../ingest/index.js';
import { allRecords } from './archive.js';
import { checkSource, watchAddress, type CheckContext, type WatchedSource } from './check-source.js';
import { movePins, type PinMove } from './pins.js';
import { driftJsonFile, driftMarkdownFile, driftMarkdown, driftReport, sourceLine, sourceMark } from './report.js';
import { runPerHost, type HostTask } from './schedule.js';
import { knownYears, probeYear, seriesOf, yearsToProbe } from './series.js';
import type { DriftReport, NewDocument, SeriesFailure, SourceDrift } from './types.js';
import { writeAtomic } from './write-atomic.js';

/** How a `briefs fetch` runs. */
export interface FetchRun {
  /** Sources to fetch (default: every watched one). A source named here is fetched even within its `every`. */
  readonly ids: readonly string[];
  /** Move the pin of every source whose quotes all verify in its new version. */
  readonly accept: boolean;
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** One line per source, as each is done. */
  readonly progress: (line: string) => void;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
  /** Wait before the first retry (default 500 ms). */
  readonly backoffMs?: number;
  /** Hosts fetched from at once (default 4); one request at a time per host. */
  readonly hosts?: number;
}

/** What a fetch did: the report, and the files it wrote. */
export interface FetchResult {
  readonly report: DriftReport;
  /** The ids whose pins moved (sources.yaml rewritten). */
  readonly moved: readonly string[];
  readonly reportFiles: readonly string[];
}

const hostOf = (address: string) => {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
};

/** The last run's report, when there is a readable one. */
async function previousReport(outDir: string): Promise<DriftReport | undefined> {
  try {
    const report = JSON.parse(await readFile(path.join(outDir, driftJsonFile), 'utf8')) as DriftReport;
    return Array.isArray(report.sources) ? report : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `briefs fetch`: fetch every watched source (or those named), archive each new version, check
 * every quote citing it against that version, move the pins that are safe to move and wanted,
 * look for new documents of declared yearly series, and write the drift report
 * (output/source-drift.json, output/SOURCE-DRIFT.md). The output folder is locked as a build
 * locks it; sources.yaml is rewritten (atomically) only when a pin moves.
 */
export async function runFetch(config: Config, run: FetchRun): Promise<FetchResult> {
  const now = run.now ?? (() => new Date());
  const lock = await lockOutput(config.out, () => run.progress(`Waiting for a build to finish writing to ${config.out} …`));
  try {
    const cache = folderCache(path.join(config.root, '.cache', 'briefs'));
    const [sources, factsFile] = await Promise.all([readSources(config.sources, { cache }), loadFacts(config.factsPath)]);
    const texts = new Map(sources.texts);
    texts.set(config.factsPath, String(factsFile.file.value));
    const fatal = [...sources.messages, ...factsFile.file.messages].filter((message) => message.fatal === true);
    if (fatal.length > 0) throw attachTexts(new BuildError(fatal), texts);

    const entries = sources.entries;
    for (const id of run.ids) {
      if (!entries.has(id)) {
        const known = [...entries.keys()];
        const near = known.length > 0 ? closest(id, known) : undefined;
        throw new UsageError(`No source ${JSON.stringify(id)} in ${path.relative(config.root, sources.bibliography.path)}${near ? `: did you mean ${JSON.stringify(near)}?` : '.'}`);
      }
    }
    const named = new Set(run.ids);
    const chosen = [...entries.values()].filter(({ entry }) => (named.size > 0 ? named.has(entry.id) : entry.fetch !== undefined));
    const problems: VFileMessage[] = [];
    for (const { entry, line } of chosen) {
      if (watchAddress(entry) !== undefined) continue;
      const message = createMessage(codes.fetchNoAddress, [entry.id], { stage: 'fetch', place: { line, column: 3 } });
      message.file = sources.bibliography.path;
      problems.push(message);
    }
    if (problems.length > 0) throw attachTexts(new BuildError(problems), texts);

    const previous = await previousReport(config.out);
    const previousOf = new Map((previous?.sources ?? []).map((source) => [source.id, source]));
    const watched: WatchedSource[] = chosen.map(({ entry, line }) => {
      const url = watchAddress(entry)!;
      const before = previousOf.get(entry.id);
      return { entry, line, url, ...(before && before.url === url ? { previous: before } : {}) };
    });
    // A named source is fetched now, whatever its `every` says.
    const forced = watched.map((source) => (named.has(source.entry.id) ? { ...source, entry: { ...source.entry, ...(source.entry.fetch ? { fetch: { ...source.entry.fetch, every: undefined } } : {}) } } : source));

    const context: CheckContext = {
      sourcesDir: config.sources,
      cache,
      find: createQuoteFinder(),
      facts: factsFile.facts,
      docs: sources.docs,
      accept: run.accept,
      timeoutMs: run.timeoutMs,
      userAgent: run.userAgent,
      now,
      ...(run.signal ? { signal: run.signal } : {}),
      ...(run.backoffMs !== undefined ? { backoffMs: run.backoffMs } : {}),
    };
    const request = { timeoutMs: run.timeoutMs, maxBytes: 200 * 1024 * 1024, userAgent: run.userAgent, ...(run.signal ? { signal: run.signal } : {}), ...(run.backoffMs !== undefined ? { backoffMs: run.backoffMs } : {}) };

    type Done = { readonly kind: 'source'; readonly drift: SourceDrift; readonly move?: PinMove } | { readonly kind: 'series'; readonly found?: NewDocument; readonly failure?: SeriesFailure };
    const tasks: HostTask<Done>[] = forced.map((source) => ({
      host: hostOf(source.url),
      run: async () => {
        const { drift, move } = await checkSource(source, context);
        return { kind: 'source', drift, ...(move ? { move: { id: source.entry.id, record: move } } : {}) };
      },
    }));
    // New documents of yearly series: only on a run over every watched source.
    const records = named.size === 0 ? await allRecords(config.sources) : [];
    if (named.size === 0) {
      for (const { entry } of entries.values()) {
        const series = seriesOf(entry);
        if (!series) continue;
        const years = yearsToProbe(series, knownYears(series, [...entries.values()].map((item) => item.entry), records), now());
        for (const year of years) {
          tasks.push({ host: hostOf(series.url.replaceAll('{year}', String(year))), run: async () => ({ kind: 'series', ...(await probeYear(series, year, { sourcesDir: config.sources, now, request })) }) });
        }
      }
    }
    const done = await runPerHost(tasks, run.hosts ?? 4, (result) => {
      if (result.kind === 'source') run.progress(`${sourceMark(result.drift)} ${result.drift.id.padEnd(18)} ${sourceLine(result.drift)}`);
      else if (result.found) run.progress(`• ${result.found.id.padEnd(18)} new, not yet curated: ${result.found.url} (series of ${result.found.of}), archived as sources/${result.found.file}`);
      else if (result.failure) run.progress(`✗ ${result.failure.of.padEnd(18)} the ${result.failure.year} document of its series could not be checked: ${result.failure.reason}`);
    });

    const drifts = done.flatMap((result) => (result.kind === 'source' ? [result.drift] : []));
    const moves = done.flatMap((result) => (result.kind === 'source' && result.move ? [result.move] : []));
    const found = done.flatMap((result) => (result.kind === 'series' && result.found ? [result.found] : []));
    const failures = done.flatMap((result) => (result.kind === 'series' && result.failure ? [result.failure] : []));
    // Documents of a series archived by earlier runs and still in no entry: still new.
    const earlier: NewDocument[] = records
      .filter((record) => record.series && !entries.has(record.source) && !found.some((doc) => doc.id === record.source))
      .map((record) => ({ id: record.source, of: record.series!.of, year: record.series!.year, url: record.url, file: record.file, fetched: record.fetched, found: false }));
    const newDocuments = [...earlier, ...found].sort((a, b) => a.year - b.year || (a.id < b.id ? -1 : 1));

    const report = driftReport(now().toISOString(), drifts, newDocuments, failures);
    // Interrupted: what was archived stays (it is only added), but no pin moves on half a run.
    if (run.signal?.aborted) return { report, moved: [], reportFiles: [] };
    const moved = await movePins(sources.bibliography.path, moves);
    const jsonFile = path.join(config.out, driftJsonFile);
    const markdownFile = path.join(config.out, driftMarkdownFile);
    await writeAtomic(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    await writeAtomic(markdownFile, driftMarkdown(report, path.relative(config.root, config.factsPath).split(path.sep).join('/')));
    return { report, moved, reportFiles: [jsonFile, markdownFile] };
  } finally {
    await lock.release();
  }
}
