import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { codes, reportError } from '../diagnostics/index.js';

/** A parsed YAML file that can say where each value came from. */
export interface YamlFile {
  /** The file; diagnostics are attached to it. */
  readonly file: VFile;
  /** Where the value at `path` is written (character offsets), if a node is there. */
  readonly range: ParsedYaml['range'];
  /** Line and column of a value by its path, or of its nearest existing parent. */
  readonly locate: (path: readonly PropertyKey[]) => Point;
  /** The document as plain data (shared: do not modify); throws past the alias limit. */
  readonly data: ParsedYaml['data'];
}

import { maxYamlBytes } from './limits.js';
import type { ResultCache } from '../cache/index.js';
import { parseYaml, type ParsedYaml, type YamlMemo } from './parse-yaml.js';

export { maxYamlBytes };

/**
 * Parse YAML with positions. Duplicate keys are errors, alias expansion is bounded.
 * Syntax problems are attached to `file` as located diagnostics; returns undefined then.
 * With `memo`, a text the build has parsed already (the snapshot reads the same files) is not
 * parsed again.
 */
export function readYaml(file: VFile, stage: string, memo?: YamlMemo, cache?: ResultCache): YamlFile | undefined {
  const text = String(file.value);
  const size = Buffer.byteLength(text);
  if (size > maxYamlBytes) {
    reportError(file, codes.fileTooLarge, [file.path, size, maxYamlBytes], { place: { line: 1, column: 1 }, stage });
    return undefined;
  }
  const { errors, linePos, range, data } = parseYaml(text, memo, cache);
  const toPoint = (offset: number): Point => {
    const { line, col } = linePos(offset);
    return { line, column: col, offset };
  };
  if (errors.length > 0) {
    for (const error of errors) {
      const place = toPoint(error.pos[0]);
      const firstLine = error.message.split('\n')[0] ?? error.message;
      if (error.code === 'DUPLICATE_KEY') {
        // yaml's message does not name the key: read it from the text at the error's range.
        const rest = text.slice(error.pos[0]).split('\n')[0] ?? '';
        const key = (/^\s*("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(rest)?.[1] ?? '').replace(/^["']|["']$/g, '');
        reportError(file, codes.yamlDuplicateKey, [key || firstLine], { place, stage, cause: error });
      } else {
        reportError(file, codes.yamlSyntax, [firstLine.replace(/ at line \d+, column \d+:?$/, '')], { place, stage, cause: error });
      }
    }
    return undefined;
  }
  const locate = (path: readonly PropertyKey[]): Point => {
    for (let end = path.length; end >= 0; end--) {
      // A missing key is reported at its parent entry; a bad value at the value itself.
      const found = range(path.slice(0, end));
      if (found) return toPoint(found[0]);
    }
    return { line: 1, column: 1, offset: 0 };
  };
  return { file, range, locate, data };
}

/**
 * Validate the parsed YAML against a Zod schema; each issue becomes a located diagnostic
 * naming the entry (by its `id` where it has one). Returns the typed value, or undefined.
 */
export function validateYaml<Schema extends z.ZodType>(
  yaml: YamlFile,
  schema: Schema,
  stage: string,
  describe: (path: readonly PropertyKey[], data: unknown) => string,
): z.output<Schema> | undefined {
  let data: unknown;
  try {
    data = yaml.data();
  } catch (error) {
    // yaml refuses alias expansion past the limit (a "billion laughs" file).
    const detail = error instanceof Error ? error.message : String(error);
    reportError(yaml.file, codes.yamlSyntax, [`${detail} (aliases may expand to at most 100 nodes)`], {
      place: { line: 1, column: 1 },
      stage,
      cause: error,
    });
    return undefined;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // A misspelt field first: it explains the "missing" field that usually follows it.
  const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  for (const issue of issues) {
    const what = describe(issue.path, data);
    if (issue.code === 'unrecognized_keys') {
      // Each unknown field at its own key, with the fields the entry takes and the nearest one.
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        const lower = known.map((name) => name.toLowerCase());
        const near = known.length > 0 ? known[lower.indexOf(closest(key.toLowerCase(), lower))] : undefined;
        const hint = near && distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3)) ? ` Did you mean \`${near}\`?` : '';
        const fields = known.length > 0 ? ` The fields are ${known.map((name) => `\`${name}\``).join(', ')}.` : '';
        reportError(yaml.file, codes.schemaInvalid, [what, `\`${key}\` is not a field of this entry.${hint}${fields}`], {
          place: yaml.locate([...issue.path, key]),
          stage,
        });
      }
      continue;
    }
    const field = issue.path.filter((part) => typeof part === 'string').at(-1);
    const detail = field === undefined ? issue.message : `\`${String(field)}\`: ${issue.message}`;
    reportError(yaml.file, codes.schemaInvalid, [what, detail], {
      place: yaml.locate(issue.path),
      stage,
    });
  }
  return undefined;
}

/** The field names of the object schema at `path` inside `schema` (lists, optionals and pipes looked through). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  const unwrap = () => {
    for (;;) {
      const def = (current as { def?: { type?: string; innerType?: unknown; in?: unknown } }).def;
      if (def?.type === 'optional' || def?.type === 'default' || def?.type === 'nullable') current = def.innerType;
      else if (def?.type === 'pipe') current = def.in;
      else return;
    }
  };
  for (const part of [...path, undefined]) {
    unwrap();
    const def = (current as { def?: { type?: string; element?: unknown; shape?: Record<string, unknown> } }).def;
    if (part === undefined) return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    if (def?.type === 'array') current = def.element;
    else if (def?.type === 'object' && def.shape && typeof part === 'string') current = def.shape[part];
    else return [];
  }
  return [];
}

/** Describe the list entry at the head of `path` by its id (`fact "x"`) or its position. */
export function describeListEntry(kind: string) {
  return (path: readonly PropertyKey[], data: unknown): string => {
    const index = path[0];
    if (typeof index !== 'number' || !Array.isArray(data)) return `The ${kind} list`;
    const entry: unknown = data[index];
    const id = typeof entry === 'object' && entry !== null && 'id' in entry ? (entry as { id: unknown }).id : undefined;
    return typeof id === 'string' ? `${kind} ${JSON.stringify(id)}` : `${kind} #${index + 1}`;
  };
}
