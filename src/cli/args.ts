import { parseArgs } from 'node:util';
import { evidencePlacements, UsageError, type ConfigInput, type EvidencePlacement } from '../config/index.js';
import { didYouMean } from '../diagnostics/suggest.js';

/** The commands, in the order the usage lists them. */
export const commandNames = ['build', 'preview', 'check', 'fetch', 'sources', 'coverage', 'init'] as const;
export type CommandName = (typeof commandNames)[number];

/** A command line, parsed. */
export interface Command {
  readonly name: CommandName | 'help' | 'version';
  readonly options: ConfigInput;
  /** `--watch`: rebuild on every change until interrupted. */
  readonly watch: boolean;
  /** `--json`: a JSON summary on stdout; progress goes to stderr. */
  readonly json: boolean;
  /** `--quiet`: no progress lines and no summary on success; warnings and errors only. */
  readonly quiet: boolean;
  /** `--root DIR` / `-C DIR`: run as if started in DIR (as given: relative to the current directory). */
  readonly root?: string;
  /** `help` only: the command whose usage to show (`briefs help build`, `briefs build --help`); else the overview. */
  readonly topic?: CommandName;
  /** `briefs fetch` only: the sources named, `--accept`, and `--timeout` in milliseconds. */
  readonly fetch?: { readonly ids: readonly string[]; readonly accept: boolean; readonly timeoutMs: number };
  /** `briefs preview` only: the port to serve on, and whether it was asked for (`--port`: no other then). */
  readonly preview?: { readonly port: number; readonly fixed: boolean };
  /** `briefs init` only: the folder to create the collection in (default `.`) and `--title`. */
  readonly init?: { readonly dir: string; readonly title?: string };
}

/** How long `briefs fetch` waits for one answer, by default. */
export const defaultFetchTimeoutSeconds = 30;

/** What an option takes and says, for parseArgs and for the usage texts. */
interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The name of its value in the usage (`ID`, `DIR`). */
  readonly arg?: string;
  readonly help: string;
}

const optionSpecs = {
  brief: { type: 'string', multiple: true, arg: 'ID', help: 'only this brief (repeatable; default: every template in templates/briefs/)' },
  format: { type: 'string', arg: 'LIST', help: 'html, pdf, docx or a list (html,pdf,docx; default: html,pdf)' },
  paper: { type: 'string', arg: 'SIZE', help: 'a4 or letter (default: a4)' },
  notes: { type: 'string', arg: 'PLACE', help: 'footnotes (at the foot of each PDF page) or endnotes (default: footnotes)' },
  evidence: {
    type: 'string',
    arg: 'WHERE',
    help: 'annex (short passages in the notes, long ones in an Evidence section by note number), notes (every passage in its note) or none (default: annex)',
  },
  out: { type: 'string', arg: 'DIR', help: 'output folder (default: output), outside the sources and templates folders' },
  sources: { type: 'string', arg: 'DIR', help: 'folder with sources.yaml, facts.yaml and documents/ (default: sources)' },
  templates: { type: 'string', arg: 'DIR', help: 'folder with briefs/ and what overrides the built-in partials/, layouts/, styles/, csl/ (default: templates)' },
  force: { type: 'boolean', help: 'rebuild every brief, even those that are up to date' },
  'dry-run': { type: 'boolean', help: 'print what would be rebuilt and why; change nothing' },
  watch: { type: 'boolean', help: 'rebuild on every change of sources/ or templates/ until Ctrl-C' },
  booklet: { type: 'boolean', help: 'also write the handout pack as a booklet for saddle-stitch printing (<pack>-booklet.pdf: two pages a side, on landscape sheets)' },
  json: {
    type: 'boolean',
    help: "print JSON on stdout: a build's or a check's summary (progress goes to stderr), the drift report of a fetch, or the whole listing of sources or coverage",
  },
  accept: { type: 'boolean', help: '(fetch) move the pin of each changed source whose quotes all still verify' },
  timeout: { type: 'string', arg: 'SECONDS', help: `(fetch) how long to wait for one answer (default: 30)` },
  port: { type: 'string', arg: 'PORT', help: '(preview) the port on 127.0.0.1 to serve the output on (default: 4400, or the next free one; 0: any free port)' },
  title: { type: 'string', arg: 'TEXT', help: "(init) the collection's title (default: the folder's name, title-cased)" },
  root: {
    type: 'string',
    short: 'C',
    arg: 'DIR',
    help: 'run as if started in DIR: the collection there (briefs.yaml, sources/, templates/), every path given or printed relative to it (default: the current folder)',
  },
  quiet: { type: 'boolean', short: 'q', help: 'print only warnings and errors: no progress lines, no summary on success (a listing or --json still goes to stdout)' },
  help: { type: 'boolean', short: 'h', help: 'show this text (`briefs help COMMAND`: the options of one command)' },
  version: { type: 'boolean', short: 'v', help: 'show the version' },
} as const satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof optionSpecs;

