import { stillThere, type QuoteDrift } from './drift.js';
import type { DriftReport, NewDocument, SeriesFailure, SourceDrift } from './types.js';

/** The drift report's files in the output folder. */
export const driftJsonFile = 'source-drift.json';
export const driftMarkdownFile = 'SOURCE-DRIFT.md';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Put the report together and count what it says. */
export function driftReport(generated: string, sources: readonly SourceDrift[], newDocuments: readonly NewDocument[], seriesFailures: readonly SeriesFailure[]): DriftReport {
  const ids = (pin: SourceDrift['pin']) => sources.filter((source) => source.pin === pin).map((source) => source.id);
  return {
    generated,
    sources,
    newDocuments,
    seriesFailures,
    summary: {
      checked: sources.filter((source) => source.result !== 'skipped').length,
      changed: sources.filter((source) => source.result === 'changed').length,
      failed: sources.filter((source) => source.result === 'failed').length + seriesFailures.length,
      skipped: sources.filter((source) => source.result === 'skipped').length,
      brokenQuotes: sources.reduce((sum, source) => sum + source.quotes.filter((quote) => !stillThere(quote.status)).length, 0),
      moved: ids('moved'),
      pending: ids('pending'),
      held: ids('held'),
    },
  };
}

/** Exit codes of `briefs fetch`. */
export const fetchExit = { ok: 0, quoteBroke: 3, fetchFailed: 4 } as const;

/** 3 when a quote broke in a live version, else 4 when a source could not be fetched, else 0. */
export function fetchExitCode(report: DriftReport): number {
  if (report.summary.brokenQuotes > 0) return fetchExit.quoteBroke;
  return report.summary.failed > 0 ? fetchExit.fetchFailed : fetchExit.ok;
}

const clip = (text: string, max = 240) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What became of a quote that no longer verifies, in a sentence. */
export function brokenQuoteText(quote: QuoteDrift): string {
  if (quote.status === 'ambiguous') return `now found more than once (${quote.now}): give the fact a \`locator\``;
  if (quote.status === 'locator') return `now at ${quote.now}, not where the fact's \`locator\` says: update the locator`;
  const closest = quote.closest ? `; closest passage ${quote.closest.where}${quote.closest.line !== undefined ? `, line ${quote.closest.line}` : ''} (similarity ${quote.closest.similarity.toFixed(2)}): “${clip(quote.closest.text)}”` : '';
  return `no longer there${quote.was ? ` (was ${quote.was})` : ''}${closest}${quote.differs ? `; what differs: ${quote.differs}` : ''}`;
}

/** `changed upstream: all 12 quotes still there (2 moved); pin moved to …`: a source in a line. */
export function sourceLine(source: SourceDrift): string {
  const broken = source.quotes.filter((quote) => !stillThere(quote.status)).length;
  const moved = source.quotes.filter((quote) => quote.status === 'moved').length;
  const quotes = source.quotes.length;
  const live = source.live ? `; ${source.result === 'changed' ? 'archived as' : `the version fetched ${source.live.fetched.slice(0, 10)},`} sources/${source.live.file}` : '';
  const verdict =
    source.pin === 'held'
      ? `${plural(broken, 'quote')} of ${quotes} no longer ${broken === 1 ? 'verifies' : 'verify'}; the pin stays on ${source.pinned.file}`
      : source.pin === 'moved'
        ? `${quotes === 0 ? 'no quotes cite it' : `all ${plural(quotes, 'quote')} still there${moved > 0 ? ` (${moved} moved)` : ''}`}; pin moved`
        : source.pin === 'pending'
          ? `${quotes === 0 ? 'no quotes cite it' : `all ${plural(quotes, 'quote')} still there${moved > 0 ? ` (${moved} moved)` : ''}`}; \`briefs fetch --accept\` moves the pin`
          : '';
  if (source.result === 'skipped') return `skipped: ${source.detail}`;
  if (source.result === 'failed') return `could not be fetched: ${source.detail}${verdict ? `. Last version seen upstream: ${verdict}` : ''}`;
  if (source.result === 'unchanged') {
    if (source.pin === 'current' || !source.live) return `unchanged (${source.detail})`;
    return `unchanged since ${source.live.fetched.slice(0, 10)}${source.detail ? ` (${source.detail})` : ''}, and not the pinned copy (sources/${source.live.file}): ${verdict}`;
  }
  return `changed upstream${source.detail ? ` (${source.detail})` : ''}${live}: ${verdict}`;
}

