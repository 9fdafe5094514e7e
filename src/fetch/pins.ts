import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { FetchRecord } from './archive.js';

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

/**
 * Move pins in sources.yaml, editing the document with the yaml library so comments, order and
 * quoting stay as the curator wrote them; written atomically. Returns the ids moved (an id no
 * entry has is left alone).
 */
export async function movePins(bibliographyPath: string, moves: readonly PinMove[]): Promise<string[]> {
  if (moves.length === 0) return [];
  const text = await readFile(bibliographyPath, 'utf8');
  const doc = parseDocument(text);
  const moved: string[] = [];
  if (!isSeq(doc.contents)) return moved;
  for (const move of moves) {
    const entry = doc.contents.items.find((item) => isMap(item) && (item as YAMLMap<unknown, unknown>).get('id') === move.id) as YAMLMap<unknown, unknown> | undefined;
    if (!entry) continue;
    for (const [key, value] of Object.entries(pinFields(move.record))) entry.set(key, value);
    moved.push(move.id);
  }
  const temporary = `${bibliographyPath}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, doc.toString({ lineWidth: 0 }));
  await rename(temporary, bibliographyPath);
  return moved;
}