/** What each command does, and the options it takes (besides --root, --quiet and --help). */
const commandSpecs: Readonly<
  Record<CommandName, { readonly synopsis: string; readonly summary: string; readonly about: string; readonly options: readonly OptionName[]; readonly json?: string }>
> = {
  build: {
    synopsis: 'briefs build [options]',
    summary: 'verify the facts and write the briefs (HTML and PDF) to the output folder',
    about:
      'Verify every quote and write the briefs (HTML and PDF), the index, the source viewer and the handout pack to the output folder. Only what changed since the last build is rebuilt; earlier output stays if anything fails.',
    options: ['brief', 'format', 'paper', 'notes', 'evidence', 'out', 'sources', 'templates', 'force', 'dry-run', 'watch', 'booklet', 'json'],
    json: 'print a JSON summary on stdout (per brief: action, reasons, files); progress goes to stderr',
  },
  preview: {
    synopsis: 'briefs preview [options]',
    summary: 'build, then rebuild on every change (as build --watch) and show the output on 127.0.0.1, reloaded as each brief is rebuilt',
    about:
      'Build the briefs, then rebuild them on every change of the sources or templates, as `briefs build --watch` does, and serve the output folder on 127.0.0.1 (only this machine can reach it). The address it prints opens a page that shows a brief, the index or a PDF, and reloads it, where the reader was, as soon as its rebuilt file is written; a change that does not build is shown there, with the last good output kept. Stop it with Ctrl-C.',
    options: ['brief', 'format', 'paper', 'notes', 'evidence', 'out', 'sources', 'templates', 'port'],
  },
  check: {
    synopsis: 'briefs check [options]',
    summary: 'read the sources, verify every quote and render the templates; no browser, writes nothing',
    about: 'Read the sources, verify every quote, render the templates and lint the result, without a browser; writes nothing. Run it after every edit of the facts.',
    options: ['brief', 'sources', 'templates', 'json'],
    json: 'print a JSON summary on stdout: ok, the numbers of sources, facts, quotes and briefs, and the warnings (or the problems)',
  },
  fetch: {
    synopsis: 'briefs fetch [ID]… [options]',
    summary:
      'fetch the watched sources (`fetch:` in sources.yaml), archive new versions, check every quote against them and write output/SOURCE-DRIFT.md; `briefs fetch ID …` fetches only those',
    about:
      'Fetch the watched sources (`fetch:` in sources.yaml), archive each new version, check every quote against it and write output/SOURCE-DRIFT.md. `briefs fetch ID …` fetches only those sources.',
    options: ['accept', 'timeout', 'sources', 'out', 'json'],
    json: 'print the drift report as JSON on stdout; progress goes to stderr',
  },
  sources: {
    synopsis: 'briefs sources [options]',
    summary: 'list the documents: format, size, digest and the facts that cite each',
    about: 'List the documents: id, title, format, paragraphs and pages, digest, and the facts that cite each. Reads and verifies like check; writes nothing.',
    options: ['sources', 'templates', 'json'],
    json: 'print the whole listing as JSON',
  },
  coverage: {
    synopsis: 'briefs coverage [options]',
    summary: 'facts each brief leaves out, paragraphs no fact cites, TIP report years with no source, new documents fetched and not yet curated',
    about:
      'Show the facts each brief leaves out, the paragraphs of each document no fact cites, the report years no source covers, and the documents `briefs fetch` found that no entry cites yet. Reads and verifies like check; writes nothing.',
    options: ['brief', 'sources', 'templates', 'json'],
    json: 'print the whole report as JSON',
  },
  init: {
    synopsis: 'briefs init [DIR] [options]',
    summary: 'start a new collection in DIR (default: the current folder), with an example source, fact and brief',
    about:
      'Start a new collection in DIR (default: the current folder): briefs.yaml, an example document with its entry in sources/sources.yaml and a fact that quotes it, a brief template in templates/briefs/, a README and a .gitignore. It builds at once with the built-in layouts and styles. Refuses a folder that already holds a briefs.yaml or a non-empty sources/ or templates/; never overwrites a file.',
    options: ['title'],
  },
};

/** Options every command takes. */
const globalOptions: readonly OptionName[] = ['root', 'quiet', 'help'];

const width = 100;
const column = 22;

