import path from 'node:path';
import { formatIsoDate } from '../compose/index.js';
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

/** The locators of `source`, in document order, each with the facts citing it there. */
function factsByLocator(source: SourceSummary): Array<[locator: string, facts: string[]]> {
  const byLocator = new Map<string, { paragraph: number; facts: string[] }>();
  for (const fact of source.facts) {
    fact.locators.forEach((locator, index) => {
      const entry = byLocator.get(locator) ?? { paragraph: fact.paragraphs[index]!, facts: [] };
      byLocator.set(locator, { paragraph: Math.min(entry.paragraph, fact.paragraphs[index]!), facts: [...entry.facts, fact.id] });
    });
  }
  return [...byLocator.entries()].sort(([, a], [, b]) => a.paragraph - b.paragraph).map(([locator, { facts }]) => [locator, facts]);
}

/**
 * The plain `briefs sources` listing: a table of the documents, then one block per document
 * with its title and, passage by passage, the facts that cite it.
 */
export function sourcesText(sources: readonly SourceSummary[]): string {
  const idWidth = Math.max(8, ...sources.map((source) => source.id.length));
  const table = [
    `${'document'.padEnd(idWidth)}  format    paragraphs  pages  sha256        facts`,
    ...sources.map((source) =>
      [
        source.id.padEnd(idWidth),
        source.format.padEnd(8),
        String(source.paragraphs).padStart(10),
        (source.pages === undefined ? '–' : String(source.pages)).padStart(5),
        source.digest.slice(0, 12),
        String(source.facts.length).padStart(5),
      ].join('  '),
    ),
  ];
  const facts = new Set(sources.flatMap((source) => source.facts.map((fact) => fact.id)));
  table.push(`${plural(sources.length, 'document')}; ${plural(facts.size, 'fact')} cite them.`);
  const blocks = sources.map((source) => {
    const title = fill(`${source.id}  “${source.title}”`.split(' '), '    ', '');
    const cited = factsByLocator(source);
    if (cited.length === 0) return [...title, '  no fact cites it'].join('\n');
    const locatorWidth = Math.max(...cited.map(([locator]) => locator.length));
    const lines = cited.flatMap(([locator, ids]) => fillList(ids, ' '.repeat(locatorWidth + 4), `  ${locator.padEnd(locatorWidth)}  `));
    return [...title, ...lines].join('\n');
  });
  return [table.join('\n'), ...blocks].join('\n\n');
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
      facts: source.facts.map((fact) => ({ id: fact.id, locators: fact.locators })),
    })),
    null,
    2,
  );
}

/** A document's share cited and, after it or below, the paragraphs (PDF: pages) no fact cites. */
function documentLines(doc: DocumentCoverage, idWidth: number, numberWidth: number): string[] {
  const { paragraphs, pages } = doc;
  const share = `${String(paragraphs.cited).padStart(numberWidth)} of ${String(paragraphs.total).padStart(numberWidth)}`;
  let line = `  ${doc.id.padEnd(idWidth)}  ${share} ${paragraphs.total === 1 ? 'paragraph' : 'paragraphs'} cited`;
  let uncited: string[] = [];
  if (pages) {
    line += `, on ${pages.cited} of ${pages.withText} pages with text`;
    const labels = new Map(pages.uncited.map((page) => [page.page, page.label]));
    uncited = formatRanges(labels.keys(), (n) => labels.get(n)!).split(', ').filter(Boolean);
    if (uncited.length > 0) uncited[0] = `${pages.uncited.length === 1 ? 'p.' : 'pp.'} ${uncited[0]}`;
  } else {
    uncited = formatRanges(paragraphs.uncited).split(', ').filter(Boolean);
    if (uncited.length > 0) uncited[0] = `¶ ${uncited[0]}`;
  }
  if (uncited.length === 0) return [line];
  const label = pages ? 'none cited on' : 'uncited:';
  const inline = `${line}; ${label} ${uncited.join(', ')}`;
  return inline.length <= width ? [inline] : [`${line};`, ...fillList(uncited, '      ', `    ${label} `)];
}

function yearsLines(years: ReportYearCoverage): string[] {
  const rule = fill(`Counted from the earliest report a fact cites to the latest published by the edition date, ${formatIsoDate(years.edition)}. ${years.assumption}`.split(' '), '  ');
  if (years.first === undefined || years.last === undefined) {
    return ['TIP report years', '  No fact has `tip.report`: the collection has no source on any TIP report.', ...rule];
  }
  const lines = [`TIP report years ${years.first}–${years.last}`];
  for (const year of years.covered) {
    lines.push(...fillList(year.sources, '          ', `  ${year.year}  ${plural(year.facts.length, 'fact')} from `));
  }
  lines.push(
    ...(years.missing.length === 0
      ? ['  Every year has a source.']
      : fillList(formatRanges(years.missing).split(', '), '    ', `  no source for ${plural(years.missing.length, 'year')}: `)),
  );
  return [...lines, ...rule];
}

/** The plain `briefs coverage` report: briefs, documents, TIP report years. */
export function coverageText(report: Coverage): string {
  const briefs = ['Briefs: facts used, and facts of the brief’s topic it leaves out'];
  const briefWidth = Math.max(...report.briefs.map((brief) => brief.briefId.length));
  for (const brief of report.briefs) {
    const borrowed = brief.offTopic.length > 0 ? ` (${brief.offTopic.length} from other topics)` : '';
    const unused = brief.unused.length === 0 ? 'leaves out none' : `leaves out ${brief.unused.length}:`;
    briefs.push(`  ${brief.briefId.padEnd(briefWidth)}  uses ${plural(brief.used.length, 'fact')}${borrowed}; ${unused}`);
    if (brief.unused.length > 0) briefs.push(...fillList(brief.unused, '    '));
    if (brief.offTopic.length > 0) briefs.push(...fillList(brief.offTopic, '      ', '    from other topics: '));
  }
  const docWidth = Math.max(...report.documents.map((doc) => doc.id.length));
  const numberWidth = Math.max(...report.documents.map((doc) => String(doc.paragraphs.total).length));
  const documents = ['Documents: paragraphs no fact cites', ...report.documents.flatMap((doc) => documentLines(doc, docWidth, numberWidth))];
  const footer = 'The ids of the facts each brief uses: `briefs coverage --json`.';
  const fetched = report.uncurated.length === 0 ? [] : [
    [
      'Fetched, not yet curated (found by `briefs fetch`; add an entry to sources.yaml to cite one)',
      ...report.uncurated.map((doc) => `  ${doc.id}  ${doc.year}, series of ${doc.of}: ${doc.url}, archived as sources/${doc.file} (${doc.fetched.slice(0, 10)})`),
    ].join('\n'),
  ];
  return [briefs.join('\n'), documents.join('\n'), yearsLines(report.reportYears).join('\n'), ...fetched, footer].join('\n\n');
}

/** The `briefs coverage --json` object. */
export function coverageJson(report: Coverage): string {
  return JSON.stringify(report, null, 2);
}
