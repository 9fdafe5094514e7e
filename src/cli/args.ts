import { parseArgs } from 'node:util';
import { evidencePlacements, UsageError, type ConfigInput, type EvidencePlacement } from '../config/index.js';

/** A command line, parsed. */
export interface Command {
  readonly name: 'build' | 'check' | 'sources' | 'coverage' | 'fetch' | 'help' | 'version';
  readonly options: ConfigInput;
  /** `--watch`: rebuild on every change until interrupted. */
  readonly watch: boolean;
  /** `--json`: a JSON summary on stdout; progress goes to stderr. */
  readonly json: boolean;
  /** `briefs fetch` only: the sources named, `--accept`, and `--timeout` in milliseconds. */
  readonly fetch?: { readonly ids: readonly string[]; readonly accept: boolean; readonly timeoutMs: number };
}

/** How long `briefs fetch` waits for one answer, by default. */
export const defaultFetchTimeoutSeconds = 30;

export const usage = `Usage: briefs <command> [options]

Commands:
  build     verify the facts and write the briefs (HTML and PDF) to the output folder
  check     read the sources, verify every quote and render the templates; no browser, writes nothing
  fetch     fetch the watched sources (\`fetch:\` in sources.yaml), archive new versions, check
            every quote against them and write output/SOURCE-DRIFT.md; \`briefs fetch ID …\`
            fetches only those
  sources   list the documents: format, size, digest and the facts that cite each
  coverage  facts each brief leaves out, paragraphs no fact cites, TIP report years with no source,
            new documents fetched and not yet curated
  help      show this text

Options:
  --brief ID          build only this brief (repeatable; default: every template in templates/briefs/)
  --format LIST       html, pdf or html,pdf (default: html,pdf)
  --paper SIZE        a4 or letter (default: a4)
  --notes PLACE       footnotes (at the foot of each PDF page) or endnotes (default: footnotes)
  --evidence WHERE    annex (short passages in the notes, long ones in an Evidence section by
                      note number), notes (every passage in its note) or none (default: annex)
  --out DIR           output folder (default: output), outside the sources and templates folders
  --sources DIR       folder with sources.yaml, facts.yaml and documents/ (default: sources)
  --templates DIR     folder with briefs/, partials/, layouts/, styles/, csl/ (default: templates)
  --force             rebuild every brief, even those that are up to date
  --dry-run           print what would be rebuilt and why; change nothing
  --watch             rebuild on every change of sources/ or templates/ until Ctrl-C
  --json              print JSON on stdout: a build's summary (progress goes to stderr), the
                      drift report of a fetch, or the whole listing of sources or coverage
  --accept            (fetch) move the pin of each changed source whose quotes all still verify
  --timeout SECONDS   (fetch) how long to wait for one answer (default: 30)
  -h, --help          show this text
  -v, --version       show the version

Environment: SOURCE_DATE_EPOCH (seconds) fixes the edition date and the PDF dates, so the same
inputs give byte-identical files.

Exit codes: 0 success, 1 bad input or a failed build (the problems are listed; earlier output is
kept), 2 bad usage (an unknown option, a --sources or --templates folder that does not exist, an
--out among the inputs), 3 (fetch) a quote no longer verifies in a source's new version (its pin
stays), 4 (fetch) a source could not be fetched (nothing archived; its pin stays), 130
interrupted (Ctrl-C), 143 terminated (SIGTERM).`;

/** Turn argv (without node and the script) into a command. Throws UsageError on misuse. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        brief: { type: 'string', multiple: true },
        format: { type: 'string' },
        paper: { type: 'string' },
        notes: { type: 'string' },
        evidence: { type: 'string' },
        out: { type: 'string' },
        sources: { type: 'string' },
        templates: { type: 'string' },
        force: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        watch: { type: 'boolean' },
        json: { type: 'boolean' },
        accept: { type: 'boolean' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}. Use --help to see the options.`);
  }
  const { values, positionals } = parsed;
  const plain = { options: {}, watch: false, json: false };
  if (values.help) return { name: 'help', ...plain };
  if (values.version) return { name: 'version', ...plain };
  const [name, ...rest] = positionals;
  if (name === undefined || name === 'help') return { name: 'help', ...plain };
  if (name !== 'build' && name !== 'check' && name !== 'sources' && name !== 'coverage' && name !== 'fetch') {
    throw new UsageError(`Unknown command ${JSON.stringify(name)}. The commands are build, check, fetch, sources and coverage; use --help to see them.`);
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
    if (format !== 'html' && format !== 'pdf') throw new UsageError(`Unknown format ${JSON.stringify(format)}: use html, pdf or html,pdf.`);
  }
  const paper = values.paper?.toLowerCase();
  if (paper !== undefined && paper !== 'a4' && paper !== 'letter') {
    throw new UsageError(`Unknown paper size ${JSON.stringify(values.paper)}: use a4 or letter.`);
  }
  if (name !== 'build' && (values.force || values['dry-run'] || values.watch)) {
    throw new UsageError(`--force, --dry-run and --watch go with \`briefs build\`, not \`briefs ${name}\`.`);
  }
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
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values.brief ? { briefs: values.brief } : {}),
    ...(formats ? { formats: formats as Array<'html' | 'pdf'> } : {}),
    ...(paper ? { paper } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(values.sources ? { sources: values.sources } : {}),
    ...(values.templates ? { templates: values.templates } : {}),
  };
  return { name, options, watch: values.watch === true, json: values.json === true, ...(fetch ? { fetch } : {}) };
}
