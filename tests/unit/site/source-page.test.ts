import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { TemplateFile } from '../../../src/compose/index.js';
import { BuildError, InternalError } from '../../../src/diagnostics/index.js';
import type { Heading, Paragraph, SourceDoc } from '../../../src/ingest/index.js';
import { renderSourcePage, type Highlight, type SourcePageInput } from '../../../src/site/index.js';
import { repoRoot } from '../../helpers/project.js';

const layoutPath = path.join(repoRoot, 'defaults', 'templates', 'layouts', 'source.html.hbs');
const layout: TemplateFile = { name: 'source', path: layoutPath, source: readFileSync(layoutPath, 'utf8'), digest: '' };

function makeDoc(paragraphs: readonly Paragraph[], extra: Partial<SourceDoc> = {}): SourceDoc {
  return {
    id: 'doc',
    path: '/sources/documents/doc.txt',
    digest: '0123456789abcdef'.repeat(4),
    file: new VFile({ path: '/sources/documents/doc.txt', value: '' }),
    format: 'text',
    bib: { id: 'doc', type: 'report', title: 'A report' },
    headings: [],
    paragraphs,
    chrome: [],
    entryLine: 1,
    ...extra,
  };
}

const para = (n: number, text: string, line = n * 2 - 1, extra: Partial<Paragraph> = {}): Paragraph => ({ n, text, line, ...extra });

function render(doc: SourceDoc, highlights: readonly Highlight[] = [], extra: Partial<SourcePageInput> = {}): string {
  return renderSourcePage(layout, {
    doc,
    highlights,
    citation: '<div class="csl-entry">Author. <i>A report</i>. 2013.</div>',
    css: 'body { color: black; }',
    edition: '23 November 2026',
    editionIso: '2026-11-23',
    usedBy: [{ briefId: 'legal-framework', title: 'Legal framework', href: '../legal-framework.html' }],
    ...extra,
  });
}

/** The concatenated text nodes of a subtree, as `textContent` would give them. */
function textContent(node: Nodes): string {
  let text = '';
  visit(node, 'text', (child) => {
    text += child.value;
  });
  return text;
}

function elements(tree: Root, test: (node: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node);
  });
  return found;
}

const byId = (tree: Root, id: string) => elements(tree, (node) => node.properties['id'] === id)[0];

/** A paragraph's text without its ¶ number link. */
function paragraphText(tree: Root, n: number): string {
  const p = byId(tree, `p${n}`)!;
  return p.children.filter((child) => !(child.type === 'element' && child.tagName === 'a')).map(textContent).join('');
}

const text = 'Kosovo is a source, destination, and possibly a transit country for women and children.';