/** `text` in lines of at most `width` characters, each after `indent` (the first after `first`). */
function wrap(text: string, first: string, indent: string): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += `${empty ? '' : ' '}${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

function optionLine(name: OptionName, help?: string): string {
  const spec: OptionSpec = optionSpecs[name];
  const flag = `  ${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.arg ? ` ${spec.arg}` : ''}`;
  const first = flag.length + 2 > column ? `${flag}\n${' '.repeat(column)}` : flag.padEnd(column);
  return wrap(help ?? spec.help, first, ' '.repeat(column));
}

const footer = `Environment: SOURCE_DATE_EPOCH (seconds) fixes the edition date and the PDF dates, so the same
inputs give byte-identical files.

Exit codes: 0 success, 1 bad input or a failed build (the problems are listed; earlier output is
kept), 2 bad usage (an unknown command, option or brief, a --sources or --templates folder that does
not exist, an --out among the inputs, a folder \`briefs init\` would overwrite, a --port in use),
3 (fetch) a quote no longer verifies in a source's new version (its pin stays), 4 (fetch) a source
could not be fetched (nothing archived; its pin stays), 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM).`;

/** The overview: every command and every option (`briefs help`, `briefs --help`). */
export const usage = [
  'Usage: briefs <command> [options]',
  '',
  'Commands:',
  ...commandNames.map((name) => wrap(commandSpecs[name].summary, `  ${name.padEnd(10)}`, ' '.repeat(12))),
  wrap('show this text; `briefs help COMMAND` (or `briefs COMMAND --help`) shows the options of one command', `  ${'help'.padEnd(10)}`, ' '.repeat(12)),
  '',
  'Options:',
  ...(Object.keys(optionSpecs) as OptionName[]).map((name) => optionLine(name)),
  '',
  footer,
].join('\n');

/** The usage of one command, with only its own options (`briefs help build`, `briefs build --help`). */
export function commandUsage(name: CommandName): string {
  const spec = commandSpecs[name];
  return [
    `Usage: ${spec.synopsis}`,
    '',
    wrap(spec.about, '', ''),
    '',
    'Options:',
    // `(fetch) …` says which command an option belongs to: here that goes without saying.
    ...spec.options.map((option) => optionLine(option, option === 'json' ? spec.json : optionSpecs[option].help.replace(/^\(\w+\) /, ''))),
    ...globalOptions.map((option) => optionLine(option, option === 'help' ? 'show this text' : undefined)),
    '',
    'See `briefs help` for every command.',
  ].join('\n');
}

const isCommand = (name: string): name is CommandName => (commandNames as readonly string[]).includes(name);

/** `Unknown command "biuld": did you mean "build"?`, or the list of commands. */
function unknownCommand(name: string): UsageError {
  const near = didYouMean(name, [...commandNames, 'help']);
  if (near) return new UsageError(`Unknown command ${JSON.stringify(name)}: did you mean ${JSON.stringify(near)}? Use --help to see the commands.`);
  const list = `${commandNames.slice(0, -1).join(', ')} and ${commandNames.at(-1)}`;
  return new UsageError(`Unknown command ${JSON.stringify(name)}. The commands are ${list}; use --help to see them.`);
}

/** parseArgs' complaint as a UsageError: for a mistyped option, with the option meant. */
function optionError(error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '([^']+)'/.exec(message)?.[1] : undefined;
  if (unknown === undefined) return new UsageError(`${message}. Use --help to see the options.`);
  const near = unknown.startsWith('--') ? didYouMean(unknown.slice(2), Object.keys(optionSpecs)) : undefined;
  return new UsageError(`Unknown option ${JSON.stringify(unknown)}${near ? `: did you mean "--${near}"?` : '.'} Use --help to see the options.`);
}

