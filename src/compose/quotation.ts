import { fold, type SourceDoc } from '../ingest/index.js';
import type { VerifiedFact } from '../facts/index.js';
import { formatIsoDate } from './format-date.js';
import { escapeInline } from './markdown-text.js';
import type { NoteMarks } from './notes.js';
import { caveat } from './statement.js';
import { sourceLabel } from './source-label.js';

/**
 * What a named person or body said, set apart as a block quotation: their own words in
 * quotation marks (only words verified verbatim in the source), or, for reported speech, the
 * fact's attributed statement; then who, in what role, when (or "date not stated") and the
 * source that reports it. The fact is recorded as stated.
 */
export function quotation(fact: VerifiedFact, docs: ReadonlyMap<string, SourceDoc>, marks: NoteMarks): string {
  const speaker = fact.speaker;
  if (!speaker) return '';
  const who = [`**${escapeInline(speaker.name)}**`, speaker.role ? escapeInline(speaker.role) : undefined].filter(Boolean).join(', ');
  const { language } = marks;
  const when = speaker.date ? formatIsoDate(speaker.date, language) : language.t('dateNotStated');
  const words = speaker.words?.replace(/\s+/g, ' ').trim();
  const citation = (words && fact.citations.find((c) => fold(c.quote).includes(fold(words)))) || fact.citations[0];
  const doc = citation ? docs.get(citation.source) : undefined;
  const source = doc ? escapeInline(sourceLabel(doc)) : '';
  const body = words ? `“${words}”` : fact.statement.replace(/\s+/g, ' ').trim();
  const how = language.t(words ? 'quotedIn' : 'reportedIn', { source });
  marks.printed(fact);
  return `> ${body}${marks.state(fact)}\\\n> — ${who}; ${when}; ${how}.${caveat(fact, { note: marks.caveatDue(fact), language })}`;
}
