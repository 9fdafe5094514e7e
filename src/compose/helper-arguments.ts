import { closest, distance } from 'fastest-levenshtein';
import Handlebars from 'handlebars';
import type { HelperDelegate, HelperOptions } from 'handlebars';
import type { Point } from 'unist';
import type { helperNames } from './helpers.js';
import { listOf } from './markdown-text.js';
import { HelperArgumentProblem, TemplateProblem } from './template-error.js';

/** The name of a helper templates may call. */
export type HelperName = (typeof helperNames)[number];

/**
 * What a named (hash) argument must hold: `text` in quotes, `boolean` (true or false), a
 * `year` (an integer), a TIP `report` year or `false`, or the one `order` there is ("file").
 */
export type HashType = 'text' | 'boolean' | 'year' | 'report' | 'order' | 'count' | 'report-order';

/**
 * What a positional argument must be: a `fact-id` (text), a `fact-list` (what `facts` gives, a
 * fact of it or one id), or any `value` the helper checks itself.
 */
export type PositionalType = 'fact-id' | 'fact-list' | 'value';

/** The arguments a helper takes. */
export interface HelperSignature {
  /** Its positional arguments, in order; Handlebars' options come after them. */
  readonly positional: readonly PositionalType[];
  /** The named arguments its body reads (`options.hash`), and what each must hold. */
  readonly hash: Readonly<Record<string, HashType>>;
  /** A call as a template writes it, for messages. */
  readonly example: string;
}

// Every helper that reads `topicOf(options)` takes `topic`.
const topic = { topic: 'text' } as const satisfies Record<string, HashType>;

/**
 * The arguments of each helper in helpers.ts (keep in step with the helper bodies and the
 * README's "Templates" table: an argument missing here is refused in every template).
 */
export const helperSignatures: Readonly<Record<HelperName, HelperSignature>> = {
  fact: { positional: ['fact-id'], hash: {}, example: '{{fact "id"}}' },
  point: { positional: ['fact-id'], hash: {}, example: '{{point "id"}}' },
  cite: { positional: ['fact-id'], hash: {}, example: '{{cite "id"}}' },
  quote: { positional: ['fact-id'], hash: {}, example: '{{quote "id"}}' },
  quotation: { positional: ['fact-id'], hash: {}, example: '{{quotation "id"}}' },
  prose: { positional: ['fact-list'], hash: {}, example: '{{prose (facts tag="x")}}' },
  timeline: { positional: ['fact-list'], hash: { full: 'boolean' }, example: '{{timeline (facts tag="x")}}' },
  facts: {
    positional: [],
    hash: { ...topic, tag: 'text', year: 'year', source: 'text', report: 'report', figure: 'boolean', fresh: 'boolean', order: 'order' },
    example: '(facts tag="x")',
  },
  years: { positional: [], hash: topic, example: '(years)' },
  reports: { positional: [], hash: { ...topic, fresh: 'boolean', newest: 'count', older: 'count', order: 'report-order' }, example: '(reports fresh=true newest=5 order="newest")' },
  reportSources: { positional: ['value'], hash: topic, example: '{{reportSources 2011}}' },
  reportTable: { positional: [], hash: topic, example: '{{reportTable}}' },
  tierTimeline: { positional: [], hash: topic, example: '{{tierTimeline}}' },
  tierSummary: { positional: [], hash: topic, example: '{{tierSummary}}' },
  figureChart: { positional: [], hash: topic, example: '{{figureChart}}' },
  figureTrends: { positional: [], hash: topic, example: '{{figureTrends}}' },
  figureTable: { positional: ['fact-list'], hash: { all: 'boolean' }, example: '{{figureTable (facts figure=true)}}' },
  lawTable: { positional: [], hash: topic, example: '{{lawTable}}' },
  asOf: { positional: [], hash: topic, example: '{{asOf}}' },
  coverage: { positional: [], hash: topic, example: '{{coverage}}' },
  disagreements: { positional: [], hash: { ...topic, reportGaps: 'boolean' }, example: '{{disagreements reportGaps=true}}' },
  keyFindings: { positional: [], hash: topic, example: '{{keyFindings}}' },
  summary: { positional: [], hash: topic, example: '{{summary}}' },
  aboutEvidence: { positional: [], hash: topic, example: '{{aboutEvidence}}' },
  formatDate: { positional: ['value'], hash: {}, example: '{{formatDate "2011-06-27"}}' },
  sourceTitle: { positional: ['value'], hash: {}, example: '{{sourceTitle "tip-2011"}}' },
  eq: { positional: ['value', 'value'], hash: {}, example: '(eq a b)' },
  t: { positional: ['value'], hash: {}, example: '{{t "summary"}}' },
};

/** Where a helper call is in its template (Handlebars gives compiled calls a `loc`). */
function callPlace(options: HelperOptions): Point | undefined {
  const loc = (options as HelperOptions & { loc?: { start: { line: number; column: number } } }).loc;
  return loc ? { line: loc.start.line, column: loc.start.column + 1 } : undefined;
}

const code = (text: string) => `\`${text}\``;

