import { describe, expect, it, vi } from 'vitest';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { FormattedCitations } from '../../../src/cite/index.js';
import { renderBrief, type BriefMarkdown } from '../../../src/compose/index.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import { createProcessor, frontMatterSchema, markdownToHtml, type BriefHtmlBody, type NoteFormatter } from '../../../src/markdown/index.js';
import { shortPassage } from '../../../src/markdown/evidence.js';

function only(messages: readonly VFileMessage[]): VFileMessage {
  expect(messages.map((message) => message.ruleId)).toHaveLength(1);
  return messages[0]!;
}

/** A passage of `length` characters: words of "x". */
const long = (length: number) => 'xxxx '.repeat(Math.ceil(length / 5)).slice(0, length - 1).concat('x');

/**
 * The passages each stand-in fact quotes: `a` (with its place on the original web page) and
 * `b` are short; `c` is long; `d` quotes two passages of one source (260 characters in all);
 * `e` two short passages of one source; `f` three short ones.
 */
const passagesOf: Record<string, readonly { paragraph: number; text: string; original?: string }[]> = {
  a: [{ paragraph: 3, text: 'passage of a', original: 'https://example.org/a#:~:text=passage%20of%20a' }],
  b: [{ paragraph: 4, text: 'passage of b' }],
  c: [{ paragraph: 5, text: long(300) }],
  d: [
    { paragraph: 6, text: long(130) },
    { paragraph: 7, text: long(130) },
  ],
  e: [
    { paragraph: 8, text: 'first of e' },
    { paragraph: 9, text: 'second of e' },
  ],
  f: [
    { paragraph: 1, text: 'one' },
    { paragraph: 2, text: 'two' },
    { paragraph: 3, text: 'three' },
  ],
};

const known = new Set(Object.keys(passagesOf));

/** A stand-in for the citation stage: a note names the facts of its marker and quotes their passages. */
function formatter(evidence?: NoteFormatter['evidence']): NoteFormatter & { readonly format: ReturnType<typeof vi.fn<NoteFormatter['format']>> } {
  return {
    knows: (id) => known.has(id),
    ...(evidence ? { evidence } : {}),
    format: vi.fn<NoteFormatter['format']>(
      (groups): FormattedCitations => ({
        notes: groups.map((ids, index) => ({
          factIds: ids,
          n: index + 1,
          referenceHtml: `Report <i>${ids.join('+').toUpperCase()}</i>, note ${index + 1}.`,
          excerpts: ids.flatMap((id) =>
            (passagesOf[id] ?? []).map(({ paragraph, text, original }) => ({
              sourceId: `source-${id}`,
              paragraph,
              start: 0,
              end: 7,
              text,
              place: `¶ ${paragraph}`,
              sourceLabel: `Source ${id.toUpperCase()}`,
              ...(original ? { original } : {}),
            })),
          ),
        })),
        bibliography: [...new Set(groups.flat())].map((id) => ({ sourceId: `source-${id}`, html: `<div class="csl-entry">Source ${id.toUpperCase()}.</div>` })),
      }),
    ),
  };
}

const brief = (markdown: string): BriefMarkdown => ({
  briefId: 'demo',
  file: new VFile({ path: '/project/templates/briefs/demo.md.hbs', value: markdown }),
  usedFacts: [],
  printedFacts: new Set(),
  notedFacts: new Set(),
  showsDisagreements: false,
  keyPoints: [],
});

async function toHtml(markdown: string, notes: NoteFormatter = formatter()): Promise<BriefHtmlBody & { html: string }> {
  const body = await markdownToHtml(brief(markdown), createProcessor(), notes);
  return { ...body, html: String(body.file.value) };
}

/** The note numbered `n`, as HTML. */
const noteOf = (html: string, n: number) => (new RegExp(`<li id="fn-${n}">([\\s\\S]*?)</li>`).exec(html)?.[1] ?? '').trim();

