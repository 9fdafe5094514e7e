import { readFile } from 'node:fs/promises';
import { isMap, isSeq, parseDocument, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FetchRecord } from './archive.js';
import { writeAtomic } from './write-atomic.js';

/** A pin to move: the source, and the archived version it moves to. */
export interface PinMove {
  readonly id: string;
  readonly record: FetchRecord;
}

/**
 * The bibliography fields a pin move sets: `file` (the archived version), `accessed` (the day
 * it was fetched) and, for a wiki revision, `version` (its id), `issued` (its day) and `URL`
 * (its permalink, from which `briefs fetch` still finds the page).
 */
export function pinFields(record: FetchRecord): Record<string, string> {
  return {
    file: record.file,
    accessed: record.fetched.slice(0, 10),
    ...(record.revision ? { version: String(record.revision.id), issued: record.revision.timestamp.slice(0, 10), URL: record.revision.permalink } : {}),
  };
}

/** One change to the text: replace `start…end` with `text`. */
interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A value as YAML writes it on one line (`2026-12-02`, `"1270000001"`, `archive/a/….txt`). */
const scalarText = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

/** The splices that set `fields` in one entry: each value replaced where it is, missing keys added after the entry's last line. */
function entrySplices(text: string, entry: YAMLMap<unknown, unknown>, fields: Record<string, string>, newline: string): Splice[] {
  const pairs = entry.items as Pair<Node, Node | null>[];
  const splices: Splice[] = [];
  const first = pairs[0]?.key?.range;
  if (!first) return splices;
  const indent = ' '.repeat(first[0] - (text.lastIndexOf('\n', first[0] - 1) + 1));
  const last = pairs[pairs.length - 1]!;
  const lastEnd = (last.value?.range ?? last.key!.range!)[1];
  const lineEnd = text.indexOf('\n', lastEnd);
  const insertAt = lineEnd < 0 ? text.length : lineEnd + 1;
  const added: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const pair = pairs.find((item) => (item.key as { value?: unknown } | null)?.value === key);
    const range = pair?.value?.range;
    if (pair && range) splices.push({ start: range[0], end: range[1], text: scalarText(value) });
    else added.push(`${indent}${key}: ${scalarText(value)}${newline}`);
  }
  if (added.length > 0) splices.push({ start: insertAt, end: insertAt, text: `${lineEnd < 0 ? newline : ''}${added.join('')}` });
  return splices;
}

/**
 * Move pins in sources.yaml. Only the values that change are rewritten, in place (a missing
 * key is added as a line of its entry), so every other byte stays as the curator wrote it:
 * comments, alignment, folded titles, flow lists, line endings. The result is parsed again and
 * must give the new values; it is written atomically. Returns the ids moved (an id no entry
 * has is left alone).
 */
export async function movePins(bibliographyPath: string, moves: readonly PinMove[]): Promise<string[]> {
  if (moves.length === 0) return [];
  const text = await readFile(bibliographyPath, 'utf8');
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (!isSeq(doc.contents)) return [];
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const moved: string[] = [];
  const splices: Splice[] = [];
  const expected = new Map<string, Record<string, string>>();
  for (const move of moves) {
    const entry = doc.contents.items.find((item) => isMap(item) && (item as YAMLMap<unknown, unknown>).get('id') === move.id) as YAMLMap<unknown, unknown> | undefined;
    if (!entry) continue;
    const fields = pinFields(move.record);
    splices.push(...entrySplices(text, entry, fields, newline));
    expected.set(move.id, fields);
    moved.push(move.id);
  }
  let next = text;
  for (const splice of [...splices].sort((a, b) => b.start - a.start)) next = `${next.slice(0, splice.start)}${splice.text}${next.slice(splice.end)}`;
  // The edit must read back as meant: the same entries, with the new values.
  const check = parseDocument(next);
  const entries = check.errors.length === 0 && isSeq(check.contents) ? (check.toJS() as Record<string, unknown>[]) : [];
  for (const [id, fields] of expected) {
    const entry = entries.find((item) => item?.['id'] === id);
    if (!entry || Object.entries(fields).some(([key, value]) => String(entry[key]) !== value)) {
      throw new Error(`Moving the pin of ${JSON.stringify(id)} would not leave ${bibliographyPath} as meant; it was not changed.`);
    }
  }
  await writeAtomic(bibliographyPath, next);
  return moved;
}
