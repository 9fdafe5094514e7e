import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import type { LintInput } from './types.js';

// The reading of numbers moved to the facts stage, where a figure whose value no quote states
// is an error (`figure-not-in-quote`); kept here for the callers that read numbers.
export { numbersIn } from '../facts/index.js';

function warning(message: VFileMessage, factsPath: string): VFileMessage {
  message.file = factsPath;
  message.fatal = false;
  return message;
}

/**
 * Figures without a `period` (the year they describe), reported at the fact's `figure`. (A
 * value none of the fact's quotes states is an error of the facts stage: see checkStatements.)
 */
export function checkFigures(input: LintInput): VFileMessage[] {
  const messages: VFileMessage[] = [];
  for (const fact of input.facts.values()) {
    const figure = fact.figure;
    if (!figure || figure.period !== undefined) continue;
    const place = fact.figurePlace ?? fact.place;
    messages.push(warning(createMessage(codes.figurePeriodMissing, [fact.id], { place, stage: 'lint' }), input.factsPath));
  }
  return messages;
}
