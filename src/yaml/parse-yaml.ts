import { LineCounter, parseDocument, type Document } from 'yaml';

/** YAML text parsed once: the document with node ranges, its line table, its plain value. */
export interface ParsedYaml {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
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

/** Parse `text` (duplicate keys are errors), or return the reading `memo` already has of it. */
export function parseYaml(text: string, memo?: YamlMemo): ParsedYaml {
  const known = memo?.get(text);
  if (known) return known;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  let data: { value: unknown } | undefined;
  const parsed: ParsedYaml = {
    doc,
    lineCounter,
    data: () => (data ??= { value: doc.toJS({ maxAliasCount: 100 }) }).value,
  };
  memo?.set(text, parsed);
  return parsed;
}
