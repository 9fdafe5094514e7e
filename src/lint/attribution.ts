import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import { locateInStatement } from '../facts/index.js';
import { clip, isContent, sentencesOf, stopwords, wordsOf, type WordAt } from './text.js';
import type { LintFact, LintInput } from './types.js';

/** One attribution a quote makes: who (unnamed for "there are reports"), and what to. */
export interface Attribution {
  /** The words that attribute, with who: `the police reported`. */
  readonly phrase: string;
  /** Stems of the words naming who; empty where the quote names nobody. */
  readonly agent: ReadonlySet<string>;
  /** Stems of what the quote attributes (the rest of its sentence). */
  readonly content: ReadonlySet<string>;
}

// In a quote, only verbs that attribute: "reports that", never the noun "report"; lower case, so
// that "the United States" attributes nothing.
const quoteAttribution =
  /\b(?:[Aa]ccording to|is quoted as saying|[Rr]eportedly|[Aa]llegedly|(?:reported|claimed|claiming|alleged|alleging|said|saying|stated|stating|noted|noting|observed|estimated|suggested|believed|asserted|argued|declared|criticized|criticised|warned|acknowledged|admitted|denied|told|expressed (?:concerns?|fears?|doubts?|worries))\b|(?:reports|report|claims|states|notes|says|estimates|suggests|believes|argues|warns|alleges) that\b)/g;

// In a statement, any word that attributes, the statement's own frame included.
const statementAttribution =
  /\b(?:according to|in the words of|as saying|reported|reports?|reporting|reportedly|claimed|claims?|claiming|alleged|alleges|allegedly|said|says|saying|stated|states|stating|noted|notes|noting|observed|estimated|estimates|suggested|suggests|believed|asserted|argued|declared|criticized|criticised|warned|told|expressed|cites|cited|citing|quotes|quoted|quoting)\b/gi;

// Attribution words followed, not preceded, by who: "according to one NGO", "cites an NGO".
const agentAfter = /^(according to|in the words of|cites|cited|citing|quotes|quoted|quoting)$/i;

