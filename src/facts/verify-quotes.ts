import type { VFile } from 'vfile';
import { codes, reportError } from '../diagnostics/index.js';
import { fold, foldForMatch, formatLocator, locatorOf, type FoldedText, type Locator, type SourceDoc } from '../ingest/index.js';
import { findClosestPassage, type ClosestPassage } from './closest-passage.js';
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

/** `¶ 6, line 23 (similarity 0.95): “…”`: a closest passage, the line only where it is a line of the file itself. */
function describeClosest(similarity: number, where: string, line: number | undefined, text: string): string {
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

/** Fewer words than this is too little of a passage to support a statement (unless the fact says why). */
export const minQuoteWords = 5;

const wordChar = /[\p{L}\p{N}\p{M}]/u;
const digit = /\p{N}/u;

/**
 * Where `quote` occurs in `text` (both folded) starting and ending on a word or number
 * boundary: "sufficient care" is not in "insufficient care", "trained 32" not in "trained 323",
 * "3" not in "3.5". A quote that starts or ends with punctuation is bounded by it.
 */
export function boundedOccurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  if (quote === '') return found;
  const first = quote[0]!;
  const last = quote[quote.length - 1]!;
  for (let start = text.indexOf(quote); start >= 0; start = text.indexOf(quote, start + 1)) {
    const end = start + quote.length;
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    if (wordChar.test(first) && wordChar.test(before)) continue;
    if (wordChar.test(last) && wordChar.test(after)) continue;
    // A number's other half across a decimal point or a thousands separator: "3" of "3.5", "500" of "1,500".
    if (digit.test(first) && /[.,]/.test(before) && digit.test(text[start - 2] ?? '')) continue;
    if (digit.test(last) && /[.,]/.test(after) && digit.test(text[end + 1] ?? '')) continue;
    found.push(start);
  }
  return found;
}

/** The paragraphs (indexes) holding `quote` on word boundaries, with its first offset in each. */
function findQuote(paragraphs: readonly FoldedText[], quote: string): { index: number; start: number }[] {
  return paragraphs.flatMap((paragraph, index) => {
    const [start] = boundedOccurrences(paragraph.text, quote);
    return start === undefined ? [] : [{ index, start }];
  });
}

/** Where a quote is in a document, or why it is not. */
export type QuoteLocation =
  | { readonly kind: 'found'; readonly match: QuoteMatch; readonly inQuotationMarks: boolean }
  | {
      readonly kind: 'not-found';
      /** The passage most like it, with its ¶ or page, and its line where that is a line of the file. */
      readonly closest?: ClosestPassage & { readonly where: string; readonly line?: number };
      /** The words are there, but begin or end inside a longer word or number. */
      readonly inside: boolean;
    }
  /** Found in several places and no locator to choose one (`places`: ¶ or page of each). */
  | { readonly kind: 'ambiguous'; readonly places: readonly string[] }
  /** Found, but not where the citation's own locator says (`places`: where it is). */
  | { readonly kind: 'elsewhere'; readonly places: readonly string[] };

/** Finds quotes in documents, folding each document's paragraphs once. */
export type QuoteFinder = (citation: Pick<FactCitation, 'quote' | 'locator'>, doc: SourceDoc) => QuoteLocation;

/**
 * A quote finder: a quote must lie inside one paragraph after folding white space, quote marks
 * and dashes, start and end on word boundaries, and (when the citation gives a locator) be in
 * that ¶ or on that page. Used by `verifyQuotes` and by `briefs fetch` on new versions.
 */
