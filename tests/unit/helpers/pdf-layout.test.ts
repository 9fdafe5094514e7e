import { describe, expect, it } from 'vitest';
import {
  bodyLines,
  checkLayout,
  findNotesArea,
  formatViolations,
  groupLines,
  headingOnlyPages,
  headings,
  headingsWithoutFollowers,
  layoutPages,
  notesCrowdingBody,
  notesPrintedMoreThanOnce,
  orphanLines,
  outsideTextBlock,
  pageFill,
  printedNotes,
  runningHeadMismatches,
  runningHeadSection,
  underfilledPages,
  type PageLayout,
  type TextRun,
} from '../../helpers/pdf-layout.js';

/*
 * Synthetic pages shaped like the briefs' PDFs as pdfjs-dist reads them: A4 (594.96 × 841.92 pt),
 * 18 mm side margins (text from x = 51.0 to 544.2), running head at y = 808.2 and foot at 25.9
 * in 8 pt sans, body 10.5 pt serif on a 15 pt pitch, h2 13.125 pt and h3 11.025 pt bold sans,
 * notes 7.8 pt serif at the page foot on a 10 pt pitch.
 */

const WIDTH = 594.96;
const HEIGHT = 841.92;
const LEFT = 51.02;
const RIGHT = 544.24;

const serif = { family: 'serif', font: 'SourceSerif4-Regular', ascent: 1.036, descent: 0.335 };
const sans = { family: 'sans-serif', font: 'SourceSans3-Regular', ascent: 1.024, descent: 0.4 };
const sansBold = { ...sans, font: 'SourceSans3-Bold' };

function run(text: string, x: number, y: number, width: number, size: number, face: typeof serif): TextRun {
  return { text, x, y, width, size, ...face };
}

/** Words of `text` as pdfjs gives them: one run per word, a quarter of the size between words. */
function words(text: string, x: number, y: number, size: number, face: typeof serif): TextRun[] {
  const runs: TextRun[] = [];
  let at = x;
  for (const word of text.split(' ')) {
    const width = word.length * size * 0.5;
    runs.push(run(word, at, y, width, size, face));
    at += width + size * 0.25;
  }
  return runs;
}

type BlockKind = 'p' | 'li' | 'h2' | 'h3' | 'table';

interface Block {
  readonly kind: BlockKind;
  readonly lines: readonly string[];
  /** The paragraph goes on over the page: its last line runs to the margin. */
  readonly open?: boolean;
  /** Note markers set after the first line. */
  readonly markers?: readonly number[];
}

interface PageSpec {
  /** The running head's section (right); `null`: no running head (a first page). */
  readonly section?: string | null;
  readonly blocks?: readonly Block[];
  /** Notes, "N. text", lines split by "\n". */
  readonly notes?: readonly string[];
  /** Runs to add as they are. */
  readonly extra?: readonly TextRun[];
}

const p = (lines: string[] | number, options: Partial<Block> = {}): Block => ({
  kind: 'p',
  lines: typeof lines === 'number' ? Array.from({ length: lines }, (_, index) => `line ${index + 1} of a paragraph that runs on`) : lines,
  ...options,
});
const h2 = (text: string): Block => ({ kind: 'h2', lines: [text] });
const h3 = (text: string): Block => ({ kind: 'h3', lines: [text] });
const li = (lines: string[], options: Partial<Block> = {}): Block => ({ kind: 'li', lines, ...options });
const table = (rows: string[]): Block => ({ kind: 'table', lines: rows });

const sizes: Record<BlockKind, number> = { p: 10.5, li: 10.5, h2: 13.125, h3: 11.025, table: 8.4 };
const pitches: Record<BlockKind, number> = { p: 15, li: 15, h2: 16, h3: 14, table: 15.8 };

