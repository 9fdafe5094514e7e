import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import { locateInStatement, tokensIn, type Token } from '../facts/index.js';
import { clip, isContent, stem, stopwords, wordsOf, type WordAt } from './text.js';
import type { LintInput } from './types.js';

/**
 * Qualifiers of a number, by what they mean: a statement may write another of the same class
 * ("about" for "approximately", "over" for "more than"), never none or another class.
 */
const numberQualifiers: Readonly<Record<string, readonly string[]>> = {
  more: ['more than', 'in excess of', 'upwards of', 'over', 'above'],
  nearly: ['nearly', 'almost', 'close to', 'just under'],
  about: ['approximately', 'approximate', 'an estimated', 'about', 'around', 'roughly', 'some', 'an average of', 'average'],
  'up to': ['up to', 'as many as', 'at most', 'a maximum of', 'maximum'],
  'at least': ['at least', 'no fewer than', 'no less than', 'a minimum of', 'minimum'],
  less: ['fewer than', 'less than', 'under', 'below'],
};

const qualifierClass = new Map(Object.entries(numberQualifiers).flatMap(([name, phrases]) => phrases.map((phrase) => [phrase, name] as const)));
// Longest first: "more than" before "over", "an estimated" before "about".
const qualifierPattern = new RegExp(
  String.raw`(?:^|[^\p{L}])(${[...qualifierClass.keys()].sort((a, b) => b.length - a.length).map((phrase) => phrase.replace(/\./g, '\\.')).join('|')})\s+(?:an?\s+)?$`,
  'iu',
);

// Any qualifier at all, followed by a word: a quote without one qualifies no number (and is
// not worth reading for its numbers).
const anyQualifier = new RegExp(String.raw`(?:^|[^\p{L}])(?:${[...qualifierClass.keys()].map((phrase) => phrase.replace(/\./g, '\\.')).join('|')})\s`, 'iu');

/** The qualifier class just before `start` ("over 300"), if any. */
function qualifierBefore(text: string, start: number): { readonly name: string; readonly phrase: string } | undefined {
  const match = qualifierPattern.exec(text.slice(Math.max(0, start - 30), start));
  const phrase = match?.[1]?.toLowerCase();
  return phrase ? { name: qualifierClass.get(phrase)!, phrase } : undefined;
}

/** The stem of the first word after a token ("300 bars" → `bar`), what the number counts. */
function counted(text: string, end: number): string | undefined {
  const next = /^\s+([\p{L}]+)/u.exec(text.slice(end))?.[1];
  return next ? stem(next) : undefined;
}

const counts = new Set<Token['kind']>(['number', 'percent', 'money']);

// Stems almost every statement of this collection shares: no evidence of the same list item.
const ubiquitous = new Set(['traff', 'victi', 'kosov', 'gover']);

interface Dropped {
  readonly quoted: string;
  readonly stated: string;
  readonly start: number;
  readonly end: number;
}

/** "over 300 bars" in the quote, "300 bars" in the statement. */
function droppedNumberQualifier(statement: string, quote: string): Dropped | undefined {
  if (!anyQualifier.test(quote)) return undefined;
  let stated: Token[] | undefined;
  for (const token of tokensIn(quote)) {
    if (!counts.has(token.kind)) continue;
    const qualifier = qualifierBefore(quote, token.start);
    if (!qualifier) continue;
    const thing = token.kind === 'number' ? counted(quote, token.end) : undefined;
    stated ??= tokensIn(statement).filter((candidate) => counts.has(candidate.kind));
    const same = stated.filter((candidate) => {
      if (candidate.key !== token.key) return false;
      // "one year" is not "one for over a year": the counted word follows the number.
      return thing === undefined || counted(statement, candidate.end) === thing;
    });
    if (same.length === 0 || same.some((candidate) => qualifierBefore(statement, candidate.start)?.name === qualifier.name)) continue;
    const candidate = same[0]!;
    const quotedEnd = thing === undefined ? token.end : token.end + (/^\s+[\p{L}]+/u.exec(quote.slice(token.end))?.[0].length ?? 0);
    const statedEnd = thing === undefined ? candidate.end : candidate.end + (/^\s+[\p{L}]+/u.exec(statement.slice(candidate.end))?.[0].length ?? 0);
    return {
      quoted: `${qualifier.phrase} ${quote.slice(token.start, quotedEnd)}`,
      stated: statement.slice(candidate.start, statedEnd),
      start: candidate.start,
      end: candidate.end,
    };
  }
  return undefined;
}

const inclusive = /\b(?:including|includ\w*|such as|among(?: them| others)?|for example|e\.g\.|notably|in particular)\b/i;

/**
 * The statement's words that repeat a list item: two of its stems within eight words (so
 * that "in force" is not "forced begging"), from where such a run starts.
 */
function itemRun(statementWords: readonly WordAt[], stems: ReadonlySet<string>): WordAt[] {
  for (let index = 0; index < statementWords.length; index++) {
    if (!stems.has(statementWords[index]!.stem)) continue;
    const run = statementWords.slice(index, index + 8).filter((word) => stems.has(word.stem));
    if (new Set(run.map((word) => word.stem)).size >= 2) return run;
  }
  return [];
}

