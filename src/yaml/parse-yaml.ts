import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ResultCache } from '../cache/index.js';

/** YAML text parsed once: its errors, where each value is, its plain value. */
export interface ParsedYaml {
  /** What makes the text not YAML (syntax, a duplicate key); the rest holds only without any. */
  readonly errors: readonly YAMLError[];
  /** The line (from 1) and column (from 1) of a character offset. */
  readonly linePos: (offset: number) => { readonly line: number; readonly col: number };
  /**
   * Where the value at `path` is written, as character offsets (start, end of the value), if a
   * node is there (a map's key as written, a list's index); an alias is not followed.
   */
  readonly range: (path: readonly unknown[]) => readonly [number, number] | undefined;
  /**
   * The document as plain data, made once and shared: do not modify it. Throws when aliases
   * would expand past 100 nodes (a "billion laughs" file).
   */
  readonly data: () => unknown;
}

/**
 * Readings of YAML texts by their text, for one build: the snapshot (what changed?) and the
 * pipeline (what do the facts say?) read sources.yaml and facts.yaml from one parse.
 */
export type YamlMemo = Map<string, ParsedYaml>;

/** A reading kept between builds: the data and where each of its values is. */
interface KeptReading {
  readonly data: unknown;
  /** `[path as JSON, start, end, kind]` for every node. */
  readonly ranges: readonly (readonly [string, number, number, NodeKind])[];
}

/**
 * Parse `text` (duplicate keys are errors), or return the reading `memo` already has of it.
 * With a result cache, a text read in an earlier build is not parsed again (a large facts file
 * takes the YAML parser about 0.1 s): its data and the place of each value are kept, for texts
 * without errors whose data JSON holds exactly. What the cache holds is data, as the text is.
 */
export function parseYaml(text: string, memo?: YamlMemo, cache?: ResultCache): ParsedYaml {
  const known = memo?.get(text);
  if (known) return known;
  const entry = cache?.entry('yaml', { text });
  const kept = entry?.get(isKeptReading);
  const parsed = kept ? keptReading(text, kept) : freshReading(text, entry?.set);
  memo?.set(text, parsed);
  return parsed;
}

/** A parse of `text`; with `keep`, what a later build needs of it is handed over to be kept (no work for it without). */
function freshReading(text: string, keep?: (value: KeptReading) => void): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  let data: { value: unknown } | undefined;
  const reading: ParsedYaml = {
    errors: doc.errors,
    linePos: (offset) => lineCounter.linePos(offset),
    range: (path) => {
      const node = doc.getIn(path, true);
      return isNode(node) && node.range ? [node.range[0], node.range[1]] : undefined;
    },
    data: () => (data ??= { value: doc.toJS({ maxAliasCount: 100 }) }).value,
  };
  if (keep && doc.errors.length === 0) {
    let value: unknown;
    try {
      value = reading.data();
    } catch {
      return reading;
    }
    if (lossless(value)) {
      const ranges: [string, number, number, NodeKind][] = [];
      collectRanges(doc.contents, [], ranges);
      keep({ data: value, ranges });
    }
  }
  return reading;
}

function keptReading(text: string, kept: KeptReading): ParsedYaml {
  // The line table the parser makes: the start of the text and each line after a line feed.
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  const nodes = new Map(kept.ranges.map(([path, start, end, kind]) => [path, { start, end, kind }]));
  return {
    errors: [],
    linePos: (offset) => lineCounter.linePos(offset),
    range: (path) => {
      // Step by step, as getIn does: a map's entry by the key as given, a list's item by index.
      const at: (string | number)[] = [];
      for (const part of path) {
        const kind = nodes.get(JSON.stringify(at))?.kind;
        const step = kind === 'list' ? itemIndex(part) : kind === 'map' && (typeof part === 'string' || typeof part === 'number') ? part : undefined;
        if (step === undefined) return undefined;
        at.push(step);
      }
      const node = nodes.get(JSON.stringify(at));
      return node ? [node.start, node.end] : undefined;
    },
    data: () => kept.data,
  };
}

/** A list index as yaml reads one from a path: a whole number, or its digits. */
function itemIndex(part: unknown): number | undefined {
  const index = typeof part === 'string' && part !== '' ? Number(part) : part;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : undefined;
}

type NodeKind = 'map' | 'list' | 'value';

/**
 * Every node's range and kind by its path, as `doc.getIn(path, true)` finds it: a map's entries
 * by their keys' values (strings and numbers; the first of equal keys), a list's by index.
 */
function collectRanges(node: unknown, path: readonly (string | number)[], out: [string, number, number, NodeKind][]): void {
  if (!isNode(node) || !node.range) return;
  out.push([JSON.stringify(path), node.range[0], node.range[1], isMap(node) ? 'map' : isSeq(node) ? 'list' : 'value']);
  if (isMap(node)) {
    const seen = new Set<string | number>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if ((typeof key !== 'string' && typeof key !== 'number') || seen.has(key)) continue;
      seen.add(key);
      collectRanges(pair.value, [...path, key], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => collectRanges(item, [...path, index], out));
  }
}

/** Whether JSON gives `value` back as it is: plain data, finite numbers, no -0. */
function lossless(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(lossless);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(lossless);
}

function isKeptReading(value: unknown): value is KeptReading {
  if (typeof value !== 'object' || value === null) return false;
  const { data, ranges } = value as Partial<Record<keyof KeptReading, unknown>>;
  return (
    data !== undefined &&
    Array.isArray(ranges) &&
    ranges.every(
      (range: unknown) =>
        Array.isArray(range) &&
        range.length === 4 &&
        typeof range[0] === 'string' &&
        Number.isInteger(range[1]) &&
        Number.isInteger(range[2]) &&
        ['map', 'list', 'value'].includes(range[3] as string),
    )
  );
}
