import Handlebars from 'handlebars';
import { VFile } from 'vfile';
import type { ChartData } from '../chart/index.js';
import { codes, reportError } from '../diagnostics/index.js';
import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import { englishLocale, type Locale } from '../locale/index.js';
import { formatIsoDate } from './format-date.js';
import { guardEach, guardHelpers } from './helper-arguments.js';
import { createHelpers, helperNames } from './helpers.js';
import { parseWithLineMarks, splitLineMarks } from './line-map.js';
import { emptyLedger } from './notes.js';
import type { TemplateFile, TemplateSet } from './load-templates.js';
import { handlebarsPlace, HelperArgumentProblem, taggedTemplate, tagTemplate, TemplateProblem } from './template-error.js';

declare module 'vfile' {
  interface DataMap {
    /** Charts the brief draws, by the id its ```chart placeholder names (set by the compose stage). */
    charts: readonly ChartData[];
  }
}

/** A brief as Markdown, before it becomes HTML. */
export interface BriefMarkdown {
  readonly briefId: string;
  /** `value` is the Markdown; `path` is the template; diagnostics go here. `data.charts` holds its charts. */
  readonly file: VFile;
  /** Fact ids the template used, in order of use. */
  readonly usedFacts: readonly string[];
  /** Facts whose statement the brief prints in full (not only in a table cell, a reference or the "As of" line). */
  readonly printedFacts: ReadonlySet<string>;
  /** Facts whose caveat (`note`) the brief prints. */
  readonly notedFacts: ReadonlySet<string>;
  /** Whether the template writes the "Where the sources disagree" part (`{{disagreements}}`). */
  readonly showsDisagreements: boolean;
  /** Reports before this year are given in brief: their facts left out are a warning, not an error. */
  readonly inBriefBefore?: number | undefined;
  /** Facts the template made key points (`point`), in order. */
  readonly keyPoints: readonly string[];
  /**
   * The template line each Markdown line comes from (`templateLines[line - 1]`): exact for the
   * template's own text; text a helper or partial writes maps to the line that calls it.
   * Lines after the template's output (the footnote definitions) have no entry.
   */
  readonly templateLines?: readonly number[];
}

/** What rendering a brief needs. */
export interface ComposeInput {
  readonly templates: TemplateSet;
  readonly facts: ReadonlyMap<string, VerifiedFact>;
  readonly docs: ReadonlyMap<string, SourceDoc>;
  /** The edition date shown in the brief: ISO (`2026-11-23`, printed in the language) or as printed (`23 November 2026`). */
  readonly edition: string;
  /** The interface language (the collection's `lang`): the helpers' own words, dates and lists. Default English. */
  readonly language?: Locale;
}

const stage = 'compose';

const compileOptions = (): CompileOptions => ({
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(helperNames.map((name) => [name, true])),
});

/**
 * Fill a brief template with Handlebars (an isolated environment, strict mode, known helpers
 * only, no prototype access). Problems become located diagnostics on the returned file.
 */
export function renderBrief(template: TemplateFile, input: ComposeInput): BriefMarkdown {
  const file = new VFile({ path: template.path });
  const ledger = emptyLedger();
  const used = ledger.used;
  const charts: ChartData[] = [];
  let templateLines: readonly number[] = [];
  const env = Handlebars.create();
  const language = input.language ?? englishLocale();
  const helpers = createHelpers({
    briefId: template.name,
    facts: input.facts,
    docs: input.docs,
    edition: input.edition,
    ledger,
    charts,
    language,
  });
  // Each helper checks its arguments (a misspelt `tags=` would otherwise be ignored) and turns
  // what it throws into a located problem; `each` refuses text it would loop over field by field.
  env.registerHelper(guardHelpers(helpers));
  env.registerHelper('each', guardEach(env.helpers.each!));
  for (const partial of input.templates.partials.values()) {
    const compiled = env.compile(partial.source, compileOptions());
    env.registerPartial(partial.name, ((context: unknown, options?: RuntimeOptions) => {
      try {
        return compiled(context, options);
      } catch (error) {
        tagTemplate(error, partial.path);
        throw error;
      }
    }) as HandlebarsTemplateDelegate);
  }
  try {
    const render = env.compile(parseWithLineMarks(template.source), compileOptions());
    const marked = render(
      { brief: { id: template.name }, edition: /^\d{4}-\d{2}/.test(input.edition) ? formatIsoDate(input.edition, language) : input.edition },
      { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false },
    );
    const unmarked = splitLineMarks(marked);
    // Caveats of tables and charts go to "Where the sources disagree or are silent": a template
    // that never writes {{disagreements}} gets them at its end, so none is lost.
    const leftover = ledger.asides.length > 0 ? `\n\n## ${language.t('disagreements')}\n\n<!-- uncited -->\n${language.t('readWithCaveats')}\n\n${ledger.asides.map((aside) => `- ${aside}`).join('\n')}` : '';
    const markdown = `${unmarked.text.trimEnd()}${leftover}`;
    templateLines = unmarked.lines.slice(0, markdown.split('\n').length);
    // GFM parses `[^id]` as a footnote only when a definition exists: add one per cited fact.
    // The Markdown stage replaces them with the formatted notes.
    // A marker for several facts (`[^a+b]`, one note) needs its own definition.
    const joined = [...new Set([...markdown.matchAll(/\[\^([^\]\s]+)\]/g)].map((match) => match[1]!).filter((label) => label.includes('+')))];
    const definitions = [...used, ...joined].map((id) => `[^${id}]: ${id}`).join('\n');
    file.value = `${markdown}\n\n${definitions}\n`;
    file.data.charts = charts;
  } catch (error) {
    const where = taggedTemplate(error) ?? template.path;
    const place = handlebarsPlace(error);
    // Handlebars' parse errors put what it expected on their last line: keep it.
    const lines = error instanceof Error ? error.message.split('\n') : [String(error)];
    const expecting = lines.find((line) => line.startsWith('Expecting'));
    // Strict mode's words for a name that is neither a variable nor a helper ("shout" not defined
    // in [object Object]): say what it means.
    const first = lines[0]!
      .replace(/ - \d+:\d+$/, '')
      .replace(/^"([^"]+)" not defined in (?:\[object Object\]|undefined)$/, (_all, name: string) => `\`${name}\` is neither a helper nor a variable of the template (a block such as {{#${name}}} needs a helper of that name)`);
    const detail = expecting ? `${first} ${expecting}` : first;
    const at = new VFile({ path: where });
    if (error instanceof HelperArgumentProblem) {
      reportError(at, codes.templateArgument, [error.helper, error.detail], { place, stage, cause: error });
    } else if (error instanceof TemplateProblem && error.code === 'unknown-fact') {
      reportError(at, codes.unknownFact, [error.value, [...input.facts.keys()]], { place, stage, cause: error });
    } else if (!(error instanceof TemplateProblem) && /Parse error|Expecting|knownHelpersOnly|unknown helper|doesn't match/i.test(detail)) {
      reportError(at, codes.templateSyntax, [where, detail], { place, stage, cause: error });
    } else {
      reportError(at, codes.templateRender, [where, detail], { place, stage, cause: error });
    }
    file.messages.push(...at.messages);
    file.value = '';
  }
  return { briefId: template.name, file, usedFacts: used, printedFacts: ledger.stated, notedFacts: ledger.noted, showsDisagreements: ledger.parts.has('disagreements'), inBriefBefore: ledger.inBriefBefore, keyPoints: ledger.points, templateLines };
}
