import type { Point } from 'unist';
import type { VFileMessage } from 'vfile-message';
import { codes, createMessage } from '../diagnostics/index.js';
import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import { englishLocale, type Locale } from '../locale/index.js';
import { formatFigure, metricOf } from './format-figure.js';
import { escapeInline } from './markdown-text.js';
import { marksFor, type NoteMarks } from './notes.js';
import { sourcesOf } from './source-label.js';
import { numbersIn } from '../lint/figure-checks.js';

/** Facts that answer one question differently: a report year's tier, or a figure for one period. */
export interface Conflict {
  /** What they disagree on, as the brief names it: "the tier in the 2016 report". */
  readonly subject: string;
  /** Each answer, with the facts that give it (at least two answers). */
  readonly answers: readonly { readonly value: string; readonly facts: readonly VerifiedFact[] }[];
}

function grouped<K>(facts: Iterable<VerifiedFact>, key: (fact: VerifiedFact) => K | undefined): Map<K, VerifiedFact[]> {
  const groups = new Map<K, VerifiedFact[]>();
  for (const fact of facts) {
    const k = key(fact);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), fact]);
  }
  return groups;
}

function answersOf(facts: readonly VerifiedFact[], value: (fact: VerifiedFact) => string): Conflict['answers'] {
  const byValue = grouped(facts, value);
  return [...byValue.entries()].map(([text, list]) => ({ value: text, facts: list }));
}

/**
 * Where facts disagree: two or more tiers for one TIP report year; two or more values of one
 * metric (in one unit) for one period. Found, never settled: the brief shows every answer.
 */
export function findConflicts(facts: Iterable<VerifiedFact>, language: Locale = englishLocale()): Conflict[] {
  const list = [...facts];
  const conflicts: Conflict[] = [];
  for (const [report, group] of grouped(list, (fact) => (fact.tip?.tier ? fact.tip.report : undefined))) {
    const answers = answersOf(group, (fact) => fact.tip!.tier!);
    if (answers.length > 1) conflicts.push({ subject: language.t('conflictTier', { report: String(report) }), answers });
  }
  const figureKey = (fact: VerifiedFact) => {
    const figure = fact.figure;
    if (!figure || figure.value === undefined || figure.period === undefined || figure.period === 'unstated') return undefined;
    return `${figure.metric}\u0000${figure.unit ?? ''}\u0000${figure.period}`;
  };
  for (const group of grouped(list, figureKey).values()) {
    const answers = answersOf(group, (fact) => formatFigure(fact.figure!, { language }));
    const { period } = group[0]!.figure!;
    if (answers.length > 1) conflicts.push({ subject: language.t('conflictFigure', { metric: metricOf(group[0]!.figure!).label.toLowerCase(), period: String(period).replace('-', '–') }), answers });
  }
  return conflicts;
}

/** Whether a fact acknowledges another answer: it lists one of its facts under `conflicts`, or its `note` names the other value. */
function acknowledges(fact: VerifiedFact, other: Conflict['answers'][number]): boolean {
  if (other.facts.some((candidate) => fact.conflicts?.includes(candidate.id))) return true;
  const note = fact.note ?? '';
  const otherFact = other.facts[0]!;
  if (otherFact.tip?.tier && !otherFact.figure) return note.includes(otherFact.tip.tier);
  const value = otherFact.figure?.value;
  return value !== undefined && numbersIn(note).has(value);
}

/**
 * A disagreement must be acknowledged, so a curator has seen it: for every two answers, a fact
 * of one lists a fact of the other under `conflicts:`, or says the other's value in its `note`.
 * Errors at the later fact in facts.yaml.
 */
export function checkConflicts(conflicts: readonly Conflict[], factsPath: string): VFileMessage[] {
  const messages: VFileMessage[] = [];
  for (const conflict of conflicts) {
    conflict.answers.forEach((answer, index) => {
      for (const other of conflict.answers.slice(index + 1)) {
        const seen = answer.facts.some((fact) => acknowledges(fact, other)) || other.facts.some((fact) => acknowledges(fact, answer));
        if (seen) continue;
        const [a, b] = [answer.facts[0]!, other.facts[0]!];
        const later = (a.place.line ?? 0) > (b.place.line ?? 0) ? a : b;
        const message = createMessage(codes.conflictUnacknowledged, [conflict.subject, `${a.id} (${answer.value})`, `${b.id} (${other.value})`], {
          place: later.place as Point,
          stage: 'compose',
        });
        messages.push(Object.assign(message, { file: factsPath }));
      }
    });
  }
  return messages;
}

/**
 * "Where the sources disagree": each conflict among the brief's facts, every answer with its
 * source and note, and the curator's caveats. Empty when the brief's facts agree.
 */
export function disagreements(
  conflicts: readonly Conflict[],
  docs: ReadonlyMap<string, SourceDoc>,
  marks: NoteMarks,
  more: { readonly asides?: readonly string[]; readonly silent?: readonly string[] } = {},
): string {
  const asides = more.asides ?? [];
  const silent = more.silent ?? [];
  const { language } = marks;
  const heading = `## ${language.t('disagreements')}`;
  if (conflicts.length === 0 && asides.length === 0 && silent.length === 0) {
    // Said, not left out: a reader should know the sources were compared.
    return `${heading}\n\n<!-- uncited -->\n${language.t('noDisagreements')}`;
  }
  const items = conflicts.map((conflict) => {
    const answers = conflict.answers.map((answer) => {
      return `${language.t('accordingTo', { value: escapeInline(answer.value), sources: sourcesOf(answer.facts, docs, language) })}${marksFor(answer.facts, marks.cite)}`;
    });
    const caveats = [...new Set(conflict.answers.flatMap((answer) => answer.facts.map((fact) => fact.note)).filter((note): note is string => Boolean(note)))];
    const said = caveats.length > 0 ? ` *${caveats.map((note) => note.replace(/\s+/g, ' ').trim()).join(' ')}*` : '';
    return `- **${conflict.subject.replace(/^./, (c) => c.toUpperCase())}**: ${answers.join('; ')}.${said}`;
  });
  const readWithCare = asides.map((aside) => `- ${aside}`);
  const gaps = silent.map((item) => `- ${item}`);
  const parts = [
    ...(items.length > 0 ? [items.join('\n')] : []),
    ...(readWithCare.length > 0 ? [`<!-- uncited -->\n${language.t('readWithCaveats')}\n\n${readWithCare.join('\n')}`] : []),
    ...(gaps.length > 0 ? [`<!-- uncited -->\n${gaps.join('\n')}`] : []),
  ];
  return `${heading}\n\n${parts.join('\n\n')}`;
}

/**
 * A brief whose facts disagree must show it: its template writes `{{disagreements}}`. An error
 * at the template, naming what the facts disagree on.
 */
export function checkDisagreementsShown(
  brief: { readonly briefId: string; readonly templatePath: string; readonly showsDisagreements: boolean },
  facts: Iterable<VerifiedFact>,
  language: Locale = englishLocale(),
): VFileMessage[] {
  if (brief.showsDisagreements) return [];
  const conflicts = findConflicts([...facts].filter((fact) => fact.topics.includes(brief.briefId)), language);
  if (conflicts.length === 0) return [];
  const message = createMessage(codes.disagreementsNotShown, [brief.briefId, conflicts.map((conflict) => conflict.subject)], { stage: 'compose' });
  return [Object.assign(message, { file: brief.templatePath })];
}