/** "including Moldova, Albania …" in the quote; the same items in the statement, as if the whole list. */
function droppedListQualifier(statement: string, quote: string): Dropped | undefined {
  const statementWords = wordsOf(statement);
  for (const match of quote.matchAll(/\b(including|such as)\s+([^.;:)]+)/gi)) {
    const list = match[2]!;
    // "including 155 new police recruits": a count, not a list whose items could be repeated.
    if (/^\s*(?:an?\s+)?[\d$€£]/.test(list) || tokensIn(list)[0]?.start === 0) continue;
    const items = list.split(/,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+/).map((item) => item.trim()).filter(Boolean);
    const named = items.filter((item) => /^[A-Z]/.test(item));
    const found: WordAt[] = [];
    if (named.length >= 2) {
      const inStatement = named.flatMap((item) => statementWords.filter((word) => word.word === item.split(/\s+/)[0]).slice(0, 1));
      if (inStatement.length >= 2) found.push(...inStatement);
    } else {
      for (const item of items) {
        const stems = new Set(wordsOf(item).filter((word) => isContent(word.word) && !ubiquitous.has(word.stem)).map((word) => word.stem));
        found.push(...itemRun(statementWords, stems));
      }
    }
    if (found.length === 0) continue;
    const first = found.reduce((a, b) => (a.start <= b.start ? a : b));
    const last = found.reduce((a, b) => (a.end >= b.end ? a : b));
    // The list is kept open where "including" (or the like) stands in its clause, before or among its items.
    const clauseStart = Math.max(...[...statement.slice(0, first.start).matchAll(/[;:.(]/g)].map((cut) => cut.index + 1), 0);
    if (inclusive.test(statement.slice(clauseStart, last.end))) continue;
    return { quoted: clip(match[0], 70), stated: clip(statement.slice(first.start, last.end), 70), start: first.start, end: first.end };
  }
  return undefined;
}

/** The words after "most" or "some" that name what it qualifies: up to three before a stop word, at least two. */
function quantified(after: string): string | undefined {
  const words = after.split(/\s+/).filter(Boolean).map((word) => word.replace(/[^\p{L}\p{N}-]+$/u, ''));
  if (/^(of|were|are|is|was|have|had|recent|likely|the|a|an)$/i.test(words[0] ?? '')) return undefined;
  const content: string[] = [];
  for (const word of words.slice(0, 3)) {
    if (stopwords.has(word.toLowerCase()) || word === '') break;
    content.push(word);
  }
  const thing = content.length >= 2 ? content : words.slice(0, 2);
  return thing.length === 2 || thing.length === 3 ? thing.join(' ').toLowerCase() : undefined;
}

/** "most foreign victims" in the quote, "foreign victims" in the statement (and nowhere "most foreign victims"). */
function droppedQuantifier(statement: string, quote: string): Dropped | undefined {
  const lower = statement.toLowerCase();
  for (const match of quote.matchAll(/(?<!\b(?:the|at)\s)\b(most|some)\s+([^.;:,()]+)/giu)) {
    const thing = quantified(match[2]!);
    if (!thing) continue;
    const places = [...lower.matchAll(new RegExp(`\\b${thing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'))].map((found) => found.index);
    if (places.length === 0) continue;
    const qualified = (at: number) => /\b(most|some|many|several|mostly|mainly|majority of|largely)\s+(?:of\s+(?:the\s+)?)?$/i.test(lower.slice(Math.max(0, at - 25), at));
    if (places.some(qualified)) continue;
    const at = places[0]!;
    return { quoted: `${match[1]} ${thing}`, stated: statement.slice(at, at + thing.length), start: at, end: at + thing.length };
  }
  return undefined;
}

/**
 * Statements that repeat what a quote qualifies without its qualifier: a number ("over 300
 * bars" → "300 bars"; "approximately" may become "about", never nothing), a list ("including
 * Moldova, Albania" → a list of the same items with no "including", "such as", "among them"),
 * a share ("most foreign victims" → "foreign victims"). Warnings at the statement's words.
 */
export function findDroppedQualifiers(input: LintInput): VFileMessage[] {
  const messages: VFileMessage[] = [];
  for (const fact of input.facts.values()) {
    const seen = new Set<string>();
    for (const citation of fact.citations) {
      const found = [
        droppedNumberQualifier(fact.statement, citation.quote),
        droppedListQualifier(fact.statement, citation.quote),
        droppedQuantifier(fact.statement, citation.quote),
      ];
      for (const dropped of found) {
        if (!dropped || seen.has(dropped.quoted)) continue;
        seen.add(dropped.quoted);
        const place = locateInStatement(fact, dropped.start, dropped.end);
        const message = createMessage(codes.qualifierDropped, [fact.id, dropped.quoted, dropped.stated], { place, stage: 'lint' });
        message.file = input.factsPath;
        message.fatal = false;
        messages.push(message);
      }
    }
  }
  return messages;
}
