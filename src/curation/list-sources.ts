import { describeLocator, type SourceFormat } from '../ingest/index.js';
import type { CurationDoc, CurationFact, CurationInput } from './types.js';

/** A fact that cites a document, and where. */
export interface CitingFact {
  readonly id: string;
  /** Where it cites the document, in document order: `¶ 12`, or `p. 3` in a PDF. */
  readonly locators: readonly string[];
  /** The ¶ number of each locator's first cited paragraph (for ordering: page labels such as `iv` do not sort). */
  readonly paragraphs: readonly number[];
}

/** One document of the collection, as a curator sees it. */
export interface SourceSummary {
  /** Id from sources.yaml. */
  readonly id: string;
  /** Title from sources.yaml. */
  readonly title: string;
  /** Absolute path of the document. */
  readonly path: string;
  readonly format: SourceFormat;
  /** sha256 of the document's bytes (hex). */
  readonly digest: string;
  /** Numbered paragraphs (what quotes are found in). */
  readonly paragraphs: number;
  /** Pages (PDF only). */
  readonly pages?: number;
  /** Facts that cite the document, in facts.yaml order. */
  readonly facts: readonly CitingFact[];
}

/** `¶ 12`, `p. 12` or `pp. 12–13`: how a note cites the passage. */
export const locatorText = describeLocator;

/** The facts citing `doc`, each with its locators in document order (a passage cited twice is listed once). */
export function citingFacts(doc: Pick<CurationDoc, 'id'>, facts: Iterable<CurationFact>): CitingFact[] {
  const citing: CitingFact[] = [];
  for (const fact of facts) {
    const matches = fact.citations.filter((citation) => citation.source === doc.id).map((citation) => citation.match);
    if (matches.length === 0) continue;
    const byLocator = new Map<string, number>();
    for (const match of [...matches].sort((a, b) => a.paragraph - b.paragraph)) {
      const locator = locatorText(match.locator);
      if (!byLocator.has(locator)) byLocator.set(locator, match.paragraph);
    }
    citing.push({ id: fact.id, locators: [...byLocator.keys()], paragraphs: [...byLocator.values()] });
  }
  return citing;
}

/** Every document, in sources.yaml order, with the facts that cite it. */
export function listSources(input: Pick<CurationInput, 'sources' | 'facts'>): SourceSummary[] {
  return [...input.sources.docs.values()].map((doc) => ({
    id: doc.id,
    title: doc.bib.title,
    path: doc.path,
    format: doc.format,
    digest: doc.digest,
    paragraphs: doc.paragraphs.length,
    ...(doc.pages !== undefined ? { pages: doc.pages } : {}),
    facts: citingFacts(doc, input.facts.values()),
  }));
}
