import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import type { TemplateFile } from '../../../src/compose/index.js';
import { defaultCollection } from '../../../src/collection/load-collection.js';
import { collectionSchema } from '../../../src/collection/schema.js';
import { InternalError } from '../../../src/diagnostics/index.js';
import { loadLocale } from '../../../src/locale/index.js';
import { layoutChrome } from '../../../src/render/html/layout-chrome.js';
import { extractKeyPoints, renderIndexPage, type IndexBrief, type IndexPageInput } from '../../../src/site/index.js';
import { repoRoot } from '../../helpers/project.js';

const layoutPath = path.join(repoRoot, 'defaults', 'templates', 'layouts', 'index.html.hbs');
const layout: TemplateFile = { name: 'index', path: layoutPath, source: readFileSync(layoutPath, 'utf8'), digest: '' };

const brief = (id: string, extra: Partial<IndexBrief> = {}): IndexBrief => ({
  id,
  title: `Brief ${id}`,
  keyPoints: [],
  notes: 12,
  sources: 3,
  ...extra,
});

/** The shipped collection's briefs.yaml, as far as the index shows it. */
const kosovo = layoutChrome(defaultCollection(collectionSchema.parse({ title: 'Human trafficking in Kosovo', subtitle: 'Policy briefs' })), loadLocale('en'));

function render(extra: Partial<IndexPageInput> = {}): string {
  return renderIndexPage(layout, {
    chrome: kosovo,
    briefs: [brief('one')],
    sources: [{ id: 'tip-2011', title: '2011 Trafficking in Persons Report', href: 'sources/tip-2011.html', format: 'pdf' }],
    css: 'body { color: black; }',
    edition: '23 November 2026',
    editionIso: '2026-11-23',
    ...extra,
  });
}

function links(html: string): { href: string; text: string }[] {
  const found: { href: string; text: string }[] = [];
  visit(fromHtml(html), 'element', (node: Element) => {
    if (node.tagName !== 'a') return;
    let text = '';
    visit(node, 'text', (child) => {
      text += child.value;
    });
    found.push({ href: String(node.properties['href']), text });
  });
  return found;
}

function count(tree: Root, tagName: string): number {
  let n = 0;
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === tagName) n += 1;
  });
  return n;
}

describe('renderIndexPage', () => {
  it('should show the title once as the only h1, the edition date and the landmarks', () => {
    const html = render();
    const tree = fromHtml(html);
    expect(count(tree, 'h1')).toBe(1);
    expect(html).toContain('<h1>Human trafficking in Kosovo: Policy briefs</h1>');
    expect(html).toContain('<title>Human trafficking in Kosovo: Policy briefs</title>');
    expect(html).toContain('<p class="series">Human trafficking in Kosovo</p>');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<time datetime="2026-11-23">23 November 2026</time>');
    for (const landmark of ['header', 'main', 'footer']) expect(count(tree, landmark)).toBe(1);
    expect(html).not.toMatch(/<script/i);
  });

  it('should show only the links whose file is given, each naming its brief', () => {
    const html = render({
      briefs: [
        brief('both', { html: 'both.html', pdf: 'both.pdf', pages: 6 }),
        brief('html', { html: 'html.html' }),
        brief('pdf', { pdf: 'pdf.pdf', pages: 1 }),
        brief('none'),
      ],
    });
    const briefLinks = links(html).filter((link) => !link.href.startsWith('sources/'));
    expect(briefLinks).toEqual([
      { href: 'both.html', text: 'Read online (HTML): Brief both' },
      { href: 'both.pdf', text: 'Download PDF (6 pages): Brief both' },
      { href: 'html.html', text: 'Read online (HTML): Brief html' },
      { href: 'pdf.pdf', text: 'Download PDF (1 page): Brief pdf' },
    ]);
    expect(html).toContain('<span class="visually-hidden">: Brief both</span>');
    expect(html).toContain('Not built in this edition.');
  });

  it('should link the handout pack only when it is given', () => {
    expect(render()).not.toContain('Handout pack');
    const html = render({ pack: 'kosovo-briefs-handout.pdf' });
    expect(links(html)).toContainEqual({ href: 'kosovo-briefs-handout.pdf', text: 'Download the handout pack (PDF)' });
  });

  it('should show subtitle, summary, key points and the counts of a brief', () => {
    const html = render({
      briefs: [brief('one', { subtitle: 'Laws & penalties', summary: 'What the sources say.', keyPoints: ['First point.', 'Second point.'], notes: 1, sources: 1 })],
    });
    expect(html).toContain('<p class="subtitle">Laws &amp; penalties</p>');
    expect(html).toContain('<p class="summary">What the sources say.</p>');
    expect(html).toMatch(/<ul class="key-points">\s*<li>First point\.<\/li>\s*<li>Second point\.<\/li>\s*<\/ul>/);
    expect(html).toContain('1 note citing 1 source document');
    expect(render()).not.toContain('<ul class="key-points">');
  });

  it('should list every source with a link to its viewer page', () => {
    const html = render();
    expect(links(html)).toContainEqual({ href: 'sources/tip-2011.html', text: '2011 Trafficking in Persons Report' });
    expect(html).toContain('<span class="format">(PDF)</span>');
  });

  it('should escape < and & in titles and key points', () => {
    const html = render({ briefs: [brief('x', { title: 'Laws <2013> & after', keyPoints: ['Fines < 10 & more <b>x</b>'], html: 'x.html' })] });
    expect(html).toContain('Laws &lt;2013&gt; &amp; after');
    expect(html).toContain('<li>Fines &lt; 10 &amp; more &lt;b&gt;x&lt;/b&gt;</li>');
    expect(count(fromHtml(html), 'b')).toBe(0);
  });

  it('should refuse a link that is neither relative nor http(s)', () => {
    expect(() => render({ pack: 'javascript:alert(1)' })).toThrow(InternalError);
    expect(() => render({ briefs: [brief('x', { pdf: 'data:application/pdf;base64,AA' })] })).toThrow(InternalError);
  });
});

