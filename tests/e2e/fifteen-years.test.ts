import { cp, readFile, rm } from 'node:fs/promises';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root, RootContent } from 'hast';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import {
  fifteenYears,
  makeFifteenYearProject,
  missingReportYear,
  newestReportYear,
  readFormat,
  reportYears,
  sourceId,
} from '../helpers/fifteen-years.js';
import { checkPdfLayout, formatViolations } from '../helpers/pdf-layout.js';
import { pdfNotes } from '../helpers/pdf-text.js';
import type { TempProject } from '../helpers/project.js';

// What a curator has after fifteen Junes: the shipped collection plus a TIP report narrative for
// every report year from 2010 to 2024 but 2017 (tests/fixtures/tip-fifteen-years: synthetic), in
// the shapes real ones come in, with four to six facts each. The TIP brief must still be a
// handout: ten A4 pages at most, key points that follow the newest report, every note printed
// once, and every year accounted for.

// 1 December 2024: the 2024 report is the newest that can exist, so 2017 is the only gap.
const epoch = { SOURCE_DATE_EPOCH: '1733011200' };

/** Set to a folder to keep a copy of the generated project there (sources, templates, output). */
const keep = process.env.FIFTEEN_YEARS_KEEP;

interface Word {
  readonly text: string;
  readonly size: number;
}

/** Every word of the PDF in reading order, with the size it is set in. */
async function pdfWords(file: string): Promise<{ words: Word[]; pages: number }> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const words: Word[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    for (const item of (await (await pdf.getPage(number)).getTextContent()).items) {
      if (!('str' in item)) continue;
      for (const text of item.str.split(/\s+/)) if (text) words.push({ text, size: item.height });
    }
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { words, pages };
}

/**
 * The body text of the PDF's "Key points" (or "Key findings") section, up to the next heading:
 * the heading is where those words are set largest (the contents list and the running head set
 * them smaller); the notes, note markers, running heads and page feet are set smaller than the
 * section's body and are left out.
 */
function keyPoints(words: readonly Word[]): string | undefined {
  const starts = words.flatMap((word, index) =>
    word.text === 'Key' && /^(points|findings)$/i.test(words[index + 1]?.text ?? '') ? [{ index, size: word.size }] : [],
  );
  if (starts.length === 0) return undefined;
  const heading = starts.reduce((a, b) => (b.size > a.size ? b : a));
  const rest = words.slice(heading.index + 2);
  // The section's body size is its first word's (notes are the PDF's commonest size, not the body's).
  const body = rest[0]?.size ?? 0;
  const text: string[] = [];
  for (const word of rest) {
    if (word.size >= heading.size - 0.5) break;
    if (word.size >= body * 0.9) text.push(word.text);
  }
  return text.join(' ');
}

function elements(node: Root | RootContent, name: string): Element[] {
  const own = node.type === 'element' && node.tagName === name ? [node] : [];
  const children = 'children' in node ? node.children.flatMap((child) => elements(child, name)) : [];
  return [...own, ...children];
}

