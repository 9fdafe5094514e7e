import type { Point } from 'unist';
import { BuildError, codes, createMessage } from '../diagnostics/index.js';

/** A problem raised by a helper, with the helper call's position. */
export class TemplateProblem extends Error {
  readonly place: Point | undefined;
  readonly code: 'unknown-fact' | 'template-render' | 'template-argument';
  readonly value: string;

  constructor(
    code: 'unknown-fact' | 'template-render' | 'template-argument',
    value: string,
    place: Point | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TemplateProblem';
    this.code = code;
    this.value = value;
    this.place = place;
  }
}

/**
 * A helper called with arguments it does not take (an unknown or mistyped named argument, too
 * many or too few positional ones), with the call's position. `detail` completes the sentence
 * "The helper `name` …" of the catalogue's `template-argument` message.
 */
export class HelperArgumentProblem extends TemplateProblem {
  readonly helper: string;
  readonly detail: string;

  constructor(helper: string, detail: string, place: Point | undefined) {
    super('template-argument', helper, place, codes.templateArgument.message(helper, detail));
    this.name = 'HelperArgumentProblem';
    this.helper = helper;
    this.detail = detail;
  }
}

const templateOf = Symbol('template');

/** Remember on an error which template file it came from (the innermost one wins). */
export function tagTemplate(error: unknown, templatePath: string): void {
  if (typeof error === 'object' && error !== null && !(templateOf in error)) {
    Object.defineProperty(error, templateOf, { value: templatePath });
  }
}

/** The template file an error came from, if tagged. */
export function taggedTemplate(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && templateOf in error) {
    return (error as { [templateOf]: string })[templateOf];
  }
  return undefined;
}

/** Line and column that Handlebars put on an error (parse errors and strict lookups). */
export function handlebarsPlace(error: unknown): Point | undefined {
  if (error instanceof TemplateProblem) return error.place;
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { lineNumber?: unknown; column?: unknown; message?: unknown };
  if (typeof record.lineNumber === 'number') {
    return { line: record.lineNumber, column: typeof record.column === 'number' ? record.column + 1 : 1 };
  }
  const parse = typeof record.message === 'string' ? /line (\d+)/.exec(record.message) : null;
  return parse ? { line: Number(parse[1]), column: 1 } : undefined;
}

/**
 * Run a page layout (`templates/layouts/*.html.hbs`), turning a Handlebars error into a build
 * error naming the layout file, line and column (a strict layout that names a variable the
 * build does not give, say).
 */
export function withLayout<T>(layoutPath: string, render: () => T): T {
  try {
    return render();
  } catch (error) {
    const place = handlebarsPlace(error);
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/ - \d+:\d+$/, '');
    const message = createMessage(codes.templateRender, [layoutPath, detail], { place, stage: 'render', cause: error });
    message.file = layoutPath;
    message.fatal = true;
    throw new BuildError([message], { cause: error });
  }
}
