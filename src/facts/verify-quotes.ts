import type { VFile } from 'vfile';
import { codes, reportError } from '../diagnostics/index.js';
import { fold, foldForMatch, formatLocator, locatorOf, type FoldedText, type Locator, type SourceDoc } from '../ingest/index.js';
import { findClosestPassage } from './closest-passage.js';
import type { Fact, FactCitation } from './load-facts.js';

/** Where a quote was found in its source. */
export interface QuoteMatch {
  /** ¶ number of the paragraph holding the quote. */
  readonly paragraph: number;
  /** 1-based line of that paragraph in the document. */
  readonly line: number;
  /** Offsets of the quote within the folded paragraph text. */
  readonly start: number;
  readonly end: number;
  /** Offsets of the quote within the paragraph's text as the document has it (for highlights). */
  readonly textStart: number;
  readonly textEnd: number;
  /** How a note cites it: the page of a PDF, the ¶ of anything else. */
  readonly locator: Locator;
}

/** A citation whose quote was found. */
export interface VerifiedCitation extends FactCitation {
  readonly match: QuoteMatch;
  /** The digest of the document it was found in. */
  readonly sourceDigest: string;
  /**
   * Whether the source sets the passage, or part of it, in quotation marks: the passage holds
   * them, or stands between them in its paragraph. Only then does the source quote someone.
   * (Unknown on citations not made by verifyQuotes.)
   */
  readonly inQuotationMarks?: boolean;
}

/** A fact whose every quote was found in its source. */
export interface VerifiedFact extends Omit<Fact, 'citations'> {
  readonly citations: readonly VerifiedCitation[];
}

const stage = 'facts';

/** `¶ 6, line 23 (similarity 0.95): “…”`; the line only where it is a line of the file itself. */
function describe(similarity: number, where: string, line: number | undefined, text: string): string {
  const clipped = text.length > 320 ? `${text.slice(0, 317)}…` : text;
  return `${where}${line !== undefined ? `, line ${line}` : ''} (similarity ${similarity.toFixed(2)}): “${clipped}”`;
}

/** The number a fact's own `locator` gives (`¶ 12`, `p. 12`, `12`), and whether it names a page. */
function givenLocator(locator: string): { page: boolean; value: string } | undefined {
  const prefix = /^\s*(pp?\.|pages?\b|¶+|paras?\.|paragraphs?\b)?\s*/i.exec(locator)!;
  const value = /^[\divxlc]+/i.exec(locator.slice(prefix[0].length))?.[0];
  if (!value) return undefined;
  return { page: /^\s*(p|page)/i.test(prefix[1] ?? ''), value };
}

/**
 * Whether the passage `start…end` of a folded paragraph is, or holds, a quotation: it contains a
 * double quotation mark or a pair of single ones ('Tier 2', not the apostrophe of Kosovo's), or
 * an odd number of double quotation marks opens before it (folding made them all `"`).
 */