export function createQuoteFinder(): QuoteFinder {
  // Folded once per document, and only for documents some quote is looked for in.
  const foldedParagraphs = new Map<SourceDoc, FoldedText[]>();
  const foldedOf = (doc: SourceDoc) => {
    let folded = foldedParagraphs.get(doc);
    if (!folded) {
      folded = doc.paragraphs.map((paragraph) => foldForMatch(paragraph.text));
      foldedParagraphs.set(doc, folded);
    }
    return folded;
  };
  // The same with hyphens inside words optional, for documents with soft hyphens (PDFs).
  const looseParagraphs = new Map<SourceDoc, FoldedText[]>();
  const looseOf = (doc: SourceDoc) => {
    let folded = looseParagraphs.get(doc);
    if (!folded) {
      folded = doc.paragraphs.map((paragraph) => foldForMatch(paragraph.text, { looseHyphens: paragraph.text.includes('\u00ad') }));
      looseParagraphs.set(doc, folded);
    }
    return folded;
  };
  return (citation, doc) => {
    let quote = fold(citation.quote);
    let folded = foldedOf(doc);
    let hits = findQuote(folded, quote);
    if (hits.length === 0 && doc.paragraphs.some((paragraph) => paragraph.text.includes('\u00ad'))) {
      // A PDF line-end hyphen the reader could not decide on (a soft hyphen in the text):
      // there, `anti-trafficking` and `antitrafficking` are the same word.
      quote = foldForMatch(citation.quote, { looseHyphens: true }).text;
      folded = looseOf(doc);
      hits = findQuote(folded, quote);
    }
    if (hits.length === 0) {
      const closest = findClosestPassage(citation.quote, doc.paragraphs);
      const near = closest && doc.paragraphs[closest.paragraph - 1];
      const inside = folded.some((paragraph) => paragraph.text.includes(quote));
      // A web page's or a PDF's lines are those of the extracted text: no use to a curator.
      const line = doc.format === 'text' || doc.format === 'markdown' ? near?.line : undefined;
      return { kind: 'not-found', inside, ...(closest && near ? { closest: { ...closest, where: formatLocator(near), ...(line !== undefined ? { line } : {}) } } : {}) };
    }
    const located = hits.map((hit) => {
      const paragraph = doc.paragraphs[hit.index]!;
      const { map } = folded[hit.index]!;
      return { ...hit, paragraph, locator: locatorOf(paragraph, { start: map[hit.start]!, end: map[hit.start + quote.length]! }) };
    });
    const given = citation.locator ? givenLocator(citation.locator) : undefined;
    // What the citation's own locator would have to say for each place the quote is found.
    const expectedOf = (hit: (typeof located)[number]) => (given?.page ? hit.locator.value.split('–')[0]! : String(hit.paragraph.n));
    const chosen = given === undefined ? located[0]! : located.find((hit) => given.value.toLowerCase() === expectedOf(hit).toLowerCase());
    // The same words in two places: which one the statement rests on is the curator's call.
    if (given === undefined && located.length > 1) return { kind: 'ambiguous', places: located.map((hit) => formatLocator(hit.paragraph)) };
    if (!chosen) return { kind: 'elsewhere', places: located.map((hit) => (given?.page ? `p. ${expectedOf(hit)}` : `¶ ${hit.paragraph.n}`)) };
    const { paragraph, locator } = chosen;
    const { text, map } = folded[chosen.index]!;
    const start = chosen.start;
    const end = start + quote.length;
    return {
      kind: 'found',
      inQuotationMarks: inQuotationMarks(text, start, end),
      match: { paragraph: paragraph.n, line: paragraph.line, start, end, textStart: map[start]!, textEnd: map[end]!, locator },
    };
  };
}

/**
 * Check every quote against its cited document (see createQuoteFinder). Problems are attached
 * to `factsFile`.
 */
export function verifyQuotes(
  facts: ReadonlyMap<string, Fact>,
  docs: ReadonlyMap<string, SourceDoc>,
  factsFile: VFile,
): Map<string, VerifiedFact> {
  const find = createQuoteFinder();
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
      const words = fold(citation.quote).split(' ').filter(Boolean).length;
      if (words < minQuoteWords && fact['short-quote'] === undefined) {
        reportError(factsFile, codes.quoteFewWords, [fact.id, citation.quote, words, minQuoteWords], { place: citation.place, stage });
        continue;
      }
      const found = find(citation, doc);
      if (found.kind === 'not-found') {
        const { closest } = found;
        reportError(factsFile, codes.quoteNotFound, [fact.id, doc.id], {
          place: citation.place,
          stage,
          actual: citation.quote,
          // Said when the words are there but inside longer ones: "sufficient care" in "insufficient care".
          ...(found.inside ? { note: 'The passage is there, but it begins or ends inside a word or a number: quote whole words and whole numbers.' } : {}),
          expected: closest ? [describeClosest(closest.similarity, closest.where, closest.line, closest.text)] : undefined,
        });
        continue;
      }
      if (found.kind === 'ambiguous') {
        reportError(factsFile, codes.quoteAmbiguous, [fact.id, doc.id, [...found.places]], { place: citation.place, stage });
        continue;
      }
      if (found.kind === 'elsewhere') {
        reportError(factsFile, codes.locatorMismatch, [fact.id, citation.locator ?? '', found.places.join(' or ')], { place: citation.place, stage });
        continue;
      }
      citations.push({ ...citation, sourceDigest: doc.digest, inQuotationMarks: found.inQuotationMarks, match: found.match });
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
