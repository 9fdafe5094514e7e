import { readFile } from 'node:fs/promises';
import type { Point } from 'unist';
import { VFile } from 'vfile';
import { codes, reportError } from '../diagnostics/index.js';
import type { ResultCache } from '../cache/index.js';
import { describeListEntry, readYaml, validateYaml, type YamlMemo } from '../yaml/index.js';
import { factsFileSchema, type FactEntry, type Figure } from './schema.js';

/** A citation as written, with where it is in facts.yaml. */
export interface FactCitation {
  readonly source: string;
  readonly quote: string;
  readonly locator?: string;
  /** Position of the quote in facts.yaml. */
  readonly place: Point;
}

/** A fact as written in facts.yaml, with its position. */
export interface Fact extends Omit<FactEntry, 'citations' | 'figure'> {
  readonly figure?: Figure;
  readonly citations: readonly FactCitation[];
  /** Position of the fact's entry in facts.yaml. */
  readonly place: Point;
  /** Position of `figure` in facts.yaml, if the fact has one. */
  readonly figurePlace?: Point;
  /** Position of `speaker.words` in facts.yaml, if the fact has them. */
  readonly speakerPlace?: Point;
  /** Position of the statement's value in facts.yaml (for a block scalar, its `>-`). */
  readonly statementPlace?: Point;
  /**
   * The statement as facts.yaml writes it (folded lines, indentation, quote marks), from
   * `statementPlace` on: a token of the statement can be found in it (see `locateInStatement`).
   */
  readonly statementSource?: string;
  /** Positions of `tip.report` and `tip.tier`, `figure.value` and `derived`, where the fact has them. */
  readonly tipReportPlace?: Point;
  readonly tipTierPlace?: Point;
  readonly figureValuePlace?: Point;
  readonly derivedPlace?: Point;
  /** Positions of `date` and `speaker.date`, where the fact has them. */
  readonly datePlace?: Point;
  readonly speakerDatePlace?: Point;
}

/** The facts file, loaded and validated. */
export interface FactsFile {
  /** facts.yaml with its diagnostics. */
  readonly file: VFile;
  /** Facts by id, in file order. Empty when the file has errors. */
  readonly facts: ReadonlyMap<string, Fact>;
}

const stage = 'facts';

/** Read and validate facts.yaml; problems are attached to the returned file. */
export async function loadFacts(factsPath: string, options: { readonly yaml?: YamlMemo; readonly results?: ResultCache } = {}): Promise<FactsFile> {
  const text = await readFile(factsPath, 'utf8');
  const file = new VFile({ path: factsPath, value: text });
  const facts = new Map<string, Fact>();
  const yaml = readYaml(file, stage, options.yaml, options.results);
  const entries = yaml && validateYaml(yaml, factsFileSchema, stage, describeListEntry('Fact'));
  if (!yaml || !entries) return { file, facts };
  entries.forEach((entry, index) => {
    if (facts.has(entry.id)) {
      reportError(file, codes.duplicateId, ['fact', entry.id], { place: yaml.locate([index, 'id']), stage });
      return;
    }
    const statementPlace = yaml.locate([index, 'statement']);
    const statementRange = yaml.range([index, 'statement']);
    facts.set(entry.id, {
      ...entry,
      place: yaml.locate([index]),
      statementPlace,
      statementSource: statementRange ? text.slice(statementRange[0], statementRange[1]) : entry.statement,
      ...(entry.tip ? { tipReportPlace: yaml.locate([index, 'tip', 'report']) } : {}),
      ...(entry.tip?.tier ? { tipTierPlace: yaml.locate([index, 'tip', 'tier']) } : {}),
      ...(entry.figure?.value !== undefined ? { figureValuePlace: yaml.locate([index, 'figure', 'value']) } : {}),
      ...(entry.derived ? { derivedPlace: yaml.locate([index, 'derived']) } : {}),
      ...(entry.date ? { datePlace: yaml.locate([index, 'date']) } : {}),
      ...(entry.speaker?.date ? { speakerDatePlace: yaml.locate([index, 'speaker', 'date']) } : {}),
      ...(entry.figure ? { figurePlace: yaml.locate([index, 'figure']) } : {}),
      ...(entry.speaker?.words ? { speakerPlace: yaml.locate([index, 'speaker', 'words']) } : {}),
      citations: entry.citations.map((citation, position) => ({
        ...citation,
        place: yaml.locate([index, 'citations', position, 'quote']),
      })),
    });
  });
  return { file, facts };
}
