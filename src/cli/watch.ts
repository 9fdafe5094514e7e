import { watch } from 'chokidar';
import path from 'node:path';
import { runBuild, type Reporter } from '../build/index.js';
import { builtinTemplatesDir, type Config } from '../config/index.js';
import { createWorkerPrinter } from '../build/worker-printer.js';
import type { Io } from './main.js';
import { interruptedCode, reportFailure } from './main.js';

/** Wait after the last change before rebuilding, so a save of several files builds once. */
export const debounceMs = 50;

/**
 * `briefs build --watch`: build, then rebuild on every change of the sources or templates
 * (debounced), with one browser kept warm. Bad input prints its problems and keeps the last
 * good output; watching goes on until the signal aborts.
 */
/** What a watch session tells whoever shows its output (the preview). */
export interface WatchHooks {
  /** A rebuild starts. */
  readonly building?: () => void;
  /** Files were written (absolute paths): a brief's, as soon as it is ready, then the rest. */
  readonly written?: (files: readonly string[]) => void;
  /** A build finished: its summary line. */
  readonly built?: (summary: string) => void;
  /** A build failed: its problems, as printed. */
  readonly failed?: (problems: string) => void;
}

export async function watchAndBuild(
  config: Config,
  reporter: Reporter,
  io: Io,
  options: { readonly quiet?: boolean; readonly hooks?: WatchHooks } = {},
): Promise<number> {
  const hooks = options.hooks ?? {};
  // `--quiet`: no "Changed:" and "Watching …" lines; the problems of a failed rebuild still show.
  const progress = options.quiet ? () => undefined : io.err;
  const printer = createWorkerPrinter(config.concurrency);
  // The collection's templates override the tool's built-in ones file by file: an edit of either
  // (a built-in style while working on the tool) rebuilds what shows it.
  const watcher = watch([config.sources, config.templates, builtinTemplatesDir], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 60, pollInterval: 20 } });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  let changed: string[] = [];

  const build = async () => {
    const files = changed;
    changed = [];
    if (files.length > 0) progress(`\nChanged: ${files.map((file) => path.relative(io.cwd, file)).join(', ')}`);
    hooks.building?.();
    try {
      const result = await runBuild(config, {
        reporter,
        printer,
        writeEach: true,
        ...(hooks.written ? { onWritten: hooks.written } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
      });
      const built = result.briefs.filter((brief) => brief.action === 'built').length;
      hooks.built?.(built === 0 ? 'everything up to date' : `${built} rebuilt`);
      progress(`Watching ${path.relative(io.cwd, config.sources) || '.'} and ${path.relative(io.cwd, config.templates) || '.'} (Ctrl-C to stop) …`);
    } catch (error) {
      if (io.signal?.aborted) return;
      const problems: string[] = [];
      reportFailure(error, { ...io, err: (line) => (problems.push(line), io.err(line)) }, false);
      hooks.failed?.(problems.join('\n'));
      io.err('Kept the last good output; watching for a fix …');
    }
  };
  const schedule = (file: string) => {
    changed.push(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (pending) return;
      pending = true;
      running = running.then(async () => {
        pending = false;
        await build();
      });
    }, debounceMs);
  };
  watcher.on('all', (_event, file) => schedule(file));

  try {
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    running = build();
    await running;
    await new Promise<void>((resolve) => {
      if (io.signal?.aborted) resolve();
      io.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    return interruptedCode(io.signal);
  } finally {
    clearTimeout(timer);
    await watcher.close();
    await running.catch(() => undefined);
    await printer.close();
  }
}