describe('renderSourcePage', () => {
  it('should mark a passage with its anchor, the fact ids as title, around exactly its words', () => {
    const tree = fromHtml(render(makeDoc([para(1, text)]), [{ paragraph: 1, start: 10, end: 18, facts: ['fact-a'] }]));
    const mark = byId(tree, 'q1-10-18')!;
    expect(mark.tagName).toBe('mark');
    expect(mark.properties['title']).toBe('fact-a');
    expect(textContent(mark)).toBe('a source');
    expect(paragraphText(tree, 1)).toBe(text);
  });

  it('should merge identical ranges into one mark naming every fact', () => {
    const html = render(makeDoc([para(1, text)]), [
      { paragraph: 1, start: 0, end: 6, facts: ['fact-a'] },
      { paragraph: 1, start: 0, end: 6, facts: ['fact-b', 'fact-a'] },
    ]);
    const marks = elements(fromHtml(html), (node) => node.tagName === 'mark' && node.properties['id'] !== undefined);
    expect(marks).toHaveLength(1);
    expect(marks[0]!.properties['title']).toBe('fact-a, fact-b');
    expect(textContent(marks[0]!)).toBe('Kosovo');
  });

  it('should nest a range inside another', () => {
    const tree = fromHtml(render(makeDoc([para(1, text)]), [
      { paragraph: 1, start: 20, end: 31, facts: ['inner'] },
      { paragraph: 1, start: 10, end: 63, facts: ['outer'] },
    ]));
    const outer = byId(tree, 'q1-10-63')!;
    expect(textContent(outer)).toBe(text.slice(10, 63));
    const inner = byId(tree, 'q1-20-31')!;
    expect(textContent(inner)).toBe('destination');
    expect(elements({ type: 'root', children: [outer] }, (node) => node === inner)).toHaveLength(1);
  });

  it('should clip a partially overlapping range to start where the earlier one ends', () => {
    const tree = fromHtml(render(makeDoc([para(1, text)]), [
      { paragraph: 1, start: 40, end: 70, facts: ['later'] },
      { paragraph: 1, start: 0, end: 50, facts: ['earlier'] },
    ]));
    expect(textContent(byId(tree, 'q1-0-50')!)).toBe(text.slice(0, 50));
    const later = byId(tree, 'q1-40-70')!;
    expect(textContent(later)).toBe(text.slice(50, 70));
    expect(later.properties['title']).toBe('later');
    expect(elements({ type: 'root', children: [byId(tree, 'q1-0-50')!] }, (node) => node.tagName === 'mark')).toHaveLength(1);
    expect(paragraphText(tree, 1)).toBe(text);
  });

  it('should keep adjacent ranges as two marks side by side', () => {
    const html = render(makeDoc([para(1, text)]), [
      { paragraph: 1, start: 0, end: 6, facts: ['a'] },
      { paragraph: 1, start: 6, end: 9, facts: ['b'] },
    ]);
    expect(html).toContain('<mark id="q1-0-6" title="a">Kosovo</mark><mark id="q1-6-9" title="b"> is</mark> a source');
  });

  it('should mark a whole paragraph, from its first to its last character', () => {
    const tree = fromHtml(render(makeDoc([para(1, text), para(2, 'Short.')]), [
      { paragraph: 2, start: 0, end: 6, facts: ['whole'] },
      { paragraph: 1, start: text.length - 9, end: text.length, facts: ['tail'] },
    ]));
    expect(textContent(byId(tree, 'q2-0-6')!)).toBe('Short.');
    expect(textContent(byId(tree, `q1-${text.length - 9}-${text.length}`)!)).toBe('children.');
  });

  it('should count offsets in UTF-16 code units around characters outside the BMP', () => {
    const tricky = 'Flag 🚩 then 𝟒𝟐 cases, and “Đakovica” 🇽🇰.';
    const flag = tricky.indexOf('🚩');
    const digits = tricky.indexOf('𝟒𝟐');
    const tree = fromHtml(render(makeDoc([para(1, tricky)]), [
      { paragraph: 1, start: flag, end: flag + 2, facts: ['flag'] },
      { paragraph: 1, start: digits, end: digits + 4, facts: ['digits'] },
      { paragraph: 1, start: tricky.indexOf('🇽'), end: tricky.length, facts: ['end'] },
    ]));
    expect(textContent(byId(tree, `q1-${flag}-${flag + 2}`)!)).toBe('🚩');
    expect(textContent(byId(tree, `q1-${digits}-${digits + 4}`)!)).toBe('𝟒𝟐');
    expect(textContent(byId(tree, `q1-${tricky.indexOf('🇽')}-${tricky.length}`)!)).toBe('🇽🇰.');
    expect(paragraphText(tree, 1)).toBe(tricky);
  });

  it('should refuse offsets outside the paragraph, empty ranges and halves of a character', () => {
    const doc = makeDoc([para(1, 'A 🚩 flag.')]);
    expect(() => render(doc, [{ paragraph: 1, start: 0, end: 99, facts: ['x'] }])).toThrow(InternalError);
    expect(() => render(doc, [{ paragraph: 1, start: 3, end: 3, facts: ['x'] }])).toThrow(InternalError);
    expect(() => render(doc, [{ paragraph: 1, start: 3, end: 6, facts: ['x'] }])).toThrow(/splits a character/);
    expect(() => render(doc, [{ paragraph: 7, start: 0, end: 1, facts: ['x'] }])).toThrow(/no such paragraph/);
  });

  it('should escape < and & in the text, the headings and the title', () => {
    const doc = makeDoc([para(1, 'Fines < 10 000 € & <b>bold</b> claims.', 3)], {
      bib: { id: 'doc', type: 'report', title: 'Report <2013> & annex' },
      headings: [{ depth: 2, text: 'Penalties & <i>more</i>', line: 1 }],
    });
    const html = render(doc, [{ paragraph: 1, start: 0, end: 10, facts: ['x'] }]);
    expect(html).toContain('<h1>Report &lt;2013&gt; &amp; annex</h1>');
    expect(html).toContain('<title>Report &lt;2013&gt; &amp; annex · Source document');
    expect(html).toContain('<h2>Penalties &amp; &lt;i&gt;more&lt;/i&gt;</h2>');
    expect(html).toContain('<mark id="q1-0-10" title="x">Fines &lt; 10</mark> 000 € &amp; &lt;b&gt;bold&lt;/b&gt; claims.');
    const tree = fromHtml(html);
    const main = elements(tree, (node) => node.tagName === 'main')[0]!;
    expect(elements({ type: 'root', children: [main] }, (node) => node.tagName === 'b' || node.tagName === 'i')).toEqual([]);
    expect(paragraphText(tree, 1)).toBe('Fines < 10 000 € & <b>bold</b> claims.');
  });

  it('should number each paragraph with a link to its own anchor', () => {
    const tree = fromHtml(render(makeDoc([para(1, 'One.'), para(2, 'Two.')])));
    const p2 = byId(tree, 'p2')!;
    expect(p2.tagName).toBe('p');
    const link = p2.children.find((child): child is Element => child.type === 'element' && child.tagName === 'a')!;
    expect(link.properties['href']).toBe('#p2');
    expect(textContent(link)).toBe('¶ 2');
  });

  it('should merge headings with paragraphs in line order, the top level as h2', () => {
    const headings: Heading[] = [
      { depth: 1, text: 'Title', line: 1 },
      { depth: 2, text: 'First section', line: 5 },
      { depth: 3, text: 'Sub', line: 9 },
    ];
    const html = render(makeDoc([para(1, 'Intro.', 3), para(2, 'Body.', 7), para(3, 'Deep.', 11)], { headings }));
    const main = html.slice(html.indexOf('<main'));
    const order = ['<h2>Title</h2>', 'id="p1"', '<h3>First section</h3>', 'id="p2"', '<h3>Sub</h3>', 'id="p3"'].map((needle) => main.indexOf(needle));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('should put a page marker before the first paragraph of each page of a PDF', () => {
    const doc = makeDoc(
      [
        para(1, 'On page one.', 3, { page: 1, pageLabel: 'iii' }),
        para(2, 'Still page one.', 5, { page: 1, pageLabel: 'iii' }),
        para(3, 'Page three, after an image page.', 9, { page: 3, pageLabel: '12' }),
        para(4, 'Page four, no label.', 11, { page: 4 }),
      ],
      { format: 'pdf', pages: 4, headings: [{ depth: 2, text: 'Protection', line: 7 }] },
    );
    const html = render(doc);
    expect(html).toContain('<div class="page-marker" id="page-1">p. iii</div>');
    // Page 2 has no paragraph: its anchor lands on the next marker.
    expect(html).toContain('<div class="page-marker" id="page-3"><span id="page-2"></span>p. 12</div>');
    expect(html).toContain('<div class="page-marker" id="page-4">p. 4</div>');
    expect(html.match(/class="page-marker"/g)).toHaveLength(3);
    // The marker goes above the heading that opens the page.
    expect(html.indexOf('id="page-3"')).toBeLessThan(html.indexOf('<h2>Protection</h2>'));
    expect(html.indexOf('<h2>Protection</h2>')).toBeLessThan(html.indexOf('id="p3"'));
    expect(html).toContain('PDF, 4 pages');
  });

  it('should mark a page that starts inside a paragraph inline, without changing any mark’s text', () => {
    const long = 'The sentence begins on page four and ends on page six, after a full-page table.';
    const breakAt = long.indexOf('ends');
    const doc = makeDoc(
      [para(1, long, 1, { page: 4, pageLabel: '4', pageBreaks: [{ offset: breakAt, page: 6, label: 'vi' }] }), para(2, 'Next.', 3, { page: 6, pageLabel: 'vi' })],
      { format: 'pdf', pages: 6 },
    );
    const html = render(doc, [{ paragraph: 1, start: 4, end: breakAt + 4, facts: ['across'] }]);
    expect(html).toContain('<span class="page-break" id="page-6" data-label="p. vi"><span id="page-5"></span></span>ends</mark>');
    expect(html.match(/id="page-6"/g)).toHaveLength(1);
    const tree = fromHtml(html);
    expect(textContent(byId(tree, `q1-4-${breakAt + 4}`)!)).toBe(long.slice(4, breakAt + 4));
    expect(paragraphText(tree, 1)).toBe(long);
  });

  it('should show a heading that is also a numbered paragraph once, as a heading with its number and marks', () => {
    const doc = makeDoc(
      [para(1, 'Kosovo (Tier 2)', 1, { heading: 2 }), para(2, 'Body text.', 3), para(3, 'Prosecution', 5, { heading: 3 })],
      { format: 'html', headings: [{ depth: 2, text: 'Kosovo (Tier 2)', line: 1 }, { depth: 3, text: 'Prosecution', line: 5 }] },
    );
    const html = render(doc, [{ paragraph: 1, start: 0, end: 6, facts: ['tier'] }]);
    expect(html).toContain('<h2 id="p1" class="para"><a class="pn" href="#p1" aria-label="Paragraph 1">¶ 1</a><mark id="q1-0-6" title="tier">Kosovo</mark> (Tier 2)</h2>');
    expect(html).toContain('<h3 id="p3" class="para">');
    expect(html.match(/Kosovo<\/mark> \(Tier 2\)|Kosovo \(Tier 2\)/g)).toHaveLength(1);
    expect(html.match(/>Prosecution</g)).toHaveLength(1);
  });

  it('should put no page markers in a text document', () => {
    expect(render(makeDoc([para(1, 'Text.')]))).not.toContain('page-marker"');
  });

  it('should show the header: citation, format, short digest, legend and back links', () => {
    const html = render(makeDoc([para(1, 'Text.')]));
    expect(html).toContain('<div class="citation"><div class="csl-entry">Author. <i>A report</i>. 2013.</div></div>');
    expect(html).toContain('<dd>Plain text</dd>');
    expect(html).toContain('<code title="0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef">0123456789ab</code>');
    expect(html).toContain('Quoted passages are highlighted');
    expect(html).toContain('<a href="../legal-framework.html">Legal framework</a>');
    expect(html).toContain('<a href="../index.html">');
    expect(html).toContain('<time datetime="2026-11-23">23 November 2026</time>');
    expect(html).not.toMatch(/<script/i);
  });

  it('should refuse a link that is neither relative nor http(s)', () => {
    expect(() => render(makeDoc([para(1, 'Text.')]), [], { usedBy: [{ briefId: 'x', title: 'X', href: 'javascript:alert(1)' }] })).toThrow(InternalError);
  });

  it('should report a broken layout as a template-render problem naming the file', () => {
    const broken = { ...layout, source: '<p>{{missing}}</p>' };
    try {
      renderSourcePage(broken, { doc: makeDoc([para(1, 'Text.')]), highlights: [], citation: '', css: '', edition: '', editionIso: '', usedBy: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuildError);
      const [message] = (error as BuildError).messages;
      expect(message?.ruleId).toBe('template-render');
      expect(message?.file).toBe(layoutPath);
      expect(message?.message).toMatch(/Could not render template .*source\.html\.hbs.*missing/);
    }
  });

  it('should draw any set of ranges as marks that end where their passage ends and keep the text intact', () => {
    const sample = 'Ab 🚩 cd & <ef> 𝟒𝟐 gh ij kl mn.';
    const boundaries = [...sample].reduce<number[]>((acc, char) => [...acc, acc.at(-1)! + char.length], [0]);
    const offset = fc.constantFrom(...boundaries);
    const range = fc.tuple(offset, offset).filter(([a, b]) => a !== b).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 8 }), (ranges) => {
        const highlights = ranges.map((r, i) => ({ paragraph: 1, ...r, facts: [`f${i}`] }));
        const tree = fromHtml(render(makeDoc([para(1, sample)]), highlights));
        expect(paragraphText(tree, 1)).toBe(sample);
        const ids = new Set(ranges.map((r) => `q1-${r.start}-${r.end}`));
        expect(elements(tree, (node) => node.tagName === 'mark' && typeof node.properties['id'] === 'string')).toHaveLength(ids.size);
        for (const r of ranges) {
          const marked = textContent(byId(tree, `q1-${r.start}-${r.end}`)!);
          // Clipping only ever moves the start: the mark is a non-empty tail of its passage.
          expect(marked.length).toBeGreaterThan(0);
          expect(sample.slice(r.start, r.end).endsWith(marked)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