/** The progress mark of a source: ✓ fine, • something to do, ✗ a broken quote or a failure. */
export const sourceMark = (source: SourceDrift) => (source.pin === 'held' || source.result === 'failed' ? '✗' : source.pin === 'pending' ? '•' : '✓');

/** SOURCE-DRIFT.md: the report for people. */
export function driftMarkdown(report: DriftReport, factsFile: string): string {
  const { summary } = report;
  const lines: string[] = [`# Source drift, ${report.generated.slice(0, 10)}`, ''];
  const parts = [
    `${plural(summary.checked, 'watched source')} checked`,
    ...(summary.changed > 0 ? [`${summary.changed} changed upstream`] : []),
    ...(summary.failed > 0 ? [`${summary.failed} could not be fetched`] : []),
    ...(summary.skipped > 0 ? [`${summary.skipped} skipped (checked recently)`] : []),
  ];
  lines.push(`${parts.join(', ')}.`);
  lines.push(
    summary.brokenQuotes > 0
      ? `**${plural(summary.brokenQuotes, 'quote')} no longer ${summary.brokenQuotes === 1 ? 'verifies' : 'verify'} upstream**: the briefs go on citing the pinned copies until the facts are corrected.`
      : 'Every quote still verifies in the newest version of its source.',
  );
  if (summary.moved.length > 0) lines.push(`Pins moved: ${summary.moved.join(', ')}. The next build rebuilds the briefs that cite them.`);
  if (summary.pending.length > 0) lines.push(`Safe to move (every quote still there): ${summary.pending.join(', ')}. Run \`briefs fetch --accept\`.`);
  for (const source of report.sources) {
    lines.push('', `## ${source.id}`, '');
    lines.push(`${sourceMark(source)} ${sourceLine(source)}`, '');
    lines.push(`- Address: ${source.url}`);
    lines.push(`- Pinned copy: \`sources/${source.pinned.file}\`${source.pinned.accessed ? `, accessed ${source.pinned.accessed}` : ''}`);
    if (source.live?.revision) lines.push(`- Newest revision: ${source.live.revision.id} of ${source.live.revision.timestamp} (${source.live.revision.permalink})`);
    const broken = source.quotes.filter((quote) => !stillThere(quote.status));
    const moved = source.quotes.filter((quote) => quote.status === 'moved');
    if (broken.length > 0) {
      lines.push('', 'Quotes that no longer verify:', '');
      for (const quote of broken) lines.push(`- **${quote.fact}** (\`${factsFile}:${quote.line}\`): “${clip(quote.quote)}”: ${brokenQuoteText(quote)}`);
    }
    if (moved.length > 0) {
      lines.push('', 'Quotes that moved:', '');
      for (const quote of moved) lines.push(`- ${quote.fact}: ${quote.was} → ${quote.now}`);
    }
  }
  if (report.newDocuments.length > 0) {
    lines.push('', '## New, not yet curated', '');
    for (const doc of report.newDocuments) {
      lines.push(`- **${doc.id}** (${doc.year}, series of ${doc.of}): ${doc.url}, archived as \`sources/${doc.file}\`${doc.found ? '' : ` on ${doc.fetched.slice(0, 10)}`}. Add an entry to sources.yaml to cite it.`);
    }
  }
  if (report.seriesFailures.length > 0) {
    lines.push('', '## Series not checked', '');
    for (const failure of report.seriesFailures) lines.push(`- ${failure.of}, ${failure.year}: ${failure.url}: ${failure.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
