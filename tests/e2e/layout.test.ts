import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import {
  formatViolations,
  headingOnlyPages,
  headings,
  headingsWithoutFollowers,
  notesCrowdingBody,
  notesPrintedMoreThanOnce,
  orphanLines,
  outsideTextBlock,
  printedNotes,
  readPdfLayout,
  runningHeadMismatches,
  runningHeadSection,
  underfilledPages,
  type LayoutViolation,
  type PageLayout,
} from '../helpers/pdf-layout.js';
import { makeProject, type TempProject } from '../helpers/project.js';

/*
 * The print layout of the shipped briefs, read back from the PDFs the installed CLI builds: what
 * an editor checks on a proof (see tests/helpers/pdf-layout.ts for how each rule is measured).
 */

const briefs = ['legal-framework', 'tip-assessment', 'unmik-era'] as const;
/** Parts that start on a new page: the page before one may end short. */
const newPartHeadings = ['Evidence', 'Sources'];

/** A failure message listing the violations one a line: "tip-assessment page 2  rule  detail". */
const listed = (id: string, violations: readonly LayoutViolation[]) => `\n${formatViolations(violations, `${id} `)}\n`;

describe('print layout of the briefs (real Chromium, Paged.js)', () => {
  let project: TempProject;
  let run: CliRun;
  const layouts = new Map<string, PageLayout[]>();

  beforeAll(async () => {
    project = await makeProject();
    run = await runCli(['build'], project.root);
    if (run.code !== 0) return;
    for (const id of briefs) layouts.set(id, await readPdfLayout(project.path('output', `${id}.pdf`)));
  });

  afterAll(async () => {
    await project.remove();
  });

  const pagesOf = (id: string): PageLayout[] => {
    expect(run.code, `briefs build failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
    const pages = layouts.get(id);
    expect(pages, `no layout read for ${id}`).toBeDefined();
    expect(pages!.length).toBeGreaterThan(1);
    return pages!;
  };

  // The rules below pass trivially if the checker sees no headings or notes: make sure it does.
  it.each(briefs)('should read the layout of %s: text block, running heads, section headings, notes', (id) => {
    const pages = pagesOf(id);
    const { block, width } = pages[0]!;
    // A4 with side margins of 15–25 mm, alike left and right; a text block most of the page high.
    expect(block.left).toBeGreaterThan(42);
    expect(block.left).toBeLessThan(71);
    expect(Math.abs(width - block.right - block.left)).toBeLessThan(1.5);
    expect(block.top - block.bottom).toBeGreaterThan(600);
    expect(pages.slice(1).every((page) => runningHeadSection(page) !== undefined)).toBe(true);
    expect(pages.flatMap(headings).filter((heading) => heading.kind === 'heading2').length).toBeGreaterThan(2);
    expect(printedNotes(pages[0]!).length).toBeGreaterThan(0);
  });

  it.each(briefs)('should print each note of %s on one page only', (id) => {
    const violations = notesPrintedMoreThanOnce(pagesOf(id));
    expect(violations, listed(id, violations)).toEqual([]);
  });

  it.each(briefs)('should give no page of %s a body of nothing but a heading', (id) => {
    const violations = headingOnlyPages(pagesOf(id));
    expect(violations, listed(id, violations)).toEqual([]);
  });

  it.each(briefs)('should fill two thirds of every page of %s but the last and those before a new part', (id) => {
    const violations = underfilledPages(pagesOf(id), { fillThreshold: 2 / 3, newPartHeadings });
    expect(violations, listed(id, violations)).toEqual([]);
  });

  it.each(briefs)('should leave no line of a paragraph alone at the top or foot of a page of %s', (id) => {
    const violations = orphanLines(pagesOf(id));
    expect(violations, listed(id, violations)).toEqual([]);
  });

  it.each(briefs)('should follow every heading of %s with at least two lines on its page', (id) => {
    const violations = headingsWithoutFollowers(pagesOf(id), { minLinesAfterHeading: 2 });
    expect(violations, listed(id, violations)).toEqual([]);
  });

  it.each(briefs)('should name in the running head of %s the section the page is in', (id) => {
    const violations = runningHeadMismatches(pagesOf(id));
    expect(violations, listed(id, violations)).toEqual([]);
  });

  it.each(briefs)('should keep all the text of %s inside the text block', (id) => {
    const violations = outsideTextBlock(pagesOf(id), { marginTolerance: 1 });
    expect(violations, listed(id, violations)).toEqual([]);
  });

  it.each(briefs)('should set the notes of %s apart from the text, with space and a rule above them', (id) => {
    const violations = notesCrowdingBody(pagesOf(id));
    expect(violations, listed(id, violations)).toEqual([]);
  });
});
