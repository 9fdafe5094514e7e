import type { VerifiedFact } from '../facts/index.js';

/**
 * A statement's opening source frame ("According to the 2011 TIP report, …", "The 2011 TIP report
 * found that …"): in running text, a paragraph names its source once; the statements after it
 * that cite the same sources drop or shorten the frame.
 */
export interface SourceFrame {
  /** Who the frame names: "the 2011 TIP report". */
  readonly source: string;
  /** The verb of a "<source> <verb> that …" frame; undefined for "According to <source>, …". */
  readonly verb: string | undefined;
  /** The statement after the frame. */
  readonly rest: string;
}

// A frame names a source document, not a person or body the source reports ("the police reported
// that" is the source's attribution and always stays).
const namesSource = /\b(?:report|reports|summary|article|Wikipedia|encyclopedia|page|campaign|digest|website|press release|study|survey|brief)\b/i;

const according = /^According to ([^,]{3,100}), (.+)$/s;
const saidThat = /^((?:The|the|[A-Z][\w’'.-]*(?:’s|'s)?)\b[^,;:]{0,100}?) (states|stated|says|said|notes|noted|found|finds|reports|reported|adds|added) that (.+)$/s;

// A statement whose subject is its source, without "that": "The 2011 TIP report placed Kosovo in Tier 2."
const namedSubject = /^((?:The|[A-Z][\w’'.-]*(?:’s|'s)?)\b[^,;:]{0,100}?) ([a-z]+(?:ed|s))\b/;

/** Whether a statement opens by naming its source as its subject (it keeps its words; the next statements may name the source briefly). */
export function opensWithSource(statement: string): SourceFrame | undefined {
  const match = namedSubject.exec(statement);
  return match && namesSource.test(match[1]!) && !/\b(?:police|government|authorities|officials|NGOs?)\b/i.test(match[1]!) ? { source: match[1]!, verb: match[2]!, rest: '' } : undefined;
}

/** The frame a statement opens with, if it opens with one that names a source. */
export function sourceFrame(statement: string): SourceFrame | undefined {
  const a = according.exec(statement);
  if (a && namesSource.test(a[1]!)) return { source: a[1]!, verb: undefined, rest: a[2]! };
  const s = saidThat.exec(statement);
  if (s && namesSource.test(s[1]!)) return { source: s[1]!, verb: s[2]!, rest: s[3]! };
  return undefined;
}

const sourcesOf = (fact: VerifiedFact) => [...new Set(fact.citations.map((citation) => citation.source))].sort().join(' ');

/** How a paragraph refers to its source the second time: "the report", "the article" … */
function shortName(source: string): string {
  const kind = /\b(report|summary|article|page|study|survey|brief|digest|website)\b/i.exec(source)?.[1]?.toLowerCase();
  if (kind) return `the ${kind}`;
  return /Wikipedia/i.test(source) ? 'the article' : 'the source';
}

const past: Readonly<Record<string, string>> = { states: 'stated', says: 'said', notes: 'noted', finds: 'found', reports: 'reported', adds: 'added' };
const present: Readonly<Record<string, string>> = { stated: 'states', said: 'says', noted: 'notes', found: 'finds', reported: 'reports', added: 'adds' };

/** The reporting verbs a repeated frame takes in turn (the source's stance kept: a finding stays "found"). */
function verbsFor(verb: string | undefined, tense: 'past' | 'present'): string[] {
  const stance = verb?.toLowerCase();
  const judged = stance === 'found' || stance === 'finds' ? ['found'] : stance === 'reported' || stance === 'reports' ? ['reported'] : ['stated', 'added', 'noted'];
  return judged.map((word) => (tense === 'present' ? (present[word] ?? word) : word));
}

/**
 * A paragraph's statements with each source named in full once: after a statement that opens
 * with a frame naming its source ("The 2011 TIP report found that …"), the statements that
 * follow it citing the same sources name it briefly and vary the verb while keeping the
 * source's stance ("The report also found that …", "According to the report, …", "The report
 * added that …"). Attribution is never dropped; the words after the frame are unchanged.
 */
export function dropRepeatedFrames(facts: readonly VerifiedFact[], statements: readonly string[]): string[] {
  let run = '';
  let first: SourceFrame | undefined;
  let repeats = 0;
  return statements.map((text, index) => {
    const sources = sourcesOf(facts[index]!);
    const frame = sourceFrame(text);
    if (sources !== run || !first) {
      run = sources;
      first = frame ?? opensWithSource(text);
      repeats = 0;
      return text;
    }
    if (!frame) return text;
    const firstVerb = first.verb?.toLowerCase();
    const tense = firstVerb ? (past[firstVerb] ? 'present' : 'past') : /Wikipedia|article|encyclop/i.test(first.source) ? 'present' : 'past';
    const name = shortName(frame.source);
    const Name = name.replace(/^t/, 'T');
    const verbs = verbsFor(frame.verb, tense);
    const turn = repeats++;
    const verb = verbs[turn % verbs.length]!;
    // Every other repeat of a plain "states" frame reads "According to the report, …".
    if (verbs.length > 1 && turn % 2 === 1) return `According to ${name}, ${frame.rest}`;
    return `${Name} ${turn === 0 ? 'also ' : ''}${verb} that ${frame.rest}`;
  });
}