function gap(previous: BlockKind, next: BlockKind): number {
  if (next === 'h2') return 34.5;
  if (next === 'h3') return 31.5;
  if (previous === 'h2' || previous === 'h3') return 30;
  if (previous === 'li' && next === 'li') return 18;
  return 25.5;
}

/** The runs of one page. */
function pageRuns(number: number, total: number, spec: PageSpec): TextRun[] {
  const runs: TextRun[] = [];
  if (spec.section !== null) {
    runs.push(run('Brief title', LEFT, 808.2, 40, 8, sans));
    const section = spec.section ?? 'Section';
    const width = section.length * 4;
    runs.push(run(section, RIGHT - width, 808.2, width, 8, sans));
  }
  runs.push(run('Human trafficking in Kosovo', LEFT, 25.9, 100, 8, sans));
  runs.push(run(`Page ${number} of ${total}`, RIGHT - 36, 25.9, 36, 8, sans));
  let y = 768.4;
  let previous: BlockKind | undefined;
  for (const block of spec.blocks ?? []) {
    if (previous) y -= gap(previous, block.kind);
    const size = sizes[block.kind];
    block.lines.forEach((text, index) => {
      if (index > 0) y -= pitches[block.kind];
      const last = index === block.lines.length - 1;
      const x = block.kind === 'li' ? 63.6 : block.kind === 'table' ? 54.2 : LEFT;
      if (block.kind === 'h2' || block.kind === 'h3') runs.push(...words(text, x, y, size, sansBold));
      else if (block.kind === 'table') runs.push(run(text, x, y, 400, size, sans));
      else {
        const right = last && !block.open ? 300 : 540;
        runs.push(run(text, x, y, right - x, size, serif));
        if (index === 0 && block.markers) {
          let at = right;
          for (const marker of block.markers) {
            runs.push(run(String(marker), at, y + 4.5, 4, 7.56, serif));
            at += 5;
          }
        }
      }
    });
    previous = block.kind;
  }
  const noteLines = (spec.notes ?? []).flatMap((note) => note.split('\n'));
  noteLines.forEach((text, index) => {
    const y = 59.7 + (noteLines.length - 1 - index) * 10;
    runs.push(...words(text, LEFT, y, 7.8, serif));
  });
  runs.push(...(spec.extra ?? []));
  return runs;
}

/** Lay out synthetic pages as the checker does a PDF's. */
function layout(...specs: PageSpec[]): PageLayout[] {
  return layoutPages(
    specs.map((spec, index) => ({
      page: index + 1,
      width: WIDTH,
      height: HEIGHT,
      lines: groupLines(pageRuns(index + 1, specs.length, spec)),
    })),
  );
}

/** A page of body text that fills the text block. */
const fullPage = (section = 'Section', notes: string[] = []): PageSpec => ({
  section,
  blocks: [p(16), p(16, { open: true })],
  notes,
});

