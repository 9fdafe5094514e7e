import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import type { LintInput } from './types.js';

const words: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90,
};
const scales: Readonly<Record<string, number>> = { hundred: 100, thousand: 1_000, million: 1_000_000 };

/** Every number a passage states, in digits (`216,234`, `60%`) or in words (`nine`, `one hundred`). */
export function numbersIn(text: string): Set<number> {
  const found = new Set<number>();
  for (const match of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) found.add(Number(match[0].replace(/,/g, '')));
  const tokens = text.toLowerCase().match(/[a-z]+/g) ?? [];
  tokens.forEach((token, index) => {
    const value = words[token] ?? (token === 'a' ? 1 : undefined);
    if (value === undefined) return;
    const scale = scales[tokens[index + 1] ?? ''];
    if (token !== 'a' || scale) found.add(scale ? value * scale : value);
  });
  // "No labor trafficking offenders were convicted", "did not identify any": zero.
  if (/\b(no|none|not|zero|nothing)\b/i.test(text)) found.add(0);
  return found;
}

function warning(message: VFileMessage, factsPath: string): VFileMessage {
  message.file = factsPath;
  message.fatal = false;
  return message;
}

/**
 * Figures without a `period` (the year they describe), and figure values that none of the
 * fact's quotes states. Reported at the fact's `figure`.
 */
export function checkFigures(input: LintInput): VFileMessage[] {
  const messages: VFileMessage[] = [];
  for (const fact of input.facts.values()) {
    const figure = fact.figure;
    if (!figure) continue;
    const place = fact.figurePlace ?? fact.place;
    if (figure.period === undefined) {
      messages.push(warning(createMessage(codes.figurePeriodMissing, [fact.id], { place, stage: 'lint' }), input.factsPath));
    }
    const value = figure.value;
    if (value !== undefined && !fact.citations.some((citation) => numbersIn(citation.quote).has(value))) {
      messages.push(warning(createMessage(codes.figureNotInQuote, [fact.id, String(value)], { place, stage: 'lint' }), input.factsPath));
    }
  }
  return messages;
}
