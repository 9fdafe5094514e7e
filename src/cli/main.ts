import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBuild, runCheck, textsOf, type Reporter } from '../build/index.js';
import { resolveConfig, UsageError } from '../config/index.js';
import { BuildError, formatMessage, formatMessages } from '../diagnostics/index.js';
import { parseCommand, usage } from './args.js';

/** What the CLI writes to; injectable for tests. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Run the CLI; resolves to the exit code (0 ok, 1 bad input, 2 bad usage). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.name === 'help') {
      io.out(usage);
      return 0;
    }
    if (command.name === 'version') {
      io.out(version());
      return 0;
    }
    const config = resolveConfig({ root: io.cwd, ...command.options });
    const started = performance.now();
    if (command.name === 'check') {
      const prepared = await runCheck(config);
      for (const warning of prepared.warnings) io.err(formatMessage(warning, { cwd: io.cwd, sources: prepared.texts }));
      const citations = [...prepared.facts.values()].reduce((sum, fact) => sum + fact.citations.length, 0);
      io.out(
        `✓ ${prepared.sources.docs.size} sources, ${prepared.facts.size} facts, ${citations} quotes verified; ` +
          `${prepared.briefs.length} briefs render (${seconds(performance.now() - started)})`,
      );
      return 0;
    }
    const reporter: Reporter = {
      brief: (result) =>
        io.out(
          `✓ ${result.briefId.padEnd(18)} ${result.files.map((file) => path.relative(io.cwd, file)).join(', ')}  ` +
            `${result.notes} notes  ${seconds(result.ms)}`,
        ),
      warn: (message) => io.err(formatMessage(message, { cwd: io.cwd })),
    };
    const result = await runBuild(config, reporter);
    io.out(`Built ${result.briefs.length} briefs in ${seconds(performance.now() - started)}${result.browser ? ` with ${result.browser}` : ''}.`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof BuildError) {
      io.err(formatMessages(error.messages, { cwd: io.cwd, sources: textsOf(error) }));
      const count = error.messages.filter((message) => message.fatal === true).length;
      io.err(`\n✗ ${count} problem${count === 1 ? '' : 's'}; nothing was written and earlier output is unchanged.`);
      return 1;
    }
    throw error;
  }
}
