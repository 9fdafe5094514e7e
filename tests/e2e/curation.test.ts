import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { runCli, type CliRun } from '../helpers/cli.js';
import { makeProject, type TempProject } from '../helpers/project.js';

// `briefs sources` and `briefs coverage` read and verify without a browser: launching one fails the test.
const browser = vi.hoisted(() => ({ launches: 0 }));
vi.mock('puppeteer', () => {
  const launch = (): never => {
    browser.launches++;
    throw new Error('a browser was launched by a curation command');
  };
  return { default: { launch, executablePath: () => '' }, launch };
});

interface YamlFact {
  readonly id: string;
  readonly tip?: { readonly report: number };
  readonly citations: ReadonlyArray<{ readonly source: string }>;
}

interface SourcesJson {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly format: string;
  readonly digest: string;
  readonly paragraphs: number;
  readonly facts: ReadonlyArray<{ readonly id: string; readonly locators: readonly string[] }>;
}

interface CoverageJson {
  readonly briefs: ReadonlyArray<{ readonly briefId: string; readonly used: readonly string[]; readonly unused: readonly string[] }>;
  readonly documents: ReadonlyArray<{ readonly id: string; readonly paragraphs: { readonly total: number; readonly cited: number; readonly uncited: readonly number[] } }>;
  readonly reportYears: {
    readonly first: number;
    readonly last: number;
    readonly assumption: string;
    readonly covered: ReadonlyArray<{ readonly year: number; readonly sources: readonly string[] }>;
    readonly missing: readonly number[];
  };
}

/** Facts citing each source, counted from facts.yaml itself. */
function citingCounts(facts: readonly YamlFact[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const fact of facts) {
    for (const source of new Set(fact.citations.map((citation) => citation.source))) counts.set(source, (counts.get(source) ?? 0) + 1);
  }
  return counts;
}

