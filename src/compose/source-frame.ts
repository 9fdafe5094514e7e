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

/** The frame a statement opens with, if it opens with one that names a source. */
export function sourceFrame(statement: string): SourceFrame | undefined {
  const a = according.exec(statement);
  if (a && namesSource.test(a[1]!)) return { source: a[1]!, verb: undefined, rest: a[2]! };
  const s = saidThat.exec(statement);
  if (s && namesSource.test(s[1]!)) return { source: s[1]!, verb: s[2]!, rest: s[3]! };
  return undefined;
}

const sourcesOf = (fact: VerifiedFact) => [...new Set(fact.citations.map((citation) => citation.source))].sort().join(' ');

// What a "found"/"reported" frame becomes the second time in a paragraph (after that, nothing).
const again: Readonly<Record<string, string>> = {
  found: 'The report also found that',
  finds: 'The report also found that',
  reported: 'It also reported that',
  reports: 'It also reported that',
};

const capitalise = (text: string) => text.replace(/^[a-z]/, (c) => c.toUpperCase());

/**
 * A paragraph's statements with each source named once: after a statement that opens with a
 * frame naming its source, the statements that follow it citing the same sources lose
 * "According to <source>," / "<source> states that"; a "found" or "reported" frame is said once
 * more briefly ("The report also found that"), then dropped.
 */
export function dropRepeatedFrames(facts: readonly VerifiedFact[], statements: readonly string[]): string[] {
  let run = '';
  let framed = false;
  let shortened = false;
  return statements.map((text, index) => {
    const sources = sourcesOf(facts[index]!);
    const frame = sourceFrame(text);
    if (sources !== run || !framed) {
      run = sources;
      framed = frame !== undefined;
      shortened = false;
      return text;
    }
    if (!frame) return text;
    const verb = frame.verb?.toLowerCase();
    const briefly = verb ? again[verb] : undefined;
    if (briefly && !shortened && (index < 2 || !/^The report also|^It also/.test(statements[index - 1] ?? ''))) {
      shortened = true;
      return `${briefly} ${frame.rest}`;
    }
    return capitalise(frame.rest);
  });
}