/** Turn argv (without node and the script) into a command. Throws UsageError on misuse. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: optionSpecs });
  } catch (error) {
    throw optionError(error);
  }
  const { values, positionals } = parsed;
  if (values.root !== undefined && values.root.trim() === '') throw new UsageError('--root (-C) takes a folder: the collection to work on.');
  const plain = { options: {}, watch: false, json: false, quiet: values.quiet === true, ...(values.root !== undefined ? { root: values.root } : {}) };
  if (values.version) return { name: 'version', ...plain };
  const [name, ...rest] = positionals;
  if (name === 'help') {
    const [topic, extra] = rest;
    if (extra !== undefined) throw new UsageError(`Unexpected argument ${JSON.stringify(extra)}: \`briefs help COMMAND\` shows one command's options.`);
    if (topic === undefined || topic === 'help') return { name: 'help', ...plain };
    if (!isCommand(topic)) throw unknownCommand(topic);
    return { name: 'help', topic, ...plain };
  }
  if (name === undefined) return { name: 'help', ...plain };
  if (!isCommand(name)) throw unknownCommand(name);
  if (values.help) return { name: 'help', topic: name, ...plain };
  if (name === 'init') {
    if (rest.length > 1) throw new UsageError(`Unexpected argument ${JSON.stringify(rest[1])}: \`briefs init\` takes one folder.`);
    const foreign = (Object.keys(values) as OptionName[]).find((option) => option !== 'title' && !globalOptions.includes(option));
    if (foreign) throw new UsageError(`--${foreign} does not go with \`briefs init\`. Use \`briefs help init\` to see its options.`);
    const title = values.title?.trim();
    if (title === '') throw new UsageError('--title takes the title of the collection.');
    return { name: 'init', ...plain, init: { dir: rest[0] ?? '.', ...(title ? { title } : {}) } };
  }
  if (values.title !== undefined) throw new UsageError(`--title goes with \`briefs init\`, not \`briefs ${name}\`.`);
  if (name !== 'preview' && values.port !== undefined) throw new UsageError(`--port goes with \`briefs preview\`, not \`briefs ${name}\`.`);
  let preview: Command['preview'];
  if (name === 'preview') {
    const port = values.port === undefined ? 4400 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number (1–65535, or 0 for any free one), not ${JSON.stringify(values.port)}.`);
    if (values.json) throw new UsageError('--json does not go with `briefs preview`.');
    preview = { port, fixed: values.port !== undefined };
  }
  if (name !== 'fetch' && (values.accept || values.timeout !== undefined)) {
    throw new UsageError(`--accept and --timeout go with \`briefs fetch\`, not \`briefs ${name}\`.`);
  }
  let fetch: Command['fetch'];
  if (name === 'fetch') {
    const seconds = values.timeout === undefined ? defaultFetchTimeoutSeconds : Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout takes a number of seconds, not ${JSON.stringify(values.timeout)}.`);
    fetch = { ids: rest, accept: values.accept === true, timeoutMs: Math.round(seconds * 1000) };
  } else if (rest.length > 0) throw new UsageError(`Unexpected argument ${JSON.stringify(rest[0])}. Use --help to see the options.`);
  const formats = values.format?.split(',').map((format) => format.trim()).filter(Boolean);
  for (const format of formats ?? []) {
    if (format !== 'html' && format !== 'pdf' && format !== 'docx') throw new UsageError(`Unknown format ${JSON.stringify(format)}: use html, pdf, docx or a list such as html,pdf.`);
  }
  const paper = values.paper?.toLowerCase();
  if (paper !== undefined && paper !== 'a4' && paper !== 'letter') {
    throw new UsageError(`Unknown paper size ${JSON.stringify(values.paper)}: use a4 or letter.`);
  }
  if (name !== 'build' && (values.force || values['dry-run'] || values.watch)) {
    throw new UsageError(`--force, --dry-run and --watch go with \`briefs build\`, not \`briefs ${name}\`.`);
  }
  if (name !== 'build' && values.booklet) throw new UsageError(`--booklet goes with \`briefs build\`, not \`briefs ${name}\`.`);
  if (values.watch && values['dry-run']) throw new UsageError('--watch and --dry-run cannot be used together.');
  const notes = values.notes?.toLowerCase();
  if (notes !== undefined && notes !== 'footnotes' && notes !== 'endnotes') {
    throw new UsageError(`Unknown note placement ${JSON.stringify(values.notes)}: use footnotes or endnotes.`);
  }
  const evidence = values.evidence?.toLowerCase();
  if (evidence !== undefined && !(evidencePlacements as readonly string[]).includes(evidence)) {
    throw new UsageError(`Unknown evidence placement ${JSON.stringify(values.evidence)}: use annex, notes or none.`);
  }
  const options: ConfigInput = {
    ...(notes ? { notes } : {}),
    ...(evidence ? { evidence: evidence as EvidencePlacement } : {}),
    ...(values.force ? { force: true } : {}),
    ...(values.booklet ? { booklet: true } : {}),
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values.brief ? { briefs: values.brief } : {}),
    ...(formats ? { formats: formats as Array<'html' | 'pdf' | 'docx'> } : {}),
    ...(paper ? { paper } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(values.sources ? { sources: values.sources } : {}),
    ...(values.templates ? { templates: values.templates } : {}),
  };
  return { ...plain, name, options, watch: values.watch === true, json: values.json === true, ...(fetch ? { fetch } : {}), ...(preview ? { preview } : {}) };
}
