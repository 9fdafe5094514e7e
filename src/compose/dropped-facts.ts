import type { Point } from 'unist';
import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';

/** What the check reads of a fact. */
export interface DroppedFact {
  readonly id: string;
  readonly topics: readonly string[];
  readonly note?: string | undefined;
  /** The TIP report it comes from, if any. */
  readonly tip?: { readonly report: number } | undefined;
  /** Its entry's place in facts.yaml. */
  readonly place: Point;
}

/** What the check reads of one rendered brief. */
export interface DroppedBrief {
  readonly briefId: string;
  /** The brief template (where an `omit:` problem points). */
  readonly templatePath: string;
  readonly templateSource: string;
  /** Facts with a note marker in the brief. */
  readonly usedFacts: readonly string[];
  /** Facts whose statement the brief prints in full. */
  readonly printedFacts: ReadonlySet<string>;
  /** Facts whose caveat the brief prints. */
  readonly notedFacts: ReadonlySet<string>;
  /** The front matter's `omit:`: fact id → why the brief leaves it out. */
  readonly omit: Readonly<Record<string, string>>;
  /** Reports before this year are given in brief: their facts left out are one warning, not errors. */
  readonly inBriefBefore?: number | undefined;
}

/** The 1-based line of `id:` inside a template's front matter, for a located message. */
function omitPlace(source: string, id: string): Point | undefined {
  const lines = source.split('\n');
  const end = lines.indexOf('---', 1);
  const index = lines.slice(0, end > 0 ? end : lines.length).findIndex((line) => new RegExp(`(^|[\\s{,])${id}\\s*:`).test(line));
  return index >= 0 ? { line: index + 1, column: lines[index]!.indexOf(id) + 1 } : undefined;
}

/**
 * Nothing a curator wrote may vanish from a brief without a word. For one brief: every fact
 * that names it in `topics` has its statement printed (not only a note marker in a table
 * cell, a chart or the "As of" line) unless the front matter's `omit:` gives the reason; every
 * printed fact's caveat is printed; `omit:` names only facts of the brief's topic that it does
 * not print. Errors, located in facts.yaml (or the template, for `omit:`).
 */
export function findDroppedFacts(brief: DroppedBrief, facts: ReadonlyMap<string, DroppedFact>, factsPath: string): VFileMessage[] {
  const messages: VFileMessage[] = [];
  const inFacts = (message: VFileMessage) => Object.assign(message, { file: factsPath });
  const inBrief: string[] = [];
  const givenInBrief = (fact: DroppedFact) => brief.inBriefBefore !== undefined && fact.tip !== undefined && fact.tip.report < brief.inBriefBefore;
  for (const fact of facts.values()) {
    if (!fact.topics.includes(brief.briefId) || Object.hasOwn(brief.omit, fact.id)) continue;
    if (givenInBrief(fact) && (!brief.printedFacts.has(fact.id) || (fact.note && !brief.notedFacts.has(fact.id)))) {
      inBrief.push(fact.id);
      continue;
    }
    if (!brief.printedFacts.has(fact.id)) {
      const how = brief.usedFacts.includes(fact.id)
        ? 'it only carries a note marker (a table cell, a chart, a timeline entry or the "As of" line)'
        : 'no helper of the brief selects it (check its `tags` against the brief\'s `facts` lists)';
      messages.push(inFacts(createMessage(codes.factNotPrinted, [fact.id, brief.briefId, how], { place: fact.place, stage: 'compose' })));
    } else if (fact.note && !brief.notedFacts.has(fact.id)) {
      messages.push(inFacts(createMessage(codes.factNoteNotPrinted, [fact.id, brief.briefId], { place: fact.place, stage: 'compose' })));
    }
  }
  if (inBrief.length > 0) {
    const message = createMessage(codes.factsInBrief, [brief.briefId, brief.inBriefBefore!, inBrief], { stage: 'compose' });
    message.fatal = false;
    messages.push(Object.assign(message, { file: brief.templatePath }));
  }
  for (const id of Object.keys(brief.omit)) {
    const fact = facts.get(id);
    const why = !fact
      ? 'no fact has that id'
      : !fact.topics.includes(brief.briefId)
        ? 'the fact does not name the brief in `topics`'
        : brief.printedFacts.has(id)
          ? 'the brief prints it'
          : undefined;
    if (!why) continue;
    const message = createMessage(codes.omitUnknownFact, [brief.briefId, id, why], { place: omitPlace(brief.templateSource, id), stage: 'compose' });
    messages.push(Object.assign(message, { file: brief.templatePath }));
  }
  return messages;
}
