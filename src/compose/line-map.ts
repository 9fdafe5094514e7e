import Handlebars from 'handlebars';

// Private-use characters: they never occur in templates or facts, so they can carry line
// numbers through Handlebars unchanged and be cut out afterwards.
const open = '\u{E000}';
const close = '\u{E001}';
const marker = new RegExp(`${open}(\\d+)${close}`, 'g');

type Node = hbs.AST.Node & { body?: hbs.AST.Statement[]; program?: hbs.AST.Program; inverse?: hbs.AST.Program };

/** Where in `original` the (whitespace-stripped) `value` of a content statement starts. */
// @types/handlebars types `original` wrongly (as StripFlags); it is the unstripped text.
const originalOf = (statement: hbs.AST.ContentStatement): string => (statement as unknown as { original: string }).original;

function strippedOffset(statement: hbs.AST.ContentStatement): number {
  const original = originalOf(statement);
  const { value } = statement;
  const lead = original.length - original.trimStart().length;
  for (let offset = 0; offset <= lead; offset++) if (original.startsWith(value, offset)) return offset;
  return 0;
}

function markContent(statement: hbs.AST.ContentStatement): void {
  const offset = strippedOffset(statement);
  const before = originalOf(statement).slice(0, offset);
  const newlines = before.split('\n').length - 1;
  let line = statement.loc.start.line + newlines;
  const column = newlines > 0 ? before.length - before.lastIndexOf('\n') - 1 : statement.loc.start.column + offset;
  let out = column === 0 ? `${open}${line}${close}` : '';
  for (const char of statement.value) {
    out += char;
    if (char === '\n') {
      line++;
      out += `${open}${line}${close}`;
    }
  }
  statement.value = out;
}

function walk(node: Node | undefined): void {
  if (!node) return;
  if (node.type === 'ContentStatement') {
    markContent(node as hbs.AST.ContentStatement);
    return;
  }
  for (const child of node.body ?? []) walk(child as Node);
  walk(node.program as Node | undefined);
  walk(node.inverse as Node | undefined);
}

/**
 * Parse a template and mark the start of each of its lines inside the literal text, so that
 * the rendered output can be traced back to template lines (see `splitLineMarks`). Only
 * literal text is marked: lines a helper or partial writes carry the mark of the line that
 * called it.
 */
export function parseWithLineMarks(source: string): hbs.AST.Program {
  const program = Handlebars.parse(source);
  walk(program as Node);
  return program;
}

/** Rendered output without its line marks, and the template line of each output line. */
export interface UnmarkedOutput {
  readonly text: string;
  /** `lines[i]` is the 1-based template line that output line `i + 1` comes from. */
  readonly lines: readonly number[];
}

/**
 * Remove the marks `parseWithLineMarks` left and map each output line to the template line
 * it comes from: the last mark at the start of the line, or else the previous line's.
 */
export function splitLineMarks(marked: string): UnmarkedOutput {
  const lines: number[] = [];
  const text: string[] = [];
  let current = 1;
  for (const raw of marked.split('\n')) {
    const leading = new RegExp(`^(?:${open}\\d+${close})+`).exec(raw)?.[0] ?? '';
    const marks = [...leading.matchAll(marker)];
    const last = marks.at(-1);
    if (last) current = Number(last[1]);
    lines.push(current);
    text.push(raw.replace(marker, ''));
  }
  return { text: text.join('\n'), lines };
}