const sample = `---
title: Demo brief
subtitle: A subtitle
keywords: [Kosovo, trafficking]
---

# Findings

First claim.[^b] Second claim.[^a] The first again.[^b]

[^a]: a
[^b]: b
`;

/** Markers of every kind: short, joined, long (twice), two long passages, two and three short ones. */
const evidenceSample = `---
title: Evidence
---

Both.[^a+b] Long.[^c] Two long.[^d] Two short.[^e] Three.[^f] Long again.[^c]

[^a+b]: a+b
[^c]: c
[^d]: d
[^e]: e
[^f]: f
`;

describe('markdownToHtml', () => {
  it('should read the front matter into the result and keep it out of the HTML', async () => {
    const body = await toHtml(sample);
    expect(body.file.messages).toEqual([]);
    expect(body.briefId).toBe('demo');
    expect(body.matter).toEqual({ title: 'Demo brief', subtitle: 'A subtitle', keywords: ['Kosovo', 'trafficking'], omit: {}, lang: 'en' });
    expect(body.html).not.toContain('title:');
    expect(body.html).toContain('<h1>Findings</h1>');
  });

  it('should turn footnote markers into note references with back-references, by note number', async () => {
    const { html } = await toHtml(sample);
    expect(html.match(/data-footnote-ref/g)).toHaveLength(3);
    expect(html.match(/data-footnote-backref=""/g)).toHaveLength(3);
    for (const n of [1, 2, 3]) {
      expect(html).toContain(`<a href="#fn-${n}" id="fnref-${n}" data-footnote-ref`);
      expect(noteOf(html, n)).toContain(`<a href="#fnref-${n}" data-footnote-backref="" aria-label="back to the text of note ${n}" class="data-footnote-backref">back</a>`);
    }
    // Note ids are numbers, not fact ids.
    expect(html).not.toMatch(/fn(?:ref)?-[ab]\b/);
  });

  it('should number the notes in reading order, one per marker', async () => {
    const notes = formatter();
    const { html, citations } = await toHtml(sample, notes);
    expect(notes.format).toHaveBeenCalledTimes(1);
    expect(notes.format).toHaveBeenCalledWith([['b'], ['a'], ['b']]);
    const refs = [...html.matchAll(/<a href="#fn-(\w+)" id="fnref-(\w+)" data-footnote-ref[^>]*>(\d+)<\/a>/g)].map((match) => [match[1], match[2], match[3]]);
    expect(refs).toEqual([
      ['1', '1', '1'],
      ['2', '2', '2'],
      ['3', '3', '3'],
    ]);
    const items = [...html.matchAll(/<li id="fn-(\w+)">/g)].map((match) => match[1]);
    expect(items).toEqual(['1', '2', '3']);
    expect(citations?.notes.map((note) => note.factIds)).toEqual([['b'], ['a'], ['b']]);
  });

  it('should give a repeated marker a note of its own, never a second back-reference to the first', async () => {
    const { html } = await toHtml(sample);
    expect(html.match(/<li id="fn-\d+">/g)).toHaveLength(3);
    expect(noteOf(html, 1)).toContain('Report <em>B</em>, note 1.');
    expect(noteOf(html, 3)).toContain('Report <em>B</em>, note 3.');
    expect(html).not.toMatch(/fnref-\d+-2|back \(2\)/);
  });

  it('should give a marker for several facts one note citing them all', async () => {
    const notes = formatter();
    const { html, citations, file } = await toHtml('---\ntitle: T\n---\n\nA row.[^a+b]\n\n[^a+b]: a+b\n', notes);
    expect(file.messages).toEqual([]);
    expect(notes.format).toHaveBeenCalledWith([['a', 'b']]);
    expect(citations?.notes.map((note) => [note.n, note.factIds])).toEqual([[1, ['a', 'b']]]);
    expect(html.match(/data-footnote-ref/g)).toHaveLength(1);
    expect(noteOf(html, 1)).toContain('Report <em>A+B</em>, note 1.');
  });

  it('should report each unknown fact of a marker for several facts, and give it no note', async () => {
    const notes = formatter();
    const body = await toHtml('---\ntitle: T\n---\n\nA row.[^a+zzz]\n\n[^a+zzz]: x\n', notes);
    const message = only(body.file.messages);
    expect(message.ruleId).toBe('unknown-citation');
    expect(message.reason).toMatch(/\[\^zzz\]/);
    expect(notes.format).toHaveBeenCalledWith([]);
  });

  it('should fill each note with the formatted reference and the whole passage it quotes', async () => {
    const { html } = await toHtml(sample);
    const note = noteOf(html, 2);
    expect(note).toContain('Report <em>A</em>, note 2.');
    // The passage links to its place in the source viewer, and to the original web page.
    expect(note).toContain(
      'note 2. Quoted: <a href="sources/source-a.html#q3-0-7" title="The passage in the source viewer" class="passage">“passage of a”</a> <a href="https://example.org/a#:~:text=passage%20of%20a" title="The passage on the original web page" class="original">(original page)</a> <a href="#fnref-2"',
    );
    // A source read from no web page has no link to an original.
    expect(noteOf(html, 1)).toContain('Quoted: <a href="sources/source-b.html#q4-0-7" title="The passage in the source viewer" class="passage">“passage of b”</a> <a href="#fnref-1"');
    // The hand-written definition ("a") is replaced by the generated note.
    expect(note).not.toMatch(/<p>a\b/);
  });

  it('should name the place of each of several passages, and the source when they come from several', async () => {
    const { html } = await toHtml(evidenceSample);
    // Two sources: the source label, then the place.
    expect(noteOf(html, 1)).toContain(
      'Quoted: Source A, ¶ 3: <a href="sources/source-a.html#q3-0-7" title="The passage in the source viewer" class="passage">“passage of a”</a> <a href="https://example.org/a#:~:text=passage%20of%20a" title="The passage on the original web page" class="original">(original page)</a>; Source B, ¶ 4: <a href="sources/source-b.html#q4-0-7" title="The passage in the source viewer" class="passage">“passage of b”</a> <a href="#fnref-1"',
    );
    // One source: the places only.
    expect(noteOf(html, 4)).toContain(
      'Quoted: ¶ 8: <a href="sources/source-e.html#q8-0-7" title="The passage in the source viewer" class="passage">“first of e”</a>; ¶ 9: <a href="sources/source-e.html#q9-0-7" title="The passage in the source viewer" class="passage">“second of e”</a> <a href="#fnref-4"',
    );
  });

  it('should quote long passages, and more than two, under "Evidence" once, with the numbers of every note citing them', async () => {
    const { html } = await toHtml(evidenceSample);
    // Notes 2, 3, 5 and 6 rest on long passages (c, d), or on three (f).
    for (const n of [2, 3, 5, 6]) {
      expect(noteOf(html, n)).toMatch(new RegExp(`^<p>Report <em>[CDF]</em>, note ${n}\\. Passage quoted under Evidence\\. <a href="#fnref-${n}"`));
      expect(noteOf(html, n)).not.toContain('class="passage"');
    }
    const section = /<section class="evidence" aria-labelledby="evidence-heading">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(section).toMatch(/^<h2 id="evidence-heading">Evidence<\/h2><p class="evidence-intro">[^<]+<\/p><ul>/);
    const items = [...section.matchAll(/<li id="evidence-(\d+)">([\s\S]*?)<\/li>/g)].map((match) => [match[1], match[2]!.replace(/“x[x ]*”/g, '“…”')]);
    expect(items).toEqual([
      // c's passage once, for both notes that cite it.
      ['1', '<span class="evidence-notes">2, 6.</span> Source C, ¶ 5: <a href="sources/source-c.html#q5-0-7" class="passage" title="The passage in the source viewer">“…”</a>'],
      // Two passages of one source for the same note: one item.
      [
        '2',
        '<span class="evidence-notes">3.</span> Source D, ¶ 6: <a href="sources/source-d.html#q6-0-7" class="passage" title="The passage in the source viewer">“…”</a>; ¶ 7: <a href="sources/source-d.html#q7-0-7" class="passage" title="The passage in the source viewer">“…”</a>',
      ],
      [
        '3',
        '<span class="evidence-notes">5.</span> Source F, ¶ 1: <a href="sources/source-f.html#q1-0-7" class="passage" title="The passage in the source viewer">“one”</a>; ¶ 2: <a href="sources/source-f.html#q2-0-7" class="passage" title="The passage in the source viewer">“two”</a>; ¶ 3: <a href="sources/source-f.html#q3-0-7" class="passage" title="The passage in the source viewer">“three”</a>',
      ],
    ]);
    // Whole passages, not cut.
    expect(section).toContain(`“${long(300)}”`);
    // Notes, then Evidence, then Sources.
    expect(html.indexOf('class="footnotes"')).toBeLessThan(html.indexOf('class="evidence"'));
    expect(html.indexOf('class="evidence"')).toBeLessThan(html.indexOf('class="sources"'));
  });

  it('should quote up to two passages of up to `shortPassage` characters in all in the note itself', async () => {
    const at = (lengths: readonly number[]): NoteFormatter => ({
      knows: () => true,
      format: (groups) => ({
        notes: groups.map((ids, index) => ({
          factIds: ids,
          n: index + 1,
          referenceHtml: 'Ref.',
          excerpts: lengths.map((length, p) => ({ sourceId: 's', paragraph: p + 1, start: 0, end: 1, text: long(length), place: `¶ ${p + 1}`, sourceLabel: 'S' })),
        })),
        bibliography: [],
      }),
    });
    const markdown = '---\ntitle: T\n---\n\nText[^a]\n\n[^a]: a\n';
    const quoted = async (lengths: readonly number[]) => {
      const { html } = await toHtml(markdown, at(lengths));
      const inNote = noteOf(html, 1).includes('Ref. Quoted: ');
      expect(html.includes('class="evidence"')).toBe(!inNote);
      expect(noteOf(html, 1).includes('Ref. Passage quoted under Evidence.')).toBe(!inNote);
      return inNote;
    };
    const half = Math.floor(shortPassage / 2);
    expect(await quoted([shortPassage])).toBe(true);
    expect(await quoted([shortPassage + 1])).toBe(false);
    expect(await quoted([half, shortPassage - half])).toBe(true);
    expect(await quoted([half, shortPassage - half + 1])).toBe(false);
    expect(await quoted([1, 1, 1])).toBe(false);
  });

  it('should quote every passage in its note, and add no Evidence, with `evidence: notes`', async () => {
    const { html } = await toHtml(evidenceSample, formatter('notes'));
    expect(html).not.toContain('class="evidence"');
    expect(html).not.toContain('Passage quoted under Evidence');
    for (const n of [1, 2, 3, 4, 5, 6]) expect(noteOf(html, n)).toMatch(new RegExp(`note ${n}\\. Quoted: `));
    expect(noteOf(html, 2)).toContain(`“${long(300)}”`);
    expect(noteOf(html, 3)).toContain('Quoted: ¶ 6: <a href="sources/source-d.html#q6-0-7"');
  });

  it('should print references only, and add no Evidence, with `evidence: none`', async () => {
    const { html } = await toHtml(evidenceSample, formatter('none'));
    expect(html).not.toContain('class="evidence"');
    expect(html).not.toMatch(/Quoted|Passage quoted|class="passage"|class="original"/);
    for (const n of [1, 2, 3, 4, 5, 6]) expect(noteOf(html, n)).toMatch(new RegExp(`^<p>Report <em>[A-F+]+</em>, note ${n}\\. <a href="#fnref-${n}"`));
    expect(html).toContain('class="sources"');
  });

  it('should add no Evidence section when every note quotes its passages', async () => {
    const { html } = await toHtml(sample);
    expect(html).not.toContain('class="evidence"');
    expect(html).not.toContain('Evidence');
  });

  it('should put the notes under a "Notes" heading and append a "Sources" section', async () => {
    const { html } = await toHtml(sample);
    expect(html).toMatch(/<section data-footnotes class="footnotes"><h2 class="notes-heading" id="footnote-label">Notes<\/h2>/);
    expect(html).toMatch(/<section class="sources" aria-labelledby="sources-heading"><h2 id="sources-heading">Sources<\/h2>/);
    expect(html.indexOf('class="footnotes"')).toBeLessThan(html.indexOf('class="sources"'));
    expect(html).toContain('<li id="source-source-b"><div class="csl-entry">Source B.</div></li>');
  });

  it('should add no Sources section to a brief without notes', async () => {
    const { html, citations } = await toHtml('---\ntitle: Plain\n---\n\nNo notes here.\n');
    expect(html).toBe('<p>No notes here.</p>');
    expect(citations).toEqual({ notes: [], bibliography: [] });
  });

  it('should report front matter without a title', async () => {
    const body = await toHtml('---\nsubtitle: No title\n---\n\nText.\n');
    const message = only(body.file.messages);
    expect(message.ruleId).toBe('front-matter-invalid');
    expect(message.line).toBe(1);
    expect(message.column).toBe(1);
    expect(message.fatal).toBe(true);
    expect(message.reason).toMatch(/^The front matter of ".*demo\.md\.hbs" is not valid: `title`: /);
    expect(body.matter).toBeUndefined();
  });

  it('should report a brief with no front matter at all', async () => {
    const body = await toHtml('# Just text\n');
    const message = only(body.file.messages);
    expect(message.ruleId).toBe('front-matter-invalid');
    expect(message.line).toBe(1);
    expect(message.column).toBe(1);
    expect(message.reason).toMatch(/is not valid: there is none/);
  });

  it('should report an unknown field in the front matter', async () => {
    const body = await toHtml('---\ntitle: T\nauthor: Someone\n---\n\nText.\n');
    const message = only(body.file.messages);
    expect(message.ruleId).toBe('front-matter-invalid');
    expect(message.reason).toMatch(/author/);
  });

  it('should report a footnote that names no fact at its marker', async () => {
    const notes = formatter();
    const body = await toHtml('---\ntitle: T\n---\n\nText[^zzz] and[^a].\n\n[^a]: a\n[^zzz]: z\n', notes);
    const message = only(body.file.messages);
    expect(message.ruleId).toBe('unknown-citation');
    expect(message.line).toBe(5);
    expect(message.column).toBe(5);
    expect(message.reason).toMatch(/^The footnote reference \[\^zzz\] names no fact\.$/);
    // The known marker still gets note 1.
    expect(notes.format).toHaveBeenCalledWith([['a']]);
  });

  it('should drop raw HTML such as <script> from the output', async () => {
    const { html } = await toHtml(
      '---\ntitle: T\n---\n\n<script>alert("x")</script>\n\nInline <img src="x" onerror="alert(1)"> text and <b>bold</b>.\n',
    );
    expect(html).not.toMatch(/<script|alert|onerror|<img|<b>/);
    expect(html).toContain('text and');
  });

  it('should escape the text of notes from the citation stage', async () => {
    const notes: NoteFormatter = {
      knows: () => true,
      format: (groups) => ({
        notes: groups.map((ids, index) => ({
          factIds: ids,
          n: index + 1,
          referenceHtml: 'Ref <script>alert(1)</script> &amp; co.',
          excerpts: [{ sourceId: 's', paragraph: 1, start: 0, end: 4, text: '<b>not bold</b>', place: '¶ 1', sourceLabel: '<i>S</i>' }],
        })),
        bibliography: [],
      }),
    };
    const { html } = await toHtml('---\ntitle: T\n---\n\nText[^a]\n\n[^a]: a\n', notes);
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toContain('&#x3C;b>not bold&#x3C;/b>');
  });

  it('should serve several briefs from one frozen processor', async () => {
    const processor = createProcessor();
    expect(() => processor.use(() => undefined)).toThrow(/frozen/);
    const first = await markdownToHtml(brief(sample), processor, formatter());
    const second = await markdownToHtml(brief('---\ntitle: Other\n---\n\nOnly[^c].\n\n[^c]: c\n'), processor, formatter());
    expect(first.matter?.title).toBe('Demo brief');
    expect(second.matter?.title).toBe('Other');
    // The second brief's notes start again at 1, with nothing of the first.
    const html = String(second.file.value);
    expect(html.match(/<li id="fn-\d+">/g)).toEqual(['<li id="fn-1">']);
    expect(noteOf(html, 1)).toContain('Report <em>C</em>, note 1.');
    expect(html).not.toMatch(/Report <em>[AB]<\/em>|source-b/);
    expect(second.citations?.notes.map((note) => note.factIds)).toEqual([['c']]);
  });
});