const isLiteral = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A value as a template would write it: `"x"`, `2011`, `true`. */
const literal = (value: string | number | boolean) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

const hasId = (value: unknown): value is { id: string } =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';

/** What a value is, for a message: `"x"`, `the number 2011`, `a list of 3 items` … */
function describeValue(value: unknown): string {
  if (value instanceof Handlebars.SafeString) return 'text that another helper wrote (such as `fact`)';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (value === undefined) return 'an undefined value';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (hasId(value)) return `the fact ${JSON.stringify(value.id)} itself (write ${code('id')} for its id)`;
  return typeof value === 'function' ? 'a function' : 'an object';
}

const given = (args: readonly unknown[]) =>
  args.length === 0 ? 'none' : args.length === 1 ? describeValue(args[0]) : `${args.length}: ${args.map(describeValue).join(', ')}`;

const counted = (n: number) => (n === 1 ? 'one argument' : n === 2 ? 'two arguments' : `${n} arguments`);

const typePhrase: Readonly<Record<PositionalType, string>> = { 'fact-id': 'a fact id', 'fact-list': 'a list of facts', value: '' };

// A suggestion is a helper whose name is within two edits: `facts` for `fact`, not `coverage`.
const near = (name: string, candidates: readonly string[]): string | undefined => {
  if (candidates.length === 0) return undefined;
  const best = closest(name, candidates as string[]);
  return distance(name, best) <= 2 ? best : undefined;
};

const signatureEntries = () => Object.entries(helperSignatures) as [HelperName, HelperSignature][];

/** The call the author probably meant, when a helper of a similar name takes these arguments. */
function meant(name: HelperName, args: readonly unknown[], hash: Readonly<Record<string, unknown>>): string | undefined {
  const names = Object.keys(hash);
  const fits = signatureEntries()
    .filter(([other, signature]) => other !== name && signature.positional.length === args.length)
    .filter(([, signature]) => names.every((key) => Object.hasOwn(signature.hash, key)))
    .map(([other]) => other);
  const other = near(name, fits);
  if (!other) return undefined;
  const written = [
    ...args.map((arg) => (isLiteral(arg) ? literal(arg) : '…')),
    ...names.map((key) => `${key}=${isLiteral(hash[key]) ? literal(hash[key] as string | number | boolean) : '…'}`),
  ];
  const call = [other, ...written].join(' ');
  return args.length === 0 ? `(${call})` : call;
}

function arityProblem(name: HelperName, signature: HelperSignature, args: readonly unknown[], hash: Readonly<Record<string, unknown>>): string {
  // A list helper given an id, or an id helper given only named arguments: probably its neighbour.
  const suggestion = args.length > 0 || Object.keys(hash).length > 0 ? meant(name, args, hash) : undefined;
  const ending = suggestion ? `: did you mean ${code(suggestion)}?` : '.';
  const expected = signature.positional.length;
  if (expected === 0) {
    return `takes no positional arguments, but was given ${given(args)}${suggestion ? ending : ` (write ${code(signature.example)}).`}`;
  }
  const phrase = expected === 1 && typePhrase[signature.positional[0]!] ? `, ${typePhrase[signature.positional[0]!]}` : '';
  return `takes ${counted(expected)}${phrase}, such as ${code(signature.example)}, but was given ${given(args)}${ending}`;
}

function positionalProblem(type: PositionalType, value: unknown, signature: HelperSignature): string | undefined {
  if (type === 'fact-id') {
    return typeof value === 'string' ? undefined : `needs a fact id, such as ${code(signature.example)}, but was given ${describeValue(value)}.`;
  }
  if (type === 'fact-list') {
    const needs = `needs a list of facts, such as ${code('(facts tag="x")')}`;
    if (value instanceof Handlebars.SafeString) return `${needs}, but was given ${describeValue(value)}.`;
    if (typeof value === 'string' || hasId(value)) return undefined;
    if (!Array.isArray(value)) return `${needs}, but was given ${describeValue(value)}.`;
    const stray = value.findIndex((item) => typeof item !== 'string' && !hasId(item));
    return stray === -1 ? undefined : `${needs}, but was given a list that holds ${describeValue(value[stray])}, not facts.`;
  }
  return undefined;
}

