import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import { englishLocale, type Locale } from '../locale/index.js';
import { escapeInline, listOf, markdownTable } from './markdown-text.js';
import { formatIsoDate } from './format-date.js';
import { marksFor, type NoteLedger, type NoteMarks } from './notes.js';
import { sourcesOf } from './source-label.js';

const aspects = [
  { aspect: ['in-force'], header: 'lawInForceHeader' },
  { aspect: ['prohibits', 'covers'], header: 'lawProhibitsHeader' },
  { aspect: ['penalty'], header: 'lawPenaltiesHeader' },
] as const;

/** A fact's text in its cell: the date it gives for entry into force, else its `short` phrase. */
function cellText(fact: VerifiedFact, language: Locale): string {
  if (fact.law?.aspect === 'in-force' && fact.date) return formatIsoDate(fact.date, language);
  return fact.short ?? fact.statement;
}

/** The instrument with the articles the facts name: `2004 criminal code, Arts. 137 and 139`. */
export function instrumentName(instrument: string, articles: readonly string[], language: Locale = englishLocale()): string {
  return `${escapeInline(instrument)}${articles.length > 0 ? `, ${language.t('articles', { count: articles.length, list: listOf([...articles], language) })}` : ''}`;
}

/**
 * The legal framework as a table: one row per instrument (facts with the same `law.instrument`,
 * in file order), with when it entered into force, what it prohibits, its penalties and the
 * sources that say so, and one note per row (on the instrument) citing every passage of the row.
 * Cells use each fact's `short` phrase; the facts' caveats go to "Where the sources disagree or
 * are silent".
 */
export function lawTable(facts: readonly VerifiedFact[], docs: ReadonlyMap<string, SourceDoc>, marks: NoteMarks, ledger: NoteLedger): string {
  const rows = new Map<string, VerifiedFact[]>();
  for (const fact of facts) {
    if (!fact.law) continue;
    rows.set(fact.law.instrument, [...(rows.get(fact.law.instrument) ?? []), fact]);
  }
  if (rows.size === 0) return '';
  const { language } = marks;
  const body = [...rows.entries()].map(([instrument, list]) => {
    const articles = [...new Set(list.flatMap((fact) => fact.law?.articles ?? []))];
    const name = instrumentName(instrument, articles, language);
    const cells = aspects.map(({ aspect }) => {
      const inCell = list.filter((fact) => fact.law && (aspect as readonly string[]).includes(fact.law.aspect));
      return inCell.length > 0 ? inCell.map((fact) => cellText(fact, language)).join('; ') : notStated;
    });
    return [`${name}${marksFor(list, marks.cite)}`, ...cells, sourcesOf(list, docs, language)];
  });
  for (const fact of facts) {
    if (fact.law && marks.caveatDue(fact)) ledger.asides.push(`*${escapeInline(fact.law.instrument)}* (${sourcesOf([fact], docs, language)}): ${fact.note!.replace(/\s+/g, ' ').trim()}${marks.cite(fact)}`);
  }
  const table = markdownTable([language.t('lawInstrument'), ...aspects.map(({ header }) => language.t(header)), language.t('lawAccordingTo')], body);
  const empty = body.some((row) => row.includes(notStated));
  return `${table}${empty ? `\n\n<!-- uncited -->\n*${language.t('lawKey', { blank: notStated })}*` : ''}`;
}

/** A cell no source speaks to. */
const notStated = '–';
