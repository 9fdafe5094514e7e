import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { briefToDocx } from '../../../src/render/docx/brief-docx.js';

const body = `<p>Intro with <strong>bold</strong> and <em>italic</em> and <a href="https://example.org/">a link</a>.</p>
<h2>Summary</h2>
<p>First claim<sup><a href="#fn-1" id="fnref-1" data-footnote-ref aria-describedby="footnote-label">1</a></sup>. Second claim<sup><a href="#fn-2" id="fnref-2" data-footnote-ref aria-describedby="footnote-label">2</a></sup>.</p>
<h3>Details</h3>
<ul>
<li>A point</li>
</ul>
<blockquote>
<p>“A quotation.”</p>
</blockquote>
<figure class="chart" role="group" aria-label="A chart"><figcaption><p class="chart-title">Chart title</p></figcaption><div><svg role="img" aria-label="Cases: 3 in 2020, 5 in 2021." width="10" height="10"><title>x</title></svg></div></figure>
<table>
<thead><tr><th>Source</th><th>Facts</th></tr></thead>
<tbody><tr><td>Report A</td><td>8</td></tr></tbody>
</table>
<section data-footnotes class="footnotes"><h2 class="notes-heading" id="footnote-label">Notes</h2>
<ol>
<li id="fn-1"><p>Report A, ¶ 3. Quoted: <a href="sources/a.html#q3" class="passage">“The first note text.”</a> <a href="https://example.org/#:~:text=x" class="original">(original page)</a> <a href="#fnref-1" data-footnote-backref="" class="data-footnote-backref">back</a></p></li>
<li id="fn-2"><p>Report B, p. 12, the second note text. <a href="#fnref-2" data-footnote-backref="" class="data-footnote-backref">back</a></p></li>
</ol>
</section><section class="sources" aria-labelledby="sources-heading"><h2 id="sources-heading">Sources</h2><ul><li><div class="csl-entry">Report A. 2020.</div></li></ul></section>`;

const brief = {
  briefId: 'sample',
  matter: { title: 'A sample brief', subtitle: 'Its subtitle', summary: 'What it covers.', keywords: ['trafficking', 'Kosovo'], omit: {}, lang: 'en' },
  body,
};

async function unzip(bytes: Uint8Array): Promise<Record<string, string>> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

describe('briefToDocx', () => {
  it('writes headings as heading styles, a table with a header row, and the notes as Word footnotes', async () => {
    const files = await unzip(await briefToDocx(brief, { author: 'Test Author', date: new Date('2025-12-01T00:00:00Z') }));
    const document = files['word/document.xml']!;
    expect(document).toContain('<w:pStyle w:val="Title"/>');
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    expect(document).toContain('<w:pStyle w:val="Heading3"/>');
    expect(document).toContain('<w:pStyle w:val="Quote"/>');
    expect(document).toMatch(/<w:tblHeader\/>[\s\S]*Source[\s\S]*Report A/);
    expect(document.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(document.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(2);
    expect(document).toContain('Cases: 3 in 2020, 5 in 2021.');
    expect(document).not.toContain('first note text'); // the notes section is not repeated in the body
    expect(document).toContain('Sources');
    expect(document).toContain('<w:b/>');
    expect(document).toContain('<w:i/>');
    expect(document).toContain('w:instr="HYPERLINK &quot;https://example.org/&quot;"');

    const footnotes = files['word/footnotes.xml']!;
    expect(footnotes).toContain('The first note text.');
    expect(footnotes).toContain('the second note text.');
    expect(footnotes).not.toContain('back<');
    expect(footnotes).not.toContain('(original page)');
    expect(footnotes.indexOf('first note text')).toBeLessThan(footnotes.indexOf('second note text'));

    const core = files['docProps/core.xml']!;
    expect(core).toContain('<dc:title>A sample brief</dc:title>');
    expect(core).toContain('<dc:creator>Test Author</dc:creator>');
    expect(core).toContain('<dc:subject>What it covers.</dc:subject>');
    expect(core).toContain('<cp:keywords>trafficking, Kosovo</cp:keywords>');
    expect(core).toContain('<dc:language>en</dc:language>');
    expect(core).toContain('2025-12-01T00:00:00Z');

    const styles = files['word/styles.xml']!;
    expect(styles).toContain('Source Serif 4');
    expect(styles).toContain('w:lang w:val="en"');
  });

  it('writes the same XML parts for the same brief and date', async () => {
    const options = { author: 'Test Author', date: new Date('2025-12-01T00:00:00Z') };
    const [a, b] = [await unzip(await briefToDocx(brief, options)), await unzip(await briefToDocx(brief, options))];
    expect(a).toEqual(b);
  });
});
