import { describe, expect, it, vi } from 'vitest';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { FormattedCitations } from '../../../src/cite/index.js';
import { renderBrief, type BriefMarkdown } from '../../../src/compose/index.js';
import type { VerifiedFact } from '../../../src/facts/index.js';
import { createProcessor, frontMatterSchema, markdownToHtml, type BriefHtmlBody, type NoteFormatter } from '../../../src/markdown/index.js';

function only(messages: readonly VFileMessage[]): VFileMessage {
  expect(messages.map((message) => message.ruleId)).toHaveLength(1);
  return messages[0]!;
}

const known = new Set(['a', 'b', 'c']);

/** A stand-in for the citation stage: notes say which fact they are for. */
function formatter(): NoteFormatter & { readonly format: ReturnType<typeof vi.fn<NoteFormatter['format']>> } {
  return {
    knows: (id) => known.has(id),
    format: vi.fn<NoteFormatter['format']>(
      (ids): FormattedCitations => ({
        notes: ids.map((id, index) => ({
          factId: id,
          n: index + 1,
          referenceHtml: `Report <i>${id.toUpperCase()}</i>, ¶ ${index + 3}.`,
          excerpts: [{ sourceId: `source-${id}`, paragraph: index + 3, start: 0, end: 7, text: `passage of ${id}` }],
        })),
        bibliography: ids.map((id) => ({ sourceId: `source-${id}`, html: `<div class="csl-entry">Source ${id.toUpperCase()}.</div>` })),
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
});

async function toHtml(markdown: string, notes: NoteFormatter = formatter()): Promise<BriefHtmlBody & { html: string }> {
  const body = await markdownToHtml(brief(markdown), createProcessor(), notes);
  return { ...body, html: String(body.file.value) };
}

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

describe('markdownToHtml', () => {
  it('should read the front matter into the result and keep it out of the HTML', async () => {
    const body = await toHtml(sample);
    expect(body.file.messages).toEqual([]);
    expect(body.briefId).toBe('demo');
    expect(body.matter).toEqual({ title: 'Demo brief', subtitle: 'A subtitle', keywords: ['Kosovo', 'trafficking'], omit: {}, lang: 'en' });
    expect(body.html).not.toContain('title:');
    expect(body.html).toContain('<h1>Findings</h1>');
  });

  it('should turn footnote markers into note references with back-references', async () => {
    const { html } = await toHtml(sample);
    expect(html.match(/data-footnote-ref/g)).toHaveLength(3);
    expect(html).toContain('data-footnote-backref');
    expect(html).toContain('href="#fnref-a"');
    expect(html).toContain('href="#fnref-b"');
  });

  it('should number notes in order of first use', async () => {
    const notes = formatter();
    const { html, citations } = await toHtml(sample, notes);
    expect(notes.format).toHaveBeenCalledWith(['b', 'a']);
    const refs = [...html.matchAll(/<a href="#fn-(\w+)" id="fnref-[\w-]+" data-footnote-ref[^>]*>(\d+)<\/a>/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(refs).toEqual([
      ['b', '1'],
      ['a', '2'],
      ['b', '1'],
    ]);
    const items = [...html.matchAll(/<li id="fn-(\w+)">/g)].map((match) => match[1]);
    expect(items).toEqual(['b', 'a']);
    expect(citations?.notes.map((note) => note.factId)).toEqual(['b', 'a']);
  });

  it('should reuse one note for a repeated marker', async () => {
    const { html } = await toHtml(sample);
    expect(html.match(/<li id="fn-b">/g)).toHaveLength(1);
    expect(html).toContain('id="fnref-b-2"');
    expect(html).toContain('href="#fnref-b-2"');
  });

  it('should fill each note with the formatted reference and the quoted excerpt', async () => {
    const { html } = await toHtml(sample);
    const note = /<li id="fn-a">([\s\S]*?)<\/li>/.exec(html)?.[1] ?? '';
    expect(note).toContain('Report <em>A</em>, ¶ 4.');
    // The excerpt links to its passage in the source viewer.
    expect(note).toContain('Quoted: <a href="sources/source-a.html#q4-0-7" title="The passage in the source" class="passage">“passage of a”</a>');
    // The hand-written definition ("a") is replaced by the generated note.
    expect(note).not.toMatch(/<p>a\b/);
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
    const body = await toHtml('---\ntitle: T\n---\n\nText[^zzz] and[^a].\n\n[^a]: a\n[^zzz]: z\n');
    const message = only(body.file.messages);
    expect(message.ruleId).toBe('unknown-citation');
    expect(message.line).toBe(5);
    expect(message.column).toBe(5);
    expect(message.reason).toMatch(/^The footnote reference \[\^zzz\] names no fact\.$/);
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
      format: (ids) => ({
        notes: ids.map((id, index) => ({
          factId: id,
          n: index + 1,
          referenceHtml: 'Ref <script>alert(1)</script> &amp; co.',
          excerpts: [{ sourceId: 's', paragraph: 1, start: 0, end: 4, text: '<b>not bold</b>' }],
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
    expect(String(second.file.value)).toContain('<li id="fn-c">');
    expect(String(second.file.value)).not.toContain('fn-b');
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
    expect(String(body.file.value)).toMatch(/<p>A statement\.<sup><a href="#fn-a" id="fnref-a" data-footnote-ref/);
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