// As the Markdown stage writes a brief's body (see output/legal-framework.html).
const body = `<p><strong>As of:</strong> the newest source is the EU campaign page<sup><a href="#fn-eu" id="fnref-eu" data-footnote-ref aria-describedby="footnote-label">1</a></sup>.</p>
<h2>Key points</h2>
<ul>
<li>According to the 2011 US Trafficking in Persons (TIP) report, Kosovo prohibits all forms of trafficking in persons in Articles 137 and 139 of the 2004 criminal code.<sup><a href="#fn-tip-2011" id="fnref-tip-2011" data-footnote-ref aria-describedby="footnote-label">2</a></sup></li>
<li>According to the EU campaign page, the Criminal Code and the Criminal Procedure Code entered into force in January 2013; the page calls them “considerable
  progress”.<sup><a href="#fn-eu-2013" id="fnref-eu-2013" data-footnote-ref aria-describedby="footnote-label">3</a></sup></li>
<li>Koha's summary of the <em>2016 TIP report</em> states that the government still lacked the victim compensation fund<sup><a href="#fn-koha" id="fnref-koha" data-footnote-ref aria-describedby="footnote-label">4</a></sup> required by law &amp; its rules.<sup><a href="#fn-koha" id="fnref-koha-2" data-footnote-ref aria-describedby="footnote-label">4</a></sup></li>
</ul>
<h2>The instruments at a glance</h2>
<ul>
<li>Not a key point.</li>
</ul>
<section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">Notes</h2>
<ol><li id="fn-eu"><p>Note.</p></li></ol></section>`;

describe('extractKeyPoints', () => {
  it('should return the plain text of the items under "Key points", without note markers', () => {
    expect(extractKeyPoints(body)).toEqual([
      'According to the 2011 US Trafficking in Persons (TIP) report, Kosovo prohibits all forms of trafficking in persons in Articles 137 and 139 of the 2004 criminal code.',
      'According to the EU campaign page, the Criminal Code and the Criminal Procedure Code entered into force in January 2013; the page calls them “considerable progress”.',
      "Koha's summary of the 2016 TIP report states that the government still lacked the victim compensation fund required by law & its rules.",
    ]);
  });

  it('should take the list after an introductory paragraph, but not past the next heading', () => {
    expect(extractKeyPoints('<h2>Key points</h2><p>In short:</p><ol><li>One.</li><li> Two </li></ol>')).toEqual(['One.', 'Two']);
    expect(extractKeyPoints('<h2>Key points</h2><p>None yet.</p><h2>Next</h2><ul><li>Other.</li></ul>')).toEqual([]);
  });

  it('should return nothing for a body without the heading', () => {
    expect(extractKeyPoints('<h2>Summary</h2><ul><li>One.</li></ul>')).toEqual([]);
    expect(extractKeyPoints('')).toEqual([]);
  });
});
