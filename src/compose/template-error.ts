import type { Point } from 'unist';

/** A problem raised by a helper, with the helper call's position. */
export class TemplateProblem extends Error {
  readonly place: Point | undefined;
  readonly code: 'unknown-fact' | 'template-render';
  readonly value: string;

  constructor(code: 'unknown-fact' | 'template-render', value: string, place: Point | undefined, message: string) {
    super(message);
    this.name = 'TemplateProblem';
    this.code = code;
    this.value = value;
    this.place = place;
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
