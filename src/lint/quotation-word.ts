import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import { locateInStatement } from '../facts/index.js';
import type { LintCitation, LintInput } from './types.js';

/** Whether the source quotes someone in this passage: as verifyQuotes found, or else by the quote's own quotation marks. */
const quotesSomeone = (citation: LintCitation): boolean => citation.inQuotationMarks ?? /["“”„«»]|(^|\s)['‘][\p{L}\p{N}][^'’]*['’](\s|[.,;:]|$)/u.test(citation.quote);

/**
 * Statements that say a source "quotes" (quoting, quoted) where none of the fact's quotes stands
 * in quotation marks in its source: the source paraphrases, and the statement should say so
 * ("Koha's summary says …"). Warnings at the word.
 */
export function findQuotesWithoutQuotation(input: LintInput): VFileMessage[] {
  const messages: VFileMessage[] = [];
  for (const fact of input.facts.values()) {
    const word = /\b(quotes|quoting|quoted)\b/i.exec(fact.statement);
    if (!word || fact.citations.some(quotesSomeone)) continue;
    const place = locateInStatement(fact, word.index, word.index + word[0].length);
    const message = createMessage(codes.quotesWithoutQuotation, [fact.id, word[0]], { place, stage: 'lint' });
    message.file = input.factsPath;
    message.fatal = false;
    messages.push(message);
  }
  return messages;
}