function hashProblem(key: string, type: HashType, value: unknown): string | undefined {
  const shown = isLiteral(value) ? code(`${key}=${literal(value)}`) : describeValue(value);
  const unquoted = (pattern: RegExp, what: string) =>
    typeof value === 'string' && pattern.test(value.trim()) ? ` (${what} are written without quotes)` : '';
  switch (type) {
    case 'text':
      return typeof value === 'string' ? undefined : `needs ${code(key)} to be text in quotes, such as ${code(`${key}="…"`)}, not ${shown}.`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `needs ${code(`${key}=true`)} or ${code(`${key}=false`)}, not ${shown}${unquoted(/^(true|false)$/, 'true and false')}.`;
    case 'year':
      return Number.isInteger(value) ? undefined : `needs ${code(key)} to be a year, such as ${code(`${key}=2011`)}, not ${shown}${unquoted(/^\d+$/, 'numbers')}.`;
    case 'report':
      return Number.isInteger(value) || value === false
        ? undefined
        : `needs ${code(key)} to be a TIP report year, such as ${code(`${key}=2011`)}, or ${code(`${key}=false`)}, not ${shown}${unquoted(/^(\d+|false)$/, 'numbers and false')}.`;
    case 'order':
      return value === 'file' ? undefined : `needs ${code(`${key}="file"`)} (facts.yaml order; leave it out for time order), not ${shown}.`;
    case 'count':
      return Number.isInteger(value) && (value as number) > 0 ? undefined : `needs ${code(key)} to be a number of reports, such as ${code(`${key}=5`)}, not ${shown}${unquoted(/^\d+$/, 'numbers')}.`;
    case 'report-order':
      return value === 'newest' || value === 'oldest' ? undefined : `needs ${code(`${key}="newest"`)} (newest report first) or ${code(`${key}="oldest"`)}, not ${shown}.`;
  }
}

function unknownHashProblem(key: string, signature: HelperSignature): string {
  const names = Object.keys(signature.hash);
  if (names.length === 0) return `takes no named arguments, but was given ${code(key)}.`;
  const close = near(key, names);
  const valid = names.length === 1 ? `only argument is ${code(names[0]!)}` : `arguments are ${listOf(names.map(code))}`;
  return close
    ? `has no argument ${code(key)}: did you mean ${code(close)}? Its ${valid}.`
    : `has no argument ${code(key)}; its ${valid}.`;
}

/**
 * Check a call of a helper against its signature: no block, the number and kind of positional
 * arguments, the name and type of each named one. Throws a located HelperArgumentProblem.
 */
export function checkHelperCall(name: HelperName, args: readonly unknown[], options: HelperOptions): void {
  const signature = helperSignatures[name];
  const hash = (options.hash ?? {}) as Readonly<Record<string, unknown>>;
  const fail = (detail: string): never => {
    throw new HelperArgumentProblem(name, detail, callPlace(options));
  };
  if ((options as Partial<HelperOptions>).fn) {
    fail(`is not a block helper: write ${code(`{{${name} …}}`)}, without ${code(`{{#${name}}}`)} and ${code(`{{/${name}}}`)}.`);
  }
  if (args.length !== signature.positional.length) fail(arityProblem(name, signature, args, hash));
  for (const [index, type] of signature.positional.entries()) {
    const problem = positionalProblem(type, args[index], signature);
    if (problem) fail(problem);
  }
  for (const [key, value] of Object.entries(hash)) {
    // Own names only: `toString=` is no argument of any helper.
    if (!Object.hasOwn(signature.hash, key)) fail(unknownHashProblem(key, signature));
    const problem = hashProblem(key, signature.hash[key]!, value);
    if (problem) fail(problem);
  }
}

/**
 * Wrap a helper for registration: check its arguments first, and turn anything else it throws
 * (a TypeError of a helper given what it did not expect) into a located `template-render`
 * problem naming the helper, so no JavaScript error reaches the user from a template.
 */
export function guardHelper(name: HelperName, helper: (...args: never[]) => unknown): HelperDelegate {
  return function guarded(this: unknown, ...args: unknown[]): unknown {
    // Handlebars passes its options last, after the positional arguments.
    const options = args.at(-1) as HelperOptions;
    checkHelperCall(name, args.slice(0, -1), options);
    try {
      return (helper as (...all: unknown[]) => unknown).apply(this, args);
    } catch (error) {
      if (error instanceof TemplateProblem) throw error;
      const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      throw new TemplateProblem('template-render', name, callPlace(options), `The helper \`${name}\` failed: ${detail}`, { cause: error });
    }
  };
}

/** Every helper of `helpers`, guarded (see `guardHelper`). */
export function guardHelpers(helpers: Readonly<Record<HelperName, (...args: never[]) => unknown>>): Record<HelperName, HelperDelegate> {
  const entries = signatureEntries().map(([name]) => [name, guardHelper(name, helpers[name])] as const);
  return Object.fromEntries(entries) as Record<HelperName, HelperDelegate>;
}

/**
 * Wrap Handlebars' `each`: given text (what `fact` returns, say) it would loop over the text
 * object's own fields and write nonsense, or given a number write nothing. Errors of the block
 * body pass through untouched (they carry their own place).
 */
export function guardEach(each: HelperDelegate): HelperDelegate {
  return function guardedEach(this: unknown, ...args: unknown[]): unknown {
    const options = args.at(-1) as HelperOptions;
    const list = args.length === 2 ? args[0] : undefined;
    const wrong = args.length !== 2 || list instanceof Handlebars.SafeString || isLiteral(list);
    if (wrong) {
      throw new HelperArgumentProblem(
        'each',
        `needs one list, such as ${code('{{#each (facts tag="x")}}')}, but was given ${given(args.slice(0, -1))}.`,
        callPlace(options),
      );
    }
    return (each as (...all: unknown[]) => unknown).apply(this, args);
  };
}
