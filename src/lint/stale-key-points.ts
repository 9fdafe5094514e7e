import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import { subjectTags } from '../facts/index.js';
import type { LintInput } from './types.js';


/**
 * Key points must not go stale when a new report arrives: a `point` whose fact comes from a TIP
 * report older than the newest report the brief's facts have on one of its subjects is a
 * warning at the key point's fact, naming the newer fact.
 */
export function findStaleKeyPoints(input: LintInput): VFileMessage[] {
  const messages: VFileMessage[] = [];
  for (const brief of input.briefs) {
    const topic = [...input.facts.values()].filter((fact) => fact.topics.includes(brief.briefId) && fact.tip);
    for (const id of brief.keyPoints ?? []) {
      const fact = input.facts.get(id);
      if (!fact?.tip) continue;
      const own = (fact.tags ?? []).filter((tag) => subjectTags.has(tag));
      let newest: { report: number; id: string; shared: string[] } | undefined;
      for (const other of topic) {
        if (other.tip!.report <= fact.tip.report) continue;
        const shared = own.filter((tag) => (other.tags ?? []).includes(tag));
        if (shared.length > 0 && (!newest || other.tip!.report > newest.report)) newest = { report: other.tip!.report, id: other.id, shared };
      }
      if (!newest) continue;
      const message = createMessage(codes.keyPointStale, [id, brief.briefId, fact.tip.report, newest.report, newest.id, newest.shared], {
        place: fact.place,
        stage: 'lint',
      });
      message.fatal = false;
      messages.push(Object.assign(message, { file: input.factsPath }));
    }
  }
  return messages;
}
