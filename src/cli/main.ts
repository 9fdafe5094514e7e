import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestName, runBuild, runCheck, textsOf, type BuildResult, type Reporter } from '../build/index.js';
import { resolveConfig, UsageError, type Config } from '../config/index.js';
import { checkFolders, nearMiss } from '../config/folders.js';
import type { VFileMessage } from 'vfile-message';
import { BuildError, formatMessage, formatMessages } from '../diagnostics/index.js';
import { commandUsage, parseCommand, usage, type Command } from './args.js';
import type { PrintThread } from '../build/worker-printer.js';

/** What the CLI writes to and listens on; injectable for tests. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
  /** Aborted on Ctrl-C / SIGTERM (the CLI entry wires process signals to it). */
  readonly signal?: AbortSignal;
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
};

function version(): string {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The exit code for an interrupted run: 128 + the signal number. */
export function interruptedCode(signal: AbortSignal | undefined): number {
  return String(signal?.reason).includes('SIGTERM') ? 143 : 130;
}

/** Progress lines for people: one per brief (none with `quiet`: warnings only). */
export function consoleReporter(io: Io, config: Config, json: boolean, quiet = false): Reporter {
  const line = quiet ? () => undefined : json ? io.err : io.out;
  return {
    brief: (result) => {
      const files = result.files.map((file) => path.relative(io.cwd, file)).join(', ');
      if (result.action === 'up to date') line(`✓ ${result.briefId.padEnd(18)} up to date`);
      else if (result.action === 'would build') line(`• ${result.briefId.padEnd(18)} would rebuild: ${result.reasons.join('; ')}`);
      else if (result.action === 'would remove') line(`• ${result.briefId.padEnd(18)} would remove ${files}: ${result.reasons.join('; ')}`);
      else if (result.action === 'removed') line(`✓ ${result.briefId.padEnd(18)} removed ${files}: ${result.reasons.join('; ')}`);
      else if (result.briefId === '(site)') line(`✓ ${result.briefId.padEnd(18)} rebuilt: ${result.reasons.join('; ')}\n  ${result.files.length} pages (index.html, sources/)  ${seconds(result.ms)}`);
      else line(`✓ ${result.briefId.padEnd(18)} rebuilt: ${result.reasons.join('; ')}\n  ${files}  ${result.notes} notes  ${seconds(result.ms)}`);
    },
    warn: (message) => io.err(formatMessage(message, { cwd: io.cwd })),
    info: (text) => {
      if (!quiet) io.err(text.replace(config.out, path.relative(io.cwd, config.out) || '.'));
    },
  };
}

/** Pseudo briefs (in parentheses): what a summary calls them. */
const collectionOutputs: Readonly<Record<string, string>> = { '(handout pack)': 'the handout pack', '(site)': 'the index and source viewer' };

/**
 * `Built 2 of 3 briefs and the index and source viewer`, or `Everything up to date`; with
 * `; removed the outputs of 1 retired brief (old-brief)` when a brief's template was deleted.
 */
export function builtSummary(result: BuildResult): string {
  const briefs = result.briefs.filter((brief) => !(brief.briefId in collectionOutputs) && brief.action !== 'removed');
  const built = briefs.filter((brief) => brief.action === 'built').length;
  const others = result.briefs.filter((brief) => brief.briefId in collectionOutputs && brief.action === 'built').map((brief) => collectionOutputs[brief.briefId]);
  const retired = result.briefs.filter((brief) => brief.action === 'removed').map((brief) => brief.briefId);
  const removed = retired.length > 0 ? `the outputs of ${plural(retired.length, 'retired brief')} (${retired.join(', ')})` : undefined;
  if (built === 0 && others.length === 0) return removed ? `Removed ${removed}` : 'Everything up to date';
  const parts = [...(built > 0 ? [`${built} of ${briefs.length} brief${briefs.length === 1 ? '' : 's'}`] : []), ...others];
  return `Built ${parts.join(' and ')}${removed ? `; removed ${removed}` : ''}`;
}

/** What `briefs check --json` prints on success. */
export function checkJson(counts: { readonly sources: number; readonly facts: number; readonly quotes: number; readonly briefs: number; readonly warnings: readonly VFileMessage[] }): string {
  const { warnings, ...rest } = counts;
  return JSON.stringify(
    { ok: true, ...rest, warnings: warnings.map((m) => ({ file: m.file, line: m.line, column: m.column, code: m.ruleId, message: m.reason })) },
    null,
    2,
  );
}

/** The `--json` summary of a build. */
export function jsonSummary(result: BuildResult, cwd: string, ms: number): string {
  return JSON.stringify(
    {
      ok: true,
      ms: Math.round(ms),
      launchedBrowser: result.launchedBrowser,
      lintWarnings: result.lintWarnings ?? 0,
      briefs: result.briefs.map((brief) => ({
        id: brief.briefId,
        action: brief.action,
        reasons: brief.reasons,
        files: brief.files.map((file) => path.relative(cwd, file)),
        notes: brief.notes,
      })),
      removed: result.plan.remove,
      warnings: result.warnings.map((warning) => ({ file: warning.file, line: warning.line, code: warning.ruleId, message: warning.reason })),
    },
    null,
    2,
  );
}

/** `--root DIR`: a folder that does not exist (or is a file) is a usage error, with the folder meant. */
async function checkRoot(command: Command, io: Io): Promise<void> {
  if (command.root === undefined) return;
  const kind = await stat(io.cwd).then((info) => (info.isDirectory() ? 'folder' : 'file'), () => 'missing' as const);
  if (kind === 'folder') return;
  const near = kind === 'missing' ? await nearMiss(io.cwd) : undefined;
  const problem = kind === 'file' ? `is a file, not a folder (${io.cwd})` : `does not exist: there is no ${io.cwd}`;
  const help = near ? `Did you mean \`${path.join(path.dirname(command.root), near)}\`?` : 'Point --root at the folder of the collection (the one with briefs.yaml, sources/ and templates/).';
  throw new UsageError(`The folder ${JSON.stringify(command.root)} (--root) ${problem}. ${help}`);
}

/** `briefs init [DIR]`: write a new collection; print what was written and what to run next. */
async function runInit(command: Command, io: Io, startedIn: string): Promise<number> {
  const { initCollection } = await import('../init/index.js');
  const given = command.init?.dir ?? '.';
  const result = await initCollection(path.resolve(io.cwd, given), { ...(command.init?.title ? { title: command.init.title } : {}), shown: given });
  if (command.quiet) return 0;
  // The next commands as typed where the user is: with --root, unless that is the collection.
  const named = path.relative(startedIn, result.dir);
  const root = named === '' ? '' : ` --root ${/^[\w./\\:-]+$/.test(named) ? named : JSON.stringify(named)}`;
  const inside = (file: string) => (named === '' ? file : path.join(named, file));
  io.out(`Started the collection ${JSON.stringify(result.title)} in ${named === '' ? 'this folder' : named}:`);
  for (const file of result.written) io.out(`  ${file}`);
  for (const file of result.kept) io.out(`  ${file} (already there: kept as it was)`);
  io.out('');
  io.out('Next:');
  io.out(`  npx briefs${root} check   verify the example's quote (no browser; writes nothing)`);
  io.out(`  npx briefs${root} build   write the briefs, HTML and PDF, to ${inside('output')}${path.sep}`);
  io.out(`Then edit briefs.yaml and add your own documents and facts: ${inside('README.md')} says how.`);
  return 0;
}

async function runCommand(command: Command, io: Io, startedIn: string = io.cwd): Promise<number> {
  await checkRoot(command, io);
  if (command.name === 'init') return runInit(command, io, startedIn);
  // A first build (no previous one in the output folder the command line names, or the
  // default) starts its print worker's thread now: the thread boots while the configuration is
  // read, and the browser starts the moment the build finds nothing to rebuild from. (A guess:
  // wrong, it costs a thread's start, or the thread starts later as it otherwise would.)
  const firstBuild = !existsSync(path.join(path.resolve(io.cwd, command.options.out ?? 'output'), manifestName));
  const mayPrint = command.name === 'build' && firstBuild && !command.watch && !command.options.dryRun && (command.options.formats?.includes('pdf') ?? true);
  const printThread = mayPrint ? (await import('../build/worker-printer.js')).startPrintThread() : undefined;
  try {
    return await runConfigured(command, io, printThread);
  } finally {
    await printThread?.stop();
  }
}

async function runConfigured(command: Command, io: Io, printThread: PrintThread | undefined): Promise<number> {
  const config = resolveConfig({ root: io.cwd, ...command.options });
  // A mistyped --templates or --sources is a usage error here, not a build from no templates.
  await checkFolders(command.options, config);
  const started = performance.now();
  if (command.name === 'check') {
    const prepared = await runCheck(config);
    for (const warning of prepared.warnings) io.err(formatMessage(warning, { cwd: io.cwd, sources: prepared.texts }));
    const citations = [...prepared.facts.values()].reduce((sum, fact) => sum + fact.citations.length, 0);
    if (command.json) {
      io.out(checkJson({ sources: prepared.sources.docs.size, facts: prepared.facts.size, quotes: citations, briefs: prepared.briefs.length, warnings: prepared.warnings }));
      return 0;
    }
    if (!command.quiet) io.out(
      `✓ ${plural(prepared.sources.docs.size, 'source')}, ${plural(prepared.facts.size, 'fact')}, ${plural(citations, 'quote')} verified; ` +
        `${plural(prepared.briefs.length, 'brief')} ${prepared.briefs.length === 1 ? 'renders' : 'render'} (${seconds(performance.now() - started)})`,
    );
    return 0;
  }
  if (command.name === 'fetch' && command.fetch) {
    const { brokenQuoteText, driftMarkdownFile, fetchExitCode, runFetch } = await import('../fetch/index.js');
    const { report, moved } = await runFetch(config, {
      ...command.fetch,
      // Wikimedia and other sites ask a bot to say how to reach whoever runs it.
      userAgent: `briefs/${version()} (briefs fetch; ${process.env['BRIEFS_FETCH_CONTACT'] ? `${process.env['BRIEFS_FETCH_CONTACT']}; ` : ''}Node.js ${process.versions.node})`,
      progress: command.quiet ? () => undefined : command.json ? io.err : io.out,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    if (io.signal?.aborted) return interruptedCode(io.signal);
    const code = fetchExitCode(report);
    if (command.json) {
      io.out(JSON.stringify({ ok: code === 0, exitCode: code, ...report }, null, 2));
    } else {
      const { summary } = report;
      const said = [
        `${plural(summary.checked, 'source')} checked`,
        ...(summary.changed > 0 ? [`${summary.changed} changed`] : []),
        ...(moved.length > 0 ? [`${moved.length === 1 ? 'pin' : 'pins'} moved: ${moved.join(', ')} (the next build rebuilds what cites ${moved.length === 1 ? 'it' : 'them'})`] : []),
        ...(summary.pending.length > 0 ? [`safe to move with --accept: ${summary.pending.join(', ')}`] : []),
        ...(summary.brokenQuotes > 0 ? [`${plural(summary.brokenQuotes, 'quote')} no longer ${summary.brokenQuotes === 1 ? 'verifies' : 'verify'} upstream`] : []),
        ...(summary.failed > 0 ? [`${summary.failed} could not be fetched`] : []),
        ...(report.newDocuments.length > 0 ? [`${plural(report.newDocuments.length, 'new document')} not yet curated`] : []),
      ];
      const broken = report.sources.flatMap((source) => source.quotes.filter((quote) => quote.status !== 'unchanged' && quote.status !== 'moved').map((quote) => ({ source, quote })));
      if (broken.length > 0) {
        const factsFile = path.relative(io.cwd, config.factsPath);
        io.out('');
        for (const { source, quote } of broken) io.out(`✗ fact ${quote.fact} (${factsFile}:${quote.line}), source ${source.id}: “${quote.quote.length > 160 ? `${quote.quote.slice(0, 159)}…` : quote.quote}” ${brokenQuoteText(quote)}`);
      }
      if (!command.quiet) io.out(`\n${said.join('; ')}. Drift report: ${path.relative(io.cwd, path.join(config.out, driftMarkdownFile))}.`);
    }
    return code;
  }
  if (command.name === 'sources' || command.name === 'coverage') {
    // Loaded only for these commands: a build (above all a no-op build) never needs them.
    const [{ coverage, listSources }, { coverageJson, coverageText, sourcesJson, sourcesText }] = await Promise.all([
      import('../curation/index.js'),
      import('./print-curation.js'),
    ]);
    const prepared = await runCheck(config);
    const warnings = prepared.warnings.length;
    if (warnings > 0) io.err(`${plural(warnings, 'warning')}: \`briefs check\` lists ${warnings === 1 ? 'it' : 'them'}.`);
    if (command.name === 'sources') {
      const sources = listSources(prepared);
      io.out(command.json ? sourcesJson(sources, io.cwd) : sourcesText(sources));
    } else {
      const { allRecords } = await import('../fetch/index.js');
      const uncurated = (await allRecords(config.sources)).flatMap((record) =>
        record.series ? [{ id: record.source, year: record.series.year, of: record.series.of, url: record.url, file: record.file, fetched: record.fetched }] : [],
      );
      const report = coverage(prepared, config.edition, uncurated);
      io.out(command.json ? coverageJson(report) : coverageText(report));
    }
    return 0;
  }
  const reporter = consoleReporter(io, config, command.json, command.quiet);
  if (command.name === 'preview') {
    const { runPreview } = await import('../preview/index.js');
    const { port, fixed } = command.preview ?? { port: 4400, fixed: false };
    return runPreview(config, reporter, io, { port, fixedPort: fixed, quiet: command.quiet });
  }
  if (command.watch) {
    const { watchAndBuild } = await import('./watch.js');
    return watchAndBuild(config, reporter, io, { quiet: command.quiet });
  }
  const result = await runBuild(config, { reporter, ...(io.signal ? { signal: io.signal } : {}), ...(printThread ? { printThread } : {}) });
  const ms = performance.now() - started;
  if (command.json) {
    io.out(jsonSummary(result, io.cwd, ms));
  } else if (!command.quiet) {
    const verb = config.dryRun ? 'Planned' : builtSummary(result);
    const lint = result.lintWarnings ?? 0;
    const editorial = lint > 0 ? ` ${plural(lint, 'editorial warning')}: \`briefs check\` lists ${lint === 1 ? 'it' : 'them'}.` : '';
    io.out(`${verb} in ${seconds(ms)}${result.browser ? ` with ${result.browser}` : ''}.${editorial}`);
  }
  return 0;
}

/** Print a failure; return its exit code. */
export function reportFailure(error: unknown, io: Io, json: boolean): number {
  if (error instanceof UsageError) {
    io.err(error.message);
    return 2;
  }
  if (error instanceof BuildError) {
    io.err(formatMessages(error.messages, { cwd: io.cwd, sources: textsOf(error) }));
    const count = error.messages.filter((message) => message.fatal === true).length;
    // Only a rollback that failed (output-restore) leaves the output folder changed: say so then.
    const restored = !error.messages.some((message) => message.ruleId === 'output-restore');
    const outcome = restored ? 'nothing was written and earlier output is unchanged' : 'some earlier output could not be put back (see above)';
    io.err(`\n✗ ${count} problem${count === 1 ? '' : 's'}; ${outcome}.`);
    if (json) {
      io.out(JSON.stringify({ ok: false, problems: error.messages.map((m) => ({ file: m.file, line: m.line, column: m.column, code: m.ruleId, message: m.reason })) }, null, 2));
    }
    return io.signal?.aborted ? interruptedCode(io.signal) : 1;
  }
  throw error;
}

/** Run the CLI; resolves to the exit code (0 ok, 1 bad input, 2 bad usage, 130/143 interrupted). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    return reportFailure(error, io, false);
  }
  if (command.name === 'help') {
    io.out(command.topic ? commandUsage(command.topic) : usage);
    return 0;
  }
  if (command.name === 'version') {
    io.out(version());
    return 0;
  }
  // `--root DIR`: as if started in DIR: paths given and printed are relative to it.
  const at: Io = command.root === undefined ? io : { ...io, cwd: path.resolve(io.cwd, command.root) };
  try {
    return await runCommand(command, at, io.cwd);
  } catch (error) {
    return reportFailure(error, at, command.json);
  }
}