// What separates who says from what precedes it: "Nonetheless, the police reported".
const boundary = /[,;:()"“”]|\b(?:that|and|but|while|whereas|which|who|as|when|because|although)\b/g;

// Who is the cited document itself (or its author): its finding, not an attribution to drop.
const documentWords = new Set(['it', 'its', 'report', 'reports', 'article', 'summary', 'page', 'state', 'department', 'us', 'u', 's', 'united', 'states', 'tip', 'trafficking', 'persons', 'annual', 'wikipedia', 'koha']);

// Words that name no one: "Police continue to report", "there are reports that".
const notAgents = new Set(['continue', 'continued', 'continues', 'also', 'later', 'there', 'despite', 'amid', 'following', 'many', 'several', 'some', 'however', 'nonetheless', 'further', 'furthermore', 'finally', 'instead']);

// Stems almost every statement of this collection shares: no evidence of the same content.
const ubiquitous = new Set(['kosov', 'traff', 'victi', 'gover']);

// Who: content words, and short names ("IOM", "UN"); never "The" or a year.
const agentWords = (text: string): WordAt[] =>
  wordsOf(text).filter((word) => {
    const lower = word.word.toLowerCase().replace(/['’]s$/, '');
    return !notAgents.has(lower) && !stopwords.has(lower) && (lower.length >= 4 || /^[A-Z]/.test(word.word)) && !/^\d+$/.test(word.word);
  });

const contentStems = (text: string, without: ReadonlySet<string>): Set<string> =>
  new Set(wordsOf(text).filter((word) => (isContent(word.word) || /^\d+$/.test(word.word)) && !ubiquitous.has(word.stem) && !without.has(word.stem)).map((word) => word.stem));

/** The text before `end` back to the nearest boundary, over up to two boundaries where it names no one. */
function subjectBefore(sentence: string, end: number): string {
  const before = sentence.slice(0, end);
  const cuts = [0, ...[...before.matchAll(boundary)].map((match) => match.index + match[0].length)];
  for (let back = 1; back <= 3 && back <= cuts.length; back++) {
    const text = before.slice(cuts[cuts.length - back]!);
    if (agentWords(text).length > 0 || /^\s*it\b/i.test(text)) return text;
  }
  return before.slice(cuts.at(-1)!);
}

const isDocument = (text: string): boolean => {
  if (/^\s*it\b/i.test(text)) return true;
  const words = wordsOf(text).filter((word) => !stopwords.has(word.word.toLowerCase()) && (isContent(word.word) || /^[A-Z]/.test(word.word)));
  return words.length > 0 && words.every((word) => documentWords.has(word.word.toLowerCase().replace(/['’]s$/, '')) || /^\d+$/.test(word.word));
};

/** The attributions of one quote: "the police reported …", "according to one NGO, …". */
export function attributionsIn(quote: string): Attribution[] {
  const found: Attribution[] = [];
  for (const sentence of sentencesOf(quote)) {
    for (const match of sentence.text.matchAll(quoteAttribution)) {
      const verb = match[0];
      const at = match.index;
      let who: string;
      let said: string;
      if (/^according to$/i.test(verb)) {
        const rest = sentence.text.slice(at + verb.length);
        const comma = rest.search(/[,;:]/);
        who = comma >= 0 ? rest.slice(0, comma) : rest;
        said = comma >= 0 ? rest.slice(comma + 1) : '';
      } else {
        if (/^estimated$/.test(verb) && /\b(an|a|the)\s+$/.test(sentence.text.slice(0, at))) continue;
        who = subjectBefore(sentence.text, at);
        // "…, claiming that …": who claims is the sentence's subject.
        if (agentWords(who).length === 0 && /ing$/.test(verb) && !/^(there|despite)/i.test(who.trim())) who = sentence.text.split(/\s+/).slice(0, 3).join(' ');
        said = sentence.text.slice(at + verb.length);
      }
      if (isDocument(who)) continue;
      const agent = new Set(agentWords(who).map((word) => word.stem));
      found.push({ phrase: clip(`${who.trim()} ${verb}`.trim(), 60), agent, content: contentStems(said, agent) });
    }
  }
  return found;
}

interface StatementAttribution {
  readonly start: number;
  readonly end: number;
  /** Stems of the words that may name who: before the verb, or after "according to". */
  readonly near: ReadonlySet<string>;
  /** Whether it attributes to the cited document itself: "The 2011 TIP report states that". */
  readonly frame: boolean;
}

// Titles in curly quotes name a document: “Prostitution in Kosovo”.
const maskTitles = (text: string) =>
  text.replace(/“([^”]{7,})”/g, (_, inner: string) => `“${'article'.padEnd(inner.length, ' ')}”`);

/** The words of a statement that attribute, each with the words that may name who. */
function statementAttributions(statement: string): StatementAttribution[] {
  const text = maskTitles(statement);
  const words = wordsOf(text);
  // "the 2011 TIP report", "Amnesty International's 2004 report": the noun, which attributes nothing.
  const noun = (match: RegExpMatchArray) => /^reports?$/i.test(match[0]) && /(?:\b(?:the|a|an|its|their|this|TIP)|\d{4}|['’]s)\s+$/i.test(text.slice(0, match.index));
  return [...text.matchAll(statementAttribution)].filter((match) => !noun(match)).map((match) => {
    const start = match.index;
    const end = start + match[0].length;
    const after = agentAfter.test(match[0]);
    // Who says it stands within ten words before the verb ("the government justified its many
    // raids partly as prevention and reported"), or six after "according to", in its clause.
    const clauseStart = Math.max(0, ...[...text.slice(0, start).matchAll(/[;.]\s/g)].map((cut) => cut.index + 1));
    const clauseEnd = text.slice(end).search(/[;.]\s|[;.]$/);
    const window = after
      ? words.filter((word) => word.start >= end && (clauseEnd < 0 || word.start < end + clauseEnd)).slice(0, 6)
      : words.filter((word) => word.end <= start && word.start >= clauseStart).slice(-10);
    const subject = after ? text.slice(end).split(/[,;:]/)[0]! : subjectBefore(text, start);
    return { start, end, near: new Set(window.map((word) => word.stem)), frame: isDocument(subject) || /\b(report|summary|article|page|wikipedia|koha)\b/i.test(subject) };
  });
}

/** Whether a statement says what an attribution attributes: it shares enough of its content. */
function restates(statementStems: ReadonlySet<string>, attribution: Attribution): boolean {
  const shared = [...attribution.content].filter((item) => statementStems.has(item)).length;
  return shared > 0 && shared >= Math.min(3, Math.max(1, Math.ceil(attribution.content.size / 2)));
}

/** The attributions a statement drops, and where in the statement to point. */
function droppedAttributions(fact: LintFact): { attribution: Attribution; start: number; end: number }[] {
  const statementWords = wordsOf(fact.statement);
  const stems = new Set(statementWords.map((word) => word.stem));
  const attributions = statementAttributions(fact.statement);
  const dropped: { attribution: Attribution; start: number; end: number }[] = [];
  for (const citation of fact.citations) {
    for (const attribution of attributionsIn(citation.quote)) {
      if (!restates(stems, attribution)) continue;
      if (attributions.some((found) => [...attribution.agent].some((item) => found.near.has(item)))) continue;
      const named = statementWords.find((word) => attribution.agent.has(word.stem));
      // Who said it is not named at all: any attribution beyond the statement's frame keeps it.
      if (!named && attributions.some((found) => !found.frame)) continue;
      if (dropped.some((known) => known.attribution.phrase === attribution.phrase)) continue;
      dropped.push({ attribution, start: named?.start ?? 0, end: named?.end ?? 0 });
    }
  }
  return dropped;
}

/**
 * Statements that say what their quote attributes ("the police reported …", "according to one
 * NGO …", "international experts expressed concern that …") without an attribution: no
 * reporting verb or "according to" near who said it, or none beyond the statement's own frame
 * ("The 2011 TIP report states that …") where it no longer names them. Warnings at the statement.
 */
export function findDroppedAttributions(input: LintInput): VFileMessage[] {
  const messages: VFileMessage[] = [];
  for (const fact of input.facts.values()) {
    for (const dropped of droppedAttributions(fact)) {
      const place = locateInStatement(fact, dropped.start, dropped.end);
      const message = createMessage(codes.attributionDropped, [fact.id, dropped.attribution.phrase], { place, stage: 'lint' });
      message.file = input.factsPath;
      message.fatal = false;
      messages.push(message);
    }
  }
  return messages;
}
