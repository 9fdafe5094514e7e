import { describe, expect, it } from 'vitest';
import { assemblePack, frontName, type LaidOutPart } from '../../../src/render/html/pack.js';
import { joinHtml } from '../../../src/render/html/html-parts.js';

/** A laid-out part as print.ts captures it: `pages` pages, each naming its part and number. */
function part(name: string, pages: number, extra: { css?: string[]; contents?: number[] } = {}): LaidOutPart {
  const html = Array.from({ length: pages }, (_, index) => {
    const entries = index === 0 ? (extra.contents ?? []).map((page) => `<a class="toc-num" href="#${name}-s${page}" data-pack-page="${page}"></a>`).join('') : '';
    return `<div class="pagedjs_page" id="${name}-page-${index + 1}">${name} p${index + 1}${entries}</div>`;
  }).join('');
  return {
    name,
    html,
    blank: '<div class="pagedjs_page pagedjs_blank_page"></div>',
    style: `--pagedjs-page-count: ${pages}; --pagedjs-footnotes-count: 0;`,
    css: extra.css ?? ['.pagedjs_page { counter-increment: page; }'],
    pages,
  };
}

function front(pages: number, briefs: string[]): LaidOutPart {
  const contents = briefs
    .map((id) => `<li><a class="toc-text" href="#${frontName}-${id}" data-pack-brief="${id}">Title of ${id}</a><a class="toc-num" href="#${frontName}-${id}" data-pack-brief="${id}" aria-hidden="true"></a></li>`)
    .join('');
  return { ...part(frontName, pages), html: `<div class="pagedjs_page">cover</div><div class="pagedjs_page"><ol>${contents}</ol></div>${'<div class="pagedjs_page">more contents</div>'.repeat(pages - 2)}` };
}

/** The pages of the assembled pack, in order, as "name pN" or "blank". */
function pageList(html: string): string[] {
  return [...html.matchAll(/<div class="pagedjs_page( pagedjs_blank_page)?"[^>]*>([^<]*)/g)].map((match) => (match[1] ? 'blank' : match[2]!));
}

const assemble = (frontPart: LaidOutPart, briefs: LaidOutPart[]) =>
  assemblePack({ front: frontPart, briefs, fontCss: '@font-face { font-family: X; }', title: 'Policy <briefs>', lang: 'en' });

describe('assemblePack', () => {
  it('should start every brief on an odd page, with an empty page before it where needed', () => {
    const pack = assemble(front(2, ['a', 'b', 'c']), [part('a', 3), part('b', 2), part('c', 1)]);
    expect(pageList(joinHtml(pack.html))).toEqual(['cover', '', 'a p1', 'a p2', 'a p3', 'blank', 'b p1', 'b p2', 'c p1']);
    expect(pack.pages).toBe(9);
    expect([...pack.starts]).toEqual([['a', 3], ['b', 7], ['c', 9]]);
  });

  it('should pad front matter of an odd number of pages', () => {
    const pack = assemble(front(3, ['a']), [part('a', 2)]);
    expect([...pack.starts]).toEqual([['a', 5]]);
    expect(pack.pages).toBe(6);
  });

  it('should number the contents with the pack pages and link each entry to its brief', () => {
    const html = joinHtml(assemble(front(2, ['a', 'b']), [part('a', 3), part('b', 2)]).html);
    expect(html).toContain('<a class="toc-text" href="#a-page-1">Title of a</a>');
    expect(html).toContain('<a class="toc-num" aria-hidden="true" href="#a-page-1">3</a>');
    expect(html).toContain('<a class="toc-num" aria-hidden="true" href="#b-page-1">7</a>');
    expect(html).not.toContain('data-pack-brief');
  });

  it("should move each brief's own contents by the pages before it", () => {
    const html = joinHtml(assemble(front(2, ['a', 'b']), [part('a', 3, { contents: [1, 3] }), part('b', 2, { contents: [2] })]).html);
    expect(html).toContain('<a class="toc-num" href="#a-s1">3</a><a class="toc-num" href="#a-s3">5</a>');
    expect(html).toContain('<a class="toc-num" href="#b-s2">8</a>');
    expect(html).not.toContain('data-pack-page');
  });

  it('should count the pages of the whole pack, keep the fonts a piece of their own and every rule once', () => {
    const pack = assemble(front(2, ['a', 'b']), [part('a', 3, { css: ['x { color: red; }', 'y {}'] }), part('b', 2, { css: ['x { color: red; }', 'z {}'] })]);
    expect(pack.html[1]).toBe('@font-face { font-family: X; }');
    const html = joinHtml(pack.html);
    expect(html).toContain('style="--pagedjs-footnotes-count: 0; --pagedjs-page-count: 8;"');
    expect(html.match(/x \{ color: red; \}/g)).toHaveLength(1);
    expect(html).toContain('y {}');
    expect(html).toContain('z {}');
    expect(html).toContain('<title>Policy &lt;briefs&gt;</title>');
  });
});