describe('groupLines', () => {
  it('should join the words of a baseline into one line, top to bottom', () => {
    const lines = groupLines([
      ...words('second line', LEFT, 753.4, 10.5, serif),
      ...words('The first line', LEFT, 768.4, 10.5, serif),
      run('wobbles', 122, 768.9, 30, 10.5, serif),
    ]);
    expect(lines.map((line) => line.text)).toEqual(['The first line wobbles', 'second line']);
    expect(lines[0]).toMatchObject({ size: 10.5, family: 'serif', sans: false, bold: false, x: LEFT });
    expect(lines[0]!.right).toBeCloseTo(152);
  });

  it('should set a superscript marker on the line below it and leave it out of the text', () => {
    const lines = groupLines([
      run('in', 100, 757.9, 9.6, 10.5, serif),
      run('2010', 112, 757.9, 22.2, 10.5, serif),
      run('7', 134.5, 762.4, 4, 7.56, serif),
      run('.', 138.5, 757.9, 3.2, 10.5, serif),
      run('law.', 150, 757.9, 19.7, 10.5, serif),
      run('6', 169.9, 762.4, 4, 7.56, serif),
      run('Derived:', 176.4, 757.9, 38.6, 10.5, serif),
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe('in 2010. law. Derived:');
    expect(lines[0]!.markers).toEqual([7, 6]);
    expect(lines[0]!.right).toBeCloseTo(215);
  });

  it('should start a new word after a marker that ends a sentence, even with no space set', () => {
    const [line] = groupLines([
      run('so.', 160.1, 780.4, 13.3, 10, serif),
      run('23', 173.7, 784.2, 7.6, 7.19, serif),
      run('Caveat:', 181.3, 780.4, 32.9, 10, serif),
    ]);
    expect(line!.text).toBe('so. Caveat:');
    expect(line!.markers).toEqual([23]);
  });

  it('should split a line at wide gaps into segments (running head: title left, section right)', () => {
    const [line] = groupLines([
      ...words('Year-by-year TIP assessment', LEFT, 808.2, 8, sans),
      ...words('The reports at a glance', 460, 808.2, 8, sans),
    ]);
    expect(line!.segments.map((segment) => segment.text)).toEqual(['Year-by-year TIP assessment', 'The reports at a glance']);
  });

  it('should tell bold and italic from the font name, sans from the family', () => {
    const [heading, quote] = groupLines([
      ...words('Key points', LEFT, 472.9, 13.125, sansBold),
      ...words('Caveat: the article is undated', LEFT, 442.9, 10.5, { ...serif, font: 'SourceSerif4-Italic' }),
    ]);
    expect(heading).toMatchObject({ sans: true, bold: true, italic: false });
    expect(quote).toMatchObject({ sans: false, bold: false, italic: true });
  });
});

describe('layoutPages', () => {
  const pages = layout(
    { section: null, blocks: [h2('Key points'), p(3, { markers: [1] })], notes: ['1. A source, ¶ 3.'] },
    {
      section: 'Report by report',
      blocks: [p(2), h2('Report by report'), h3('The 2011 report'), p(2, { markers: [2] }), table(['Report Covers Tier', '2011 2010 Tier 2'])],
      notes: ['2. United States Department of State,\n“2011 Trafficking in Persons Report”.'],
    },
  );

  it('should measure the body and note sizes and pitches', () => {
    expect(pages[0]!.metrics.bodySize).toBeCloseTo(10.5);
    expect(pages[0]!.metrics.noteSize).toBeCloseTo(7.8);
    expect(pages[0]!.metrics.linePitch).toBeCloseTo(15);
    expect(pages[0]!.metrics.notePitch).toBeCloseTo(10);
  });

  it('should find the text block from the running head and foot', () => {
    const { block } = pages[0]!;
    expect(block.left).toBeCloseTo(LEFT, 1);
    expect(block.right).toBeCloseTo(RIGHT, 1);
    // Margin boxes are centred: 2 × (33.7 − 2.5) = 62.4 pt top margin; the foot's 56.8 pt, or the lowest note.
    expect(block.top).toBeCloseTo(779.5, 0);
    expect(block.bottom).toBeGreaterThan(55);
    expect(block.bottom).toBeLessThan(57);
  });

  it('should classify running head, foot, headings, body, tables and notes', () => {
    const kinds = pages[1]!.lines.map((line) => [line.kind, line.text]);
    expect(kinds).toEqual([
      ['running-head', 'Brief title Report by report'],
      ['body', 'line 1 of a paragraph that runs on'],
      ['body', 'line 2 of a paragraph that runs on'],
      ['heading2', 'Report by report'],
      ['heading3', 'The 2011 report'],
      ['body', 'line 1 of a paragraph that runs on'],
      ['body', 'line 2 of a paragraph that runs on'],
      ['other', 'Report Covers Tier'],
      ['other', '2011 2010 Tier 2'],
      ['note', '2. United States Department of State,'],
      ['note', '“2011 Trafficking in Persons Report”.'],
      ['running-foot', 'Human trafficking in Kosovo Page 2 of 2'],
    ]);
    expect(pages[0]!.lines.some((line) => line.kind === 'running-head')).toBe(false);
  });

  it('should give the notes of a page with their numbers and text', () => {
    expect(printedNotes(pages[1]!)).toEqual([
      { number: 2, page: 2, text: '2. United States Department of State, “2011 Trafficking in Persons Report”.' },
    ]);
    expect(runningHeadSection(pages[1]!)).toBe('Report by report');
    expect(runningHeadSection(pages[0]!)).toBeUndefined();
    expect(headings(pages[1]!).map((block) => [block.kind, block.text])).toEqual([
      ['heading2', 'Report by report'],
      ['heading3', 'The 2011 report'],
    ]);
  });

  it('should join a heading that wraps', () => {
    const [page] = layout({ blocks: [h2('A heading long enough'), p(3)] });
    const extra = layout({ blocks: [{ kind: 'h2', lines: ['A heading long', 'enough to wrap'] }, p(3)] })[0]!;
    expect(headings(page!).map((block) => block.text)).toEqual(['A heading long enough']);
    expect(headings(extra).map((block) => block.text)).toEqual(['A heading long enough to wrap']);
  });

  it('should not take note-sized evidence entries for notes', () => {
    const evidence = (y: number, text: string) => words(text, LEFT, y, 7.8, serif);
    const [page] = layout({
      blocks: [p(3, { markers: [72] }), h2('Evidence')],
      extra: [
        ...evidence(600, '3, 11, 15. Wikipedia, ¶ 3: “According to the report …”'),
        ...evidence(590, 'the rest of the passage.”'),
        ...evidence(577, '9. the 2011 TIP report, ¶ 6: “In 2010 …”'),
        ...evidence(565, '9. the 2011 TIP report, ¶ 8: “In total …”'),
        ...evidence(552, '10. Koha’s summary, ¶ 2: “The government …”'),
      ],
      notes: ['72. “Human Trafficking in Kosovo,” ¶ 2.'],
    });
    expect(printedNotes(page!).map((note) => note.number)).toEqual([72]);
    expect(bodyLines(page!).filter((line) => line.size === 7.8)).toHaveLength(5);
  });

  it('should find no notes area in a page of evidence entries without markers', () => {
    const lines = groupLines([
      ...words('9. the 2011 TIP report, ¶ 6: “In 2010 …”', LEFT, 700, 7.8, serif),
      ...words('9. the 2011 TIP report, ¶ 8: “In total …”', LEFT, 688, 7.8, serif),
      ...words('12. the 2011 TIP report, ¶ 9: “This year …”', LEFT, 676, 7.8, serif),
    ]);
    const block = { left: LEFT, right: RIGHT, top: 779.5, bottom: 56.7 };
    const metrics = { bodySize: 10.5, linePitch: 15, noteSize: 7.8, notePitch: 10 };
    expect(findNotesArea(lines, { block, metrics, notesBefore: false })).toBe(lines.length);
  });
});

describe('notesPrintedMoreThanOnce', () => {
  it('should report a note printed again on a later page, naming the pages and where its marker is', () => {
    const pages = layout(
      { ...fullPage('A', ['1. First source, ¶ 3.', '2. Second source, ¶ 1.']), blocks: [p(16, { markers: [1, 2] }), p(16, { open: true })] },
      { ...fullPage('A', ['1. First source, ¶ 3.', '3. Third source.']), blocks: [p(16, { markers: [3] }), p(16, { open: true })] },
      { ...fullPage('A', ['1. First source, ¶ 3.']), blocks: [p(16, { markers: [1] }), p(16)] },
    );
    expect(notesPrintedMoreThanOnce(pages)).toEqual([
      {
        rule: 'notesPrintedMoreThanOnce',
        page: 2,
        detail: 'note 1 "First source, ¶ 3." is printed on pages 1, 2, 3 (no marker 1 on page 2)',
      },
    ]);
  });

  it('should not report a note carried over without its number, or notes that only share a number', () => {
    const pages = layout(
      fullPage('A', ['1. First source, ¶ 3, a note long enough', 'to wrap over to the next line.']),
      fullPage('A', ['carried over from the page before.', '2. Second source.']),
      fullPage('A', ['1. Another brief’s first note.']),
    );
    expect(printedNotes(pages[1]!).map((note) => note.number)).toEqual([2]);
    expect(notesPrintedMoreThanOnce(pages)).toEqual([]);
  });
});

describe('headingOnlyPages', () => {
  it('should report a page whose body is only a heading, then notes', () => {
    const pages = layout(fullPage('A'), { section: 'The reports at a glance', blocks: [h2('The reports at a glance')], notes: ['4. A source.'] }, fullPage('The reports at a glance'));
    expect(headingOnlyPages(pages)).toEqual([
      { rule: 'headingOnlyPages', page: 2, detail: 'the body holds only "The reports at a glance", then 1 notes' },
    ]);
  });

  it('should not report a page with text under its heading', () => {
    expect(headingOnlyPages(layout({ blocks: [h2('Key points'), p(1)] }))).toEqual([]);
  });
});

describe('underfilledPages', () => {
  const short: PageSpec = { section: 'A', blocks: [p(10)], notes: ['1. A note.', '2. Another.'] };

  it('should measure how much of the text block body and notes fill', () => {
    const [page] = layout(short, fullPage('A'));
    const fill = pageFill(page!);
    expect(fill.usable).toBeGreaterThan(720);
    // Ten lines from the top margin: 11 + 9 × 15 + descent ≈ 150 pt; two notes ≈ 30 pt.
    expect(fill.body).toBeGreaterThan(145);
    expect(fill.body).toBeLessThan(155);
    expect(fill.notes).toBeGreaterThan(25);
    expect(fill.notes).toBeLessThan(40);
    expect(fill.fraction).toBeLessThan(0.3);
  });

  it('should report a short page before another page of the same part', () => {
    const violations = underfilledPages(layout(short, fullPage('A')));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: 'underfilledPages', page: 1 });
    expect(violations[0]!.detail).toMatch(/^2\d% full \(body 1\d\d pt \+ notes \d\d pt of 72\d pt\): \d+ pt blank above the notes; page 2 starts with "line 1/);
  });

  it('should not report a short page before a part that starts a new page, or the last page, or a full page', () => {
    const beforePart = layout(short, { section: 'Evidence', blocks: [h2('Evidence'), p(30)] });
    expect(underfilledPages(beforePart, { newPartHeadings: ['Evidence', 'Sources'] })).toEqual([]);
    expect(underfilledPages(beforePart)).toHaveLength(1);
    expect(underfilledPages(layout(fullPage('A'), short))).toEqual([]);
    expect(underfilledPages(layout(fullPage('A'), fullPage('A')))).toEqual([]);
  });

  it('should take the threshold as an option', () => {
    const pages = layout({ section: 'A', blocks: [p(30)] }, fullPage('A'));
    expect(pageFill(pages[0]!).fraction).toBeGreaterThan(0.6);
    expect(pageFill(pages[0]!).fraction).toBeLessThan(0.66);
    expect(underfilledPages(pages)).toHaveLength(1);
    expect(underfilledPages(pages, { fillThreshold: 0.5 })).toEqual([]);
  });
});

describe('orphanLines', () => {
  it('should report the last line of a paragraph carried alone to the top of a page', () => {
    const pages = layout(
      { section: 'A', blocks: [p(16), p(['a paragraph', 'judged the penalties sufficiently stringent'], { open: true })] },
      { section: 'A', blocks: [p(['and commensurate with those for other serious crimes.']), p(8)] },
    );
    expect(orphanLines(pages)).toEqual([
      {
        rule: 'orphanLines',
        page: 2,
        detail:
          'the last line of a paragraph, "and commensurate with those for other serious cri…", stands alone at the top (continues "…the penalties sufficiently stringent" from page 1)',
      },
    ]);
  });

  it('should report the first line of a paragraph left alone at the foot of a page', () => {
    const pages = layout(
      { section: 'A', blocks: [p(16), p(['The first line of a paragraph that goes on'], { open: true })] },
      { section: 'A', blocks: [p(['over the page to its end.', 'And ends here.']), p(8)] },
    );
    expect(orphanLines(pages)).toEqual([
      {
        rule: 'orphanLines',
        page: 1,
        detail:
          'the first line of a paragraph, "The first line of a paragraph that goes on", stands alone at the foot (goes on with "over the page to its end." on page 2)',
      },
    ]);
  });

  it('should leave alone two lines carried over, a page ending a sentence, one-line paragraphs and list items', () => {
    const twoCarried = layout(
      { section: 'A', blocks: [p(16), p(2, { open: true })] },
      { section: 'A', blocks: [p(['goes on here', 'and ends here.']), p(8)] },
    );
    const sentenceEnds = layout(
      { section: 'A', blocks: [p(16), p(['one line', 'a line that ends a sentence.'], { open: true })] },
      { section: 'A', blocks: [p(['A new paragraph of one line.']), p(8)] },
    );
    const singleLine = layout(
      { section: 'A', blocks: [p(16), p(['A paragraph of one line.'])] },
      { section: 'A', blocks: [p(8)] },
    );
    const listItem = layout(
      { section: 'A', blocks: [p(16), li(['an item whose first line is at the foot'], { open: true })] },
      { section: 'A', blocks: [li(['and goes on.']), p(8)] },
    );
    const tableRow = layout(
      { section: 'A', blocks: [p(16), table(['2011 2010 Tier 2 194 (63 in'])] },
      { section: 'A', blocks: [table(['2009)']), p(8)] },
    );
    for (const pages of [twoCarried, sentenceEnds, singleLine, listItem, tableRow]) expect(orphanLines(pages)).toEqual([]);
  });
});

describe('headingsWithoutFollowers', () => {
  it('should report a heading that ends a page, and one with a single line under it when the section goes on', () => {
    const pages = layout(
      { section: 'A', blocks: [p(30), h3('The 2016 report')] },
      { section: 'A', blocks: [p(30), h2('Report by report'), p(['One line under it, the section goes on'], { open: true })] },
      { section: 'Report by report', blocks: [p(8)] },
    );
    expect(headingsWithoutFollowers(pages)).toEqual([
      { rule: 'headingsWithoutFollowers', page: 1, detail: 'heading "The 2016 report" is the last line of the page\'s body' },
      {
        rule: 'headingsWithoutFollowers',
        page: 2,
        detail: 'heading "Report by report" is followed by only 1 line before the page ends',
      },
    ]);
  });

  it('should count the lines under a sub-heading for the heading above it, and accept a short section that ends the page', () => {
    const pages = layout(
      { section: 'A', blocks: [p(26), h2('Report by report'), h3('The 2011 report'), p(2, { open: true })] },
      { section: 'Report by report', blocks: [p(6), h3('A short one'), p(['Its only line.'])] },
      { section: 'Report by report', blocks: [h3('The next'), p(8)] },
    );
    expect(headingsWithoutFollowers(pages)).toEqual([]);
    expect(headingsWithoutFollowers(pages, { minLinesAfterHeading: 3 })).toHaveLength(2);
  });
});

describe('runningHeadMismatches', () => {
  it('should accept the section begun on the page, or the one continuing from an earlier page', () => {
    const pages = layout(
      { section: null, blocks: [h2('Key points'), p(30)] },
      { section: 'Figures over time', blocks: [p(20), h2('Figures over time'), p(3)] },
      { section: 'Figures over time', blocks: [p(30)] },
    );
    expect(runningHeadMismatches(pages)).toEqual([]);
  });

  it('should report a running head naming another section', () => {
    const pages = layout(
      { section: null, blocks: [h2('Key points'), p(30)] },
      { section: 'Key points', blocks: [h2('Figures over time'), p(30)] },
      { section: 'Key points', blocks: [p(30)] },
    );
    expect(runningHeadMismatches(pages)).toEqual([
      {
        rule: 'runningHeadMismatches',
        page: 2,
        detail: 'running head says "Key points", expected "Figures over time" (a section heading on the page)',
      },
      {
        rule: 'runningHeadMismatches',
        page: 3,
        detail: 'running head says "Key points", expected "Figures over time" (the section continuing from an earlier page)',
      },
    ]);
  });
});

describe('outsideTextBlock', () => {
  it('should report text running past the right margin by more than 1 pt', () => {
    const pages = layout({
      section: 'A',
      blocks: [p(3)],
      extra: [run('https://media.unmikonline.org/a-long-address', LEFT, 700, 560 - LEFT, 10.5, serif), run('edge', 500, 680, RIGHT + 0.8 - 500, 10.5, serif)],
    });
    expect(outsideTextBlock(pages)).toEqual([
      {
        rule: 'outsideTextBlock',
        page: 1,
        detail: `body line "https://media.unmikonline.org/a-long-ad…": "https://media.unmikonline.org/a-long-address" runs ${(560 - pages[0]!.block.right).toFixed(1)} pt past the right margin (${pages[0]!.block.right.toFixed(1)} pt)`,
      },
    ]);
    expect(outsideTextBlock(pages, { marginTolerance: 20 })).toEqual([]);
  });
});

describe('notesCrowdingBody', () => {
  it('should report body text set against the first note', () => {
    const notes = Array.from({ length: 20 }, (_, index) => `${index + 1}. Note ${index + 1}.`);
    // 20 notes reach up to y = 249.7 (top ≈ 257.8); the body's 34th line sits at 273.4, its 35th at 258.4.
    const crowded = layout({ section: 'A', blocks: [p(35, { open: true })], notes }, fullPage('A'));
    const spaced = layout({ section: 'A', blocks: [p(33, { open: true })], notes }, fullPage('A'));
    expect(notesCrowdingBody(crowded)).toHaveLength(1);
    expect(notesCrowdingBody(crowded)[0]!.detail).toMatch(/pt of overlap between the last body line "line 35 of a paragraph that runs on" and the first note "1\. Note 1\."/);
    expect(notesCrowdingBody(spaced)).toEqual([]);
  });
});

describe('checkLayout', () => {
  it('should gather the violations of every rule in page order, and format them one a line', () => {
    const report = checkLayout(
      layout(
        { section: 'A', blocks: [p(10)], notes: ['1. A note.'] },
        { section: 'B', blocks: [h2('The reports at a glance')], notes: ['1. A note.'] },
        fullPage('The reports at a glance'),
      ),
    );
    expect(report.pages).toHaveLength(3);
    expect(report.violations.map((violation) => [violation.page, violation.rule])).toEqual([
      [1, 'underfilledPages'],
      [2, 'notesPrintedMoreThanOnce'],
      [2, 'headingOnlyPages'],
      [2, 'underfilledPages'],
      [2, 'headingsWithoutFollowers'],
      [2, 'runningHeadMismatches'],
    ]);
    expect(formatViolations(report.violations.slice(0, 2), 'tip-assessment ')).toBe(
      [
        `tip-assessment page 1  underfilledPages  ${report.violations[0]!.detail}`,
        `tip-assessment page 2  notesPrintedMoreThanOnce  note 1 "A note." is printed on pages 1, 2 (no marker 1 on pages 1, 2)`,
      ].join('\n'),
    );
    expect(formatViolations([])).toBe('no layout violations');
  });
});
