import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import type { LintInput } from './types.js';

/**
 * Facts that name a brief in `topics` that does not use them. Only briefs that were rendered
 * count (`briefs check --brief x` says nothing about the others). Reported at the fact.
 */
export function findUnusedFacts(input: LintInput): VFileMessage[] {
  const used = new Map(input.briefs.map((brief) => [brief.briefId, new Set(brief.usedFacts)]));
  const messages: VFileMessage[] = [];
  for (const fact of input.facts.values()) {
    const missing = fact.topics.filter((topic) => used.has(topic) && !used.get(topic)!.has(fact.id));
    if (missing.length === 0) continue;
    const message = createMessage(codes.factUnused, [fact.id, missing], { place: fact.place, stage: 'lint' });
    message.file = input.factsPath;
    message.fatal = false;
    messages.push(message);
  }
  return messages;
}
