import path from 'node:path';
import { formatRanges, type Coverage, type DocumentCoverage, type ReportYearCoverage, type SourceSummary } from '../curation/index.js';

/** Width the plain output is wrapped to: an 80-column terminal. */
const width = 80;

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Words (or list items) filled into lines of at most `width`: the first line starts with `first`, the rest with `indent`. */
function fill(words: readonly string[], indent: string, first = indent): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** `a, b, c` filled into lines (a comma after every item but the last). */
const fillList = (items: readonly string[], indent: string, first = indent) =>
  fill(items.map((item, index) => (index < items.length - 1 ? `${item},` : item)), indent, first);

/** The plain `briefs sources` listing: a table row per document, its title and the facts citing it below. */
export function sourcesText(sources: readonly SourceSummary[]): string {
  const idWidth = Math.max(8, ...sources.map((source) => source.id.length));
  const header = `${'document'.padEnd(idWidth)}  format      ¶  pages  sha256        facts`;
  const blocks = sources.map((source) => {
    const row = [
      source.id.padEnd(idWidth),
      source.format.padEnd(8),
      String(source.paragraphs).padStart(3),
      (source.pages === undefined ? '–' : String(source.pages)).padStart(5),
      source.digest.slice(0, 12),
      String(source.facts.length).padStart(5),
    ].join('  ');
    const title = fill(source.title.split(' '), '    ', '  “').map((line, index, all) => (index === all.length - 1 ? `${line}”` : line));
    const facts = source.facts.length === 0
      ? ['  no fact cites it']
      : fillList(source.facts.map((fact) => `${fact.id} ${fact.locators.join(' ')}`), '    ', '  cited by: ');
    return [row, ...title, ...facts].join('\n');
  });
  const facts = new Set(sources.flatMap((source) => source.facts.map((fact) => fact.id)));
  return [header, ...blocks, `${plural(sources.length, 'document')}; ${plural(facts.size, 'fact')} cite them.`].join('\n\n');
}

/** The `briefs sources --json` array. */
export function sourcesJson(sources: readonly SourceSummary[], cwd: string): string {
  return JSON.stringify(
    sources.map((source) => ({
      id: source.id,
      title: source.title,
      file: path.relative(cwd, source.path),
      format: source.format,
      digest: source.digest,
      paragraphs: source.paragraphs,
      ...(source.pages !== undefined ? { pages: source.pages } : {}),
      facts: source.facts,
    })),
    null,
    2,
  );
}

/** `¶ 1–4, 7` or, with page labels, `pp. 1–3, 5` (`p. 5` alone). */
function uncitedLine(doc: DocumentCoverage): string[] {
  const lines: string[] = [];
  const { paragraphs, pages } = doc;
  const share = `${paragraphs.cited} of ${plural(paragraphs.total, 'paragraph')} cited`;
  const onPages = pages ? `, on ${pages.cited} of ${plural(pages.withText, 'page')} with text` : '';
  lines.push(`  ${doc.id} (${doc.format}): ${share}${onPages}`);
  if (pages) {
    if (pages.uncited.length > 0) {
      const labels = new Map(pages.uncited.map((page) => [page.page, page.label]));
      const ranges = formatRanges(labels.keys(), (n) => labels.get(n)!).split(', ');
      lines.push(...fillList(ranges, '      ', `    no citation on ${pages.uncited.length === 1 ? 'p.' : 'pp.'} `));
    }
  } else if (paragraphs.uncited.length > 0) {
    lines.push(...fillList(formatRanges(paragraphs.uncited).split(', '), '      ', '    uncited: ¶ '));
  }
  return lines;
}

function yearsText(years: ReportYearCoverage): string[] {
  if (years.first === undefined || years.last === undefined) {
    return ['TIP report years', '  No fact carries `tip.report`: the collection has no source on any TIP report.', `  (${years.assumption})`];
  }
  const lines = [`TIP report years ${years.first}–${years.last} (from the earliest report a fact cites to the latest published by ${years.edition})`];
  for (const year of years.covered) {
    lines.push(...fillList(year.sources, '          ', `  ${year.year}  ${plural(year.facts.length, 'fact')} from `));
  }
  lines.push(
    ...(years.missing.length === 0
      ? ['  No year is missing.']
      : fillList(formatRanges(years.missing).split(', '), '    ', `  No source for ${plural(years.missing.length, 'year')}: `)),
  );
  lines.push(...fill(`Assumption: ${years.assumption}`.split(' '), '  ', '  '));
  return lines;
}

/** The plain `briefs coverage` report: briefs, documents, TIP report years. */
export function coverageText(report: Coverage): string {
  const briefs = ['Briefs (facts used; facts of the brief’s topic it leaves out)'];
  const idWidth = Math.max(...report.briefs.map((brief) => brief.briefId.length));
  for (const brief of report.briefs) {
    const borrowed = brief.offTopic.length > 0 ? ` (${brief.offTopic.length} from other topics)` : '';
    const unused = brief.unused.length === 0 ? 'none left out' : `${brief.unused.length} left out:`;
    briefs.push(`  ${brief.briefId.padEnd(idWidth)}  uses ${plural(brief.used.length, 'fact')}${borrowed}; ${unused}`);
    if (brief.unused.length > 0) briefs.push(...fillList(brief.unused, '    '));
    if (brief.offTopic.length > 0) briefs.push(...fillList(brief.offTopic, '    ', '    from other topics: '));
  }
  const documents = ['Documents (paragraphs no fact cites)', ...report.documents.flatMap(uncitedLine)];
  return [briefs.join('\n'), documents.join('\n'), yearsText(report.reportYears).join('\n'), 'The fact ids of every list: briefs coverage --json.'].join('\n\n');
}

/** The `briefs coverage --json` object. */
export function coverageJson(report: Coverage): string {
  return JSON.stringify(report, null, 2);
}
