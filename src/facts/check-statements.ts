import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { codes, reportError } from '../diagnostics/index.js';
import { describeLocator, type SourceDoc } from '../ingest/index.js';
import { currencies } from './metrics.js';
import { locateInStatement } from './statement-place.js';
import { keysStatedBy, tokensIn, type Token } from './statement-tokens.js';
import type { VerifiedFact } from './verify-quotes.js';

const stage = 'facts';

/** Kinds of token a source's title or date may vouch for: "the 2011 TIP report". */
const bibliographicKinds = new Set<Token['kind']>(['year', 'date', 'month']);

/**
 * What a source's bibliographic data states: the years, months and dates of its `label`,
 * `title`, `title-short`, `container-title` and `issued` (a report's edition year is in its
 * title: "2011 Trafficking in Persons Report - Kosovo").
 */
export function bibliographicKeys(doc: SourceDoc): Set<string> {
  const keys = new Set<string>();
  const bib = doc.bib as Record<string, unknown>;
  for (const field of ['label', 'title', 'title-short', 'container-title']) {
    const value = bib[field];
    if (typeof value !== 'string') continue;
    for (const token of tokensIn(value)) {
      if (!bibliographicKinds.has(token.kind)) continue;
      for (const key of keysStatedBy(token.text)) if (/^(number|month|date):/.test(key)) keys.add(key);
    }
  }
  const [year, month, day] = doc.bib.issued?.['date-parts'][0] ?? [];
  if (year !== undefined) keys.add(`number:${year}`);
  if (year !== undefined && month !== undefined) keys.add(`month:${year}-${String(month).padStart(2, '0')}`);
  if (year !== undefined && month !== undefined && day !== undefined) {
    keys.add(`date:${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  return keys;
}

/**
 * The edition year of a source that is itself a US Trafficking in Persons report: its title
 * says "Trafficking in Persons Report" and names a year, or else its `issued` year. A summary
 * of a report (a newspaper's, an encyclopedia's) is not one: undefined.
 */
export function tipReportYear(doc: SourceDoc): number | undefined {
  const title = doc.bib.title ?? '';
  if (!/Trafficking in Persons Report/i.test(title)) return undefined;
  const inTitle = tokensIn(title).find((token) => token.kind === 'year')?.value;
  return inTitle ?? doc.bib.issued?.['date-parts'][0]?.[0];
}

/** The key a figure's value must be stated as: money with its currency, a percentage as one. */
function figureKey(value: number, unit: string | undefined): string {
  if (unit !== undefined && unit in currencies) return `money:${unit}:${value}`;
  if (unit === 'percent') return `percent:${value}`;
  return `number:${value}`;
}

const clip = (text: string, length = 160) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** "Looked in its quote:", then each quote with its source and ¶, for the message's note. */
function lookedIn(fact: VerifiedFact): string {
  const lines = fact.citations.map((citation) => `  ${citation.source} ${describeLocator(citation.match.locator)}: “${clip(citation.quote.replace(/\s+/g, ' ').trim())}”`);
  return [`Looked in ${fact.citations.length === 1 ? 'its quote' : `its ${fact.citations.length} quotes`}:`, ...lines].join('\n');
}

/**
 * The statement check: every number (in digits or words), year, date, percentage, amount of
 * money, TIP tier and article number of a fact's statement must be stated by one of its quotes
 * (compared as values: `194` = `one hundred ninety-four`, `60%` = `60 percent`, `€500,000` =
 * `500,000 euros`, `27 June 2011` = `2011-06-27`); a year, month or date may instead be in the
 * title or `issued` date of a source the fact cites ("the 2011 TIP report"); tokens the fact
 * lists under `derived.tokens` are passed over. And the structured fields: `tip.tier` must be
 * stated by a quote (`Tier 2` is not `Tier 2 Watch List`); `tip.report` must be the year of the
 * TIP report the fact cites, where it cites one; `figure.value` must be stated by a quote, in
 * its unit; and every token `derived` names must be one the statement states and its quotes do
 * not. Errors, attached to `factsFile` at the token, or at the field.
 */
export function checkStatements(
  facts: ReadonlyMap<string, VerifiedFact>,
  docs: ReadonlyMap<string, SourceDoc>,
  factsFile: VFile,
): VFileMessage[] {
  const messages: VFileMessage[] = [];
  // What each document's title and date state, and its report year, worked out once: most facts
  // cite one of a few documents.
  const perDoc = new Map<SourceDoc, { readonly keys: ReadonlySet<string>; readonly year: number | undefined }>();
  const ofDoc = (doc: SourceDoc) => {
    let known = perDoc.get(doc);
    if (!known) {
      known = { keys: bibliographicKeys(doc), year: tipReportYear(doc) };
      perDoc.set(doc, known);
    }
    return known;
  };
  for (const fact of facts.values()) {
    const quoted = new Set(fact.citations.flatMap((citation) => [...keysStatedBy(citation.quote)]));
    const cited = [...new Set(fact.citations.map((citation) => citation.source))].flatMap((id) => (docs.has(id) ? [docs.get(id)!] : []));
    const bibliographic = new Set(cited.flatMap((doc) => [...ofDoc(doc).keys]));
    const derived = new Set((fact.derived?.tokens ?? []).flatMap((token) => tokensIn(token).map((parsed) => parsed.key)));
    const stated = tokensIn(fact.statement);

    const licensed = (token: Token) => quoted.has(token.key) || (bibliographicKinds.has(token.kind) && bibliographic.has(token.key));

    for (const token of stated) {
      if (licensed(token) || derived.has(token.key)) continue;
      messages.push(
        reportError(factsFile, codes.statementNumberNotInQuote, [fact.id, token.text, bibliographicKinds.has(token.kind)], {
          place: locateInStatement(fact, token.start, token.end),
          stage,
          actual: token.text,
          note: lookedIn(fact),
        }),
      );
    }

    for (const written of fact.derived?.tokens ?? []) {
      const tokens = tokensIn(written);
      const why =
        tokens.length === 0
          ? 'which is not a number, date, tier or article'
          : !tokens.every((token) => stated.some((other) => other.key === token.key))
            ? 'which its statement does not state'
            : tokens.every((token) => licensed(stated.find((other) => other.key === token.key)!))
              ? 'which its quotes (or its source\'s title or date) state'
              : undefined;
      // A stale exemption is no harmless leftover: the brief would print a caveat that is not true.
      if (why) messages.push(reportError(factsFile, codes.derivedUnneeded, [fact.id, written, why], { place: fact.derivedPlace ?? fact.place, stage }));
    }

    const tier = fact.tip?.tier;
    if (tier && !quoted.has(`tier:${tier}`)) {
      const others = [...quoted].filter((key) => key.startsWith('tier:')).map((key) => key.slice('tier:'.length));
      messages.push(
        reportError(factsFile, codes.tierNotInQuote, [fact.id, tier, others], { place: fact.tipTierPlace ?? fact.place, stage, note: lookedIn(fact) }),
      );
    }

    const report = fact.tip?.report;
    const reports = cited.flatMap((doc) => {
      const { year } = ofDoc(doc);
      return year === undefined ? [] : [{ doc, year }];
    });
    if (report !== undefined && reports.length > 0 && !reports.some((cited) => cited.year === report)) {
      const [first] = reports;
      messages.push(
        reportError(factsFile, codes.reportYearMismatch, [fact.id, report, first!.doc.id, first!.year], {
          place: fact.tipReportPlace ?? fact.place,
          stage,
        }),
      );
    }

    const figure = fact.figure;
    if (figure?.value !== undefined && !quoted.has(figureKey(figure.value, figure.unit))) {
      const shown = `${figure.value}${figure.unit ? ` ${figure.unit}` : ''}`;
      messages.push(
        reportError(factsFile, codes.figureNotInQuote, [fact.id, shown], {
          place: fact.figureValuePlace ?? fact.figurePlace ?? fact.place,
          stage,
          note: lookedIn(fact),
        }),
      );
    }
  }
  return messages;
}