export function inQuotationMarks(folded: string, start: number, end: number): boolean {
  const passage = folded.slice(start, end);
  if (passage.includes('"')) return true;
  if (/(^|[\s(\[])'[\p{L}\p{N}][^']*[\p{L}\p{N}.,!?]'(?=$|[\s).,;:!?])/u.test(passage)) return true;
  return (folded.slice(0, start).match(/"/g)?.length ?? 0) % 2 === 1;
}

/**
 * Check every quote against its cited document. A quote must lie inside one paragraph after
 * folding white space, quote marks and dashes. Problems are attached to `factsFile`.
 */
export function verifyQuotes(
  facts: ReadonlyMap<string, Fact>,
  docs: ReadonlyMap<string, SourceDoc>,
  factsFile: VFile,
): Map<string, VerifiedFact> {
  // Folded once per document, and only for documents some fact cites.
  const foldedParagraphs = new Map<string, FoldedText[]>();
  const foldedOf = (doc: SourceDoc) => {
    let folded = foldedParagraphs.get(doc.id);
    if (!folded) {
      folded = doc.paragraphs.map((paragraph) => foldForMatch(paragraph.text));
      foldedParagraphs.set(doc.id, folded);
    }
    return folded;
  };
  // The same with hyphens inside words optional, for documents with soft hyphens (PDFs).
  const looseParagraphs = new Map<string, FoldedText[]>();
  const looseOf = (doc: SourceDoc) => {
    let folded = looseParagraphs.get(doc.id);
    if (!folded) {
      folded = doc.paragraphs.map((paragraph) => foldForMatch(paragraph.text, { looseHyphens: paragraph.text.includes('\u00ad') }));
      looseParagraphs.set(doc.id, folded);
    }
    return folded;
  };
  const verified = new Map<string, VerifiedFact>();
  for (const fact of facts.values()) {
    const citations: VerifiedCitation[] = [];
    for (const citation of fact.citations) {
      const doc = docs.get(citation.source);
      if (!doc) {
        reportError(factsFile, codes.unknownSource, [fact.id, citation.source, [...docs.keys()]], {
          place: citation.place,
          stage,
        });
        continue;
      }
      let quote = fold(citation.quote);
      let folded = foldedOf(doc);
      let index = folded.findIndex((paragraph) => paragraph.text.includes(quote));
      if (index < 0 && doc.paragraphs.some((paragraph) => paragraph.text.includes('\u00ad'))) {
        // A PDF line-end hyphen the reader could not decide on (a soft hyphen in the text):
        // there, `anti-trafficking` and `antitrafficking` are the same word.
        quote = foldForMatch(citation.quote, { looseHyphens: true }).text;
        folded = looseOf(doc);
        index = folded.findIndex((paragraph) => paragraph.text.includes(quote));
      }
      if (index < 0) {
        const closest = findClosestPassage(citation.quote, doc.paragraphs);
        const near = closest && doc.paragraphs[closest.paragraph - 1];
        reportError(factsFile, codes.quoteNotFound, [fact.id, doc.id], {
          place: citation.place,
          stage,
          actual: citation.quote,
          // A web page's or a PDF's lines are those of the extracted text: no use to a curator.
          expected: closest && near ? [describe(closest.similarity, formatLocator(near), doc.format === 'text' || doc.format === 'markdown' ? near.line : undefined, closest.text)] : undefined,
        });
        continue;
      }
      const paragraph = doc.paragraphs[index]!;
      const { text, map } = folded[index]!;
      const start = text.indexOf(quote);
      const end = start + quote.length;
      const locator = locatorOf(paragraph, { start: map[start]!, end: map[end]! });
      const given = citation.locator ? givenLocator(citation.locator) : undefined;
      const expected = given?.page ? locator.value.split('–')[0]! : String(paragraph.n);
      if (given !== undefined && given.value.toLowerCase() !== expected.toLowerCase()) {
        reportError(factsFile, codes.locatorMismatch, [fact.id, citation.locator ?? '', given.page ? `p. ${expected}` : `¶ ${paragraph.n}`], {
          place: citation.place,
          stage,
        });
        continue;
      }
      citations.push({
        ...citation,
        sourceDigest: doc.digest,
        inQuotationMarks: inQuotationMarks(text, start, end),
        match: { paragraph: paragraph.n, line: paragraph.line, start, end, textStart: map[start]!, textEnd: map[end]!, locator },
      });
    }
    if (citations.length !== fact.citations.length) continue;
    // A speaker's words are set in quotation marks: they must be verbatim part of a verified quote.
    const words = fact.speaker?.words;
    if (words !== undefined && !fact.citations.some((citation) => fold(citation.quote).includes(fold(words)))) {
      reportError(factsFile, codes.speakerWordsNotFound, [fact.id], { place: fact.speakerPlace ?? fact.place, stage, actual: words });
      continue;
    }
    verified.set(fact.id, { ...fact, citations });
  }
  return verified;
}
