import type { Point } from 'unist';

/** What locating a stretch of a statement needs: the statement, and where and how facts.yaml writes it. */
export interface PlacedStatement {
  readonly statement: string;
  /** The fact's entry: the fall-back. */
  readonly place: Point;
  readonly statementPlace?: Point | undefined;
  readonly statementSource?: string | undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Line and column in facts.yaml of `statement.slice(start, end)`: the same occurrence of the same
 * words in the statement's source, where a folded block may break them across lines. Falls back
 * to the statement's start (or the fact's entry) where the source writes them otherwise (escapes).
 */
export function locateInStatement(fact: PlacedStatement, start: number, end: number): Point {
  const origin = fact.statementPlace ?? fact.place;
  const source = fact.statementSource;
  const needle = fact.statement.slice(start, end).trim();
  if (source === undefined || needle === '') return origin;
  let occurrence = 0;
  for (let at = fact.statement.indexOf(needle); at >= 0 && at < start; at = fact.statement.indexOf(needle, at + 1)) occurrence++;
  const pattern = new RegExp(needle.split(/\s+/).map(escape).join(String.raw`\s+`), 'g');
  const match = [...source.matchAll(pattern)][occurrence];
  if (!match) return origin;
  const before = source.slice(0, match.index);
  const newlines = before.split('\n').length - 1;
  const column = newlines === 0 ? origin.column + match.index : match.index - before.lastIndexOf('\n');
  return {
    line: origin.line + newlines,
    column,
    ...(origin.offset !== undefined ? { offset: origin.offset + match.index } : {}),
  };
}