describe('fifteen years of TIP reports (2010–2024, no 2017): the TIP brief, through the installed CLI', () => {
  const years = fifteenYears();
  let project: TempProject;
  let checked: CliRun;
  let built: CliRun;

  beforeAll(async () => {
    project = await makeFifteenYearProject();
    checked = await runCli(['check'], project.root, { env: epoch });
    built = await runCli(['build'], project.root, { env: epoch });
    if (keep) {
      await rm(keep, { recursive: true, force: true });
      await cp(project.root, keep, { recursive: true });
    }
  });

  afterAll(() => project?.remove());

  it('should hold fourteen report years, 2010–2024 without 2017, with four to six facts on each synthetic one', () => {
    expect(reportYears).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(reportYears).not.toContain(missingReportYear);
    for (const { spec, facts } of years) {
      expect(facts.length, String(spec.report)).toBeGreaterThanOrEqual(4);
      expect(facts.length, String(spec.report)).toBeLessThanOrEqual(6);
    }
    const total = years.reduce((sum, year) => sum + year.facts.length, 0);
    expect(total).toBeGreaterThanOrEqual(60);
    expect(total).toBeLessThanOrEqual(70);
  });

  it('should verify every quote: check and build succeed with no error', () => {
    expect(checked.stderr).not.toMatch(/\berror\b/);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/18 sources, \d+ facts, \d+ quotes verified/);
    expect(built.stderr).not.toMatch(/\berror\b/);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/✓ tip-assessment\s+rebuilt/);
  });

  it('should read every synthetic report in its format', async () => {
    const listed = await runCli(['sources', '--json'], project.root, { env: epoch });
    expect(listed.code, listed.stderr).toBe(0);
    const docs = JSON.parse(listed.stdout) as { id: string; format: string; facts: unknown[] }[];
    for (const { spec, facts } of years) {
      const doc = docs.find((entry) => entry.id === sourceId(spec));
      expect(doc?.format, sourceId(spec)).toBe(readFormat(spec));
      expect(doc?.facts.length, sourceId(spec)).toBe(facts.length);
    }
  });

  it('should print the TIP brief on ten A4 pages at most', async () => {
    const { pages } = await pdfWords(project.path('output', 'tip-assessment.pdf'));
    expect(pages).toBeLessThanOrEqual(10);
  });

  it('should name the newest report, 2024, in the key points', async () => {
    const points = keyPoints((await pdfWords(project.path('output', 'tip-assessment.pdf'))).words);
    expect(points, 'no "Key points" or "Key findings" section in the PDF').toBeDefined();
    expect(points).toMatch(new RegExp(`\\b${newestReportYear}\\b`));
  });

  it('should say in the key points what the newest report, 2024, found (not only list its tier among the years)', async () => {
    const points = keyPoints((await pdfWords(project.path('output', 'tip-assessment.pdf'))).words) ?? '';
    expect(points).toMatch(new RegExp(`\\b${newestReportYear} (TIP |Trafficking in Persons )?report\\b`, 'i'));
  });

  it('should not give the 2016 lack of a victim compensation fund as the key point: the 2018 report says it was established', async () => {
    const points = keyPoints((await pdfWords(project.path('output', 'tip-assessment.pdf'))).words) ?? '';
    const saysLacking = /\black(s|ed|ing)?\b[^.]*compensation fund/i.test(points);
    const saysEstablished = /compensation fund[^.]*\b(established|set up)\b|\bestablished\b[^.]*compensation fund|awarded compensation/i.test(points);
    expect(saysLacking && !saysEstablished, points).toBe(false);
  });

  it('should print each note at the foot of one page only', async () => {
    // pdfNotes also reads as a note any "N." at the left margin in the note size: a note whose
    // locator wraps ("¶" at a line's end, "5. Quoted: …" on the next) and the note numbers that
    // label the passages of the Evidence annex. A note printed at the foot of a page is one the
    // page cites: only those count.
    const printed = new Map<number, number[]>();
    for (const page of await pdfNotes(project.path('output', 'tip-assessment.pdf'))) {
      const cited = new Set(page.markers);
      for (const note of new Set(page.notes)) if (cited.has(note)) printed.set(note, [...(printed.get(note) ?? []), page.page]);
    }
    // Every note of the brief is found at the foot of a page (the HTML lists them all).
    const notes = (await project.read('output/tip-assessment.html')).match(/<li id="fn-\d+">/g) ?? [];
    expect(notes.length).toBeGreaterThan(50);
    expect(printed.size).toBeGreaterThanOrEqual(Math.floor(notes.length * 0.95));
    const repeated = [...printed].filter(([, pages]) => pages.length > 1).map(([note, pages]) => `note ${note} on pages ${pages.join(', ')}`);
    expect(repeated).toEqual([]);
  });

  it('should give the newest five reports a section each, newest first, and every report year a row of the table', async () => {
    const html = await project.read('output/tip-assessment.html');
    const tree = fromHtml(html);
    const headings = elements(tree, 'h3').map((heading) => toText(heading).replace(/\s+/g, ' ').trim());
    const newestFive = [...reportYears].slice(-5).reverse();
    expect(headings.map((heading) => Number(/^The (\d{4}) report/.exec(heading)?.[1]))).toEqual(newestFive);
    const table = elements(tree, 'table')[0]!;
    const rows = elements(table, 'tr').slice(1).map((row) => Number(/^\d{4}/.exec(toText(row).trim())?.[0]));
    expect(rows).toEqual(reportYears);
    expect(toText(tree)).toContain('Earlier reports in brief');
    // What the brief leaves out of the earlier reports is said, not silently dropped.
    expect(built.stderr).toMatch(/warning\s+The brief "tip-assessment" gives the reports before 2020 in brief/);
    expect(built.stderr).toContain('[facts-in-brief]');
  });

  it('should chart the figures with gaps for the years that have none, and say so in the text alternative', async () => {
    const html = await project.read('output/tip-assessment.html');
    const descs = [...html.matchAll(/<desc>([^<]*)<\/desc>/g)].map((match) => match[1]!);
    expect(descs.length).toBeGreaterThanOrEqual(4);
    // No report covers 2016 (the 2017 report is missing): every panel has a gap there.
    for (const desc of descs) {
      expect(desc).toMatch(/^No figure for /);
      const years = desc.replace(/^No figure for |\.$/g, '').split(/,\s*|\s+and\s+/).flatMap((part) => {
        const [from, to = from] = part.split('–').map(Number);
        return Array.from({ length: to! - from! + 1 }, (_, index) => from! + index);
      });
      expect(years, desc).toContain(2016);
    }
  });

  it('should lay the TIP brief out by the rules an editor checks', async () => {
    const { pages, violations } = await checkPdfLayout(project.path('output', 'tip-assessment.pdf'), { newPartHeadings: ['Evidence', 'Sources'] });
    expect(pages.length).toBeLessThanOrEqual(10);
    expect(violations, formatViolations(violations, 'tip-assessment ')).toEqual([]);
  });

  it('should name 2017, and only 2017, as a report year the collection has no source for', async () => {
    // However the brief words it ("It has no source for the report of 2017", "the collection has
    // none for 2017"), every such list of years must hold 2017 and no year the collection has.
    const text = toText(fromHtml(await project.read('output/tip-assessment.html'))).replace(/\s+/g, ' ');
    const year = String.raw`\d{4}(?:\s*[–-]\s*\d{4})?`;
    const lists = [...text.matchAll(new RegExp(String.raw`\b(?:no sources?|none|no reports?)\s+for\s+(?:the\s+reports?\s+(?:of\s+)?)?(${year}(?:(?:,\s*|\s+and\s+)${year})*)`, 'gi'))];
    expect(lists.length, 'no sentence names the report years without a source').toBeGreaterThan(0);
    for (const [sentence, list] of lists) {
      const years = list!.split(/,\s*|\s+and\s+/).flatMap((part) => {
        const [from, to = from] = part.split(/\s*[–-]\s*/).map(Number);
        return Array.from({ length: to! - from! + 1 }, (_, index) => from! + index);
      });
      expect(years, sentence).toContain(missingReportYear);
      expect(years.filter((each) => reportYears.includes(each)), sentence).toEqual([]);
    }
  });
});