function json<T>(run: CliRun): T {
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

describe('briefs sources and briefs coverage', () => {
  let project: TempProject;
  let facts: YamlFact[];
  let sourceIds: string[];
  let sources: CliRun;
  let sourcesJson: CliRun;
  let coverage: CliRun;
  let coverageJson: CliRun;

  beforeAll(async () => {
    project = await makeProject();
    facts = parse(await project.read('sources/facts.yaml')) as YamlFact[];
    sourceIds = (parse(await project.read('sources/sources.yaml')) as Array<{ id: string }>).map((entry) => entry.id);
    [sources, sourcesJson, coverage, coverageJson] = [
      await runCli(['sources'], project.root),
      await runCli(['sources', '--json'], project.root),
      await runCli(['coverage'], project.root),
      await runCli(['coverage', '--json'], project.root),
    ];
  });

  afterAll(async () => {
    await project.remove();
  });

  it('should list every document with the count of facts that cite it, and exit 0', () => {
    expect(sources.code).toBe(0);
    const counts = citingCounts(facts);
    for (const id of sourceIds) {
      expect(sources.stdout).toMatch(new RegExp(`^${id} +(text|markdown|html|pdf) +\\d+ +(\\d+|–) +[0-9a-f]{12} +${counts.get(id) ?? 0}$`, 'm'));
    }
    expect(sources.stdout).toContain(`${sourceIds.length} documents; ${facts.length} facts cite them.`);
  });

  it('should print every document in --json, with its file, digest and citing facts', () => {
    const list = json<SourcesJson[]>(sourcesJson);
    expect(list.map((source) => source.id)).toEqual(sourceIds);
    const counts = citingCounts(facts);
    for (const source of list) {
      expect(source.facts).toHaveLength(counts.get(source.id) ?? 0);
      expect(existsSync(project.path(source.file))).toBe(true);
      expect(source.digest).toMatch(/^[0-9a-f]{64}$/);
      for (const fact of source.facts) expect(fact.locators.every((locator) => /^(¶|p\.) \S+$/.test(locator))).toBe(true);
    }
  });

  it('should report briefs, documents and report years, and exit 0', () => {
    expect(coverage.code).toBe(0);
    expect(coverage.stdout).toMatch(/^Briefs: /m);
    expect(coverage.stdout).toMatch(/^Documents: /m);
    expect(coverage.stdout).toMatch(/^TIP report years \d{4}–\d{4}$/m);
    expect(coverage.stdout).toMatch(/published each June/);
    for (const line of coverage.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('should print the coverage as JSON, its report years agreeing with facts.yaml', () => {
    const report = json<CoverageJson>(coverageJson);
    expect(report.documents.map((doc) => doc.id)).toEqual(sourceIds);
    const years = [...new Set(facts.flatMap((fact) => (fact.tip ? [fact.tip.report] : [])))].sort((a, b) => a - b);
    expect(report.reportYears.covered.map((year) => year.year)).toEqual(years);
    expect(report.reportYears.first).toBe(years[0]);
    const range = Array.from({ length: report.reportYears.last - report.reportYears.first + 1 }, (_, index) => report.reportYears.first + index);
    expect([...years, ...report.reportYears.missing].sort((a, b) => a - b)).toEqual(range);
    expect(browser.launches).toBe(0);
    expect(existsSync(project.path('output'))).toBe(false);
  });

  it('should show a paragraph as uncited once the only fact citing it is removed', async () => {
    const templateFiles = (await readdir(project.path('templates'), { recursive: true })).filter((name) => name.endsWith('.hbs'));
    const templates = await Promise.all(templateFiles.map((name) => readFile(project.path('templates', name), 'utf8')));
    // A passage cited by one fact only, whose id no template names.
    const citedBy = new Map<string, string[]>();
    for (const source of json<SourcesJson[]>(sourcesJson)) {
      for (const fact of source.facts) {
        for (const locator of fact.locators) {
          const key = `${source.id} ${locator}`;
          citedBy.set(key, [...(citedBy.get(key) ?? []), fact.id]);
        }
      }
    }
    const [passage, [factId]] = [...citedBy.entries()].find(
      ([key, ids]) => key.includes(' ¶ ') && ids.length === 1 && !templates.some((text) => text.includes(ids[0]!)),
    )!;
    const [sourceId, , n] = passage.split(' ');
    const before = json<CoverageJson>(coverageJson).documents.find((doc) => doc.id === sourceId)!;
    expect(before.paragraphs.uncited).not.toContain(Number(n));

    const copy = await makeProject();
    try {
      const document = parseDocument(await copy.read('sources/facts.yaml'));
      const index = facts.findIndex((fact) => fact.id === factId);
      document.deleteIn([index]);
      await copy.write('sources/facts.yaml', String(document));
      const after = json<CoverageJson>(await runCli(['coverage', '--json'], copy.root)).documents.find((doc) => doc.id === sourceId)!;
      expect(after.paragraphs.uncited).toContain(Number(n));
      expect(after.paragraphs.cited).toBe(before.paragraphs.cited - 1);
      const text = await runCli(['coverage'], copy.root);
      expect(text.stdout).toMatch(new RegExp(`^ {2}${sourceId} +${after.paragraphs.cited} of +${after.paragraphs.total} paragraphs cited; uncited: ¶ .*\\b${n}\\b`, 'm'));
    } finally {
      await copy.remove();
    }
  });

  it('should exit 1 with quote-not-found when a quote is not in its source, like briefs check', async () => {
    const copy = await makeProject();
    try {
      await copy.edit('sources/facts.yaml', (text) => text.replace(/(\n\s+quote: ")(\w+)/, '$1Zzzyzx $2'));
      for (const command of ['sources', 'coverage']) {
        const run = await runCli([command], copy.root);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^sources\/facts\.yaml:\d+:\d+ {2}error {2}The quote of fact "[^"]+" is not in source .*\[quote-not-found\]/m);
      }
      const run = await runCli(['coverage', '--json'], copy.root);
      expect(run.code).toBe(1);
      expect((JSON.parse(run.stdout) as { ok: boolean; problems: Array<{ code: string }> }).problems.map((problem) => problem.code)).toEqual(['quote-not-found']);
    } finally {
      await copy.remove();
    }
  });
});