describe('frontMatterSchema', () => {
  it('should default keywords to none and the language to English', () => {
    expect(frontMatterSchema.parse({ title: 'T' })).toEqual({ title: 'T', keywords: [], omit: {}, lang: 'en' });
  });

  it('should reject an empty title', () => {
    expect(frontMatterSchema.safeParse({ title: '   ' }).success).toBe(false);
  });
});

describe('templates through to HTML', () => {
  const fact: VerifiedFact = {
    id: 'a',
    topics: ['demo'],
    tags: [],
    statement: 'A statement.',
    place: { line: 1, column: 3 },
    citations: [
      {
        source: 's',
        quote: 'A quoted passage.',
        place: { line: 2, column: 14 },
        sourceDigest: '0'.repeat(64),
        match: { paragraph: 1, line: 1, start: 0, end: 5, textStart: 0, textEnd: 5, locator: { label: 'paragraph', value: '1' } },
      },
    ],
  };
  const compose = (source: string): BriefMarkdown =>
    renderBrief(
      { name: 'demo', path: '/project/templates/briefs/demo.md.hbs', source, digest: '' },
      {
        templates: { briefs: new Map(), partials: new Map(), layouts: new Map(), styles: new Map() },
        facts: new Map([['a', fact]]),
        docs: new Map(),
        edition: '1 January 2026',
      },
    );

  it('should turn a fact helper into a numbered note', async () => {
    const markdown = compose('---\ntitle: T\n---\n\n{{fact "a"}}\n');
    const body = await markdownToHtml(markdown, createProcessor(), formatter());
    expect(body.file.messages).toEqual([]);
    expect(String(body.file.value)).toMatch(/<p>A statement\.<sup><a href="#fn-1" id="fnref-1" data-footnote-ref/);
  });

  it('should give a fact a template cites twice a note each time', async () => {
    const notes = formatter();
    const markdown = compose('---\ntitle: T\n---\n\n{{fact "a"}} Again: {{cite "a"}}\n');
    const body = await markdownToHtml(markdown, createProcessor(), notes);
    expect(body.file.messages).toEqual([]);
    expect(notes.format).toHaveBeenCalledWith([['a'], ['a']]);
    const html = String(body.file.value);
    expect(html).toMatch(/<p>A statement\.<sup><a href="#fn-1" id="fnref-1" data-footnote-ref[^>]*>1<\/a><\/sup> Again: <sup><a href="#fn-2" id="fnref-2" data-footnote-ref[^>]*>2<\/a><\/sup><\/p>/);
    expect(html.match(/<li id="fn-\d+">/g)).toEqual(['<li id="fn-1">', '<li id="fn-2">']);
  });

  // Known bug (compose → markdown): a footnote marker written by hand in a template gets no
  // definition from compose, so GFM leaves it as literal text and nothing reports it.
  it.fails('should report a hand-written footnote marker that no helper placed', async () => {
    const markdown = compose('---\ntitle: T\n---\n\nHand-written[^zzz].\n');
    const body = await markdownToHtml(markdown, createProcessor(), formatter());
    expect(String(body.file.value)).not.toContain('[^zzz]');
    expect(body.file.messages.map((message) => message.ruleId)).toContain('unknown-citation');
  });
});
