import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCollection } from '../../../src/collection/load-collection.js';
import { collectionSchema, type Collection } from '../../../src/collection/schema.js';
import type { TemplateFile } from '../../../src/compose/index.js';
import { loadLocale } from '../../../src/locale/index.js';
import { pageCss, renderDocument } from '../../../src/render/html/document.js';
import { joinHtml } from '../../../src/render/html/html-parts.js';
import { compileLayout, defaultChrome, layoutChrome } from '../../../src/render/html/layout-chrome.js';
import { renderPackFront } from '../../../src/render/html/pack.js';
import { repoRoot } from '../../helpers/project.js';

const english = loadLocale('en');
const layoutFile = async (name: string): Promise<TemplateFile> => {
  const file = path.join(repoRoot, 'defaults', 'templates', 'layouts', `${name}.html.hbs`);
  const source = await readFile(file, 'utf8');
  return { name, path: file, source, digest: '' };
};

const collectionOf = (entry: Record<string, unknown>, extra: Partial<Collection> = {}): Collection => ({
  ...defaultCollection(collectionSchema.parse(entry)),
  ...extra,
});

const kosovo = collectionOf({ title: 'Human trafficking in Kosovo', subtitle: 'Policy briefs', pack: { title: 'Human trafficking in Kosovo: policy briefs' } });

const briefInput = (collection: Collection) => ({
  briefId: 'demo',
  matter: { title: 'A brief', keywords: ['one'], omit: {}, lang: 'en' },
  body: '<p>Body.</p>',
  css: 'h1 { color: var(--accent); }',
  fontCss: '',
  edition: '23 November 2026',
  editionIso: '2026-11-23',
  paper: 'a4' as const,
  chrome: layoutChrome(collection, english),
});

describe('layout chrome: the collection and the interface words in the page layouts', () => {
  it('should give a message with {{t}}, its values escaped and trusted HTML as it is', () => {
    const t = (key: string, values = {}) => `${key}[${Object.entries(values).sort().map(([name, value]) => `${name}:${String(value)}`).join('|')}]`;
    const chrome = layoutChrome(kosovo, { t });
    const render = compileLayout('{{t "policyBrief"}} {{t "x" a=text b=html}} {{#t "y" n=3}}<mark>{{t "z"}}</mark>{{/t}}', chrome);
    expect(render({ text: '<b>&', html: { toHTML: () => '<time>1</time>' } })).toBe(
      'policyBrief[] x[a:&lt;b&gt;&amp;|b:<time>1</time>] y[content:<mark>z[]</mark>|n:3]',
    );
  });

  it('should escape a message itself, and refuse {{t}} without a key', () => {
    const chrome = layoutChrome(kosovo, { t: () => '<script>' });
    expect(compileLayout('{{t "x"}}', chrome)({})).toBe('&lt;script&gt;');
    expect(() => compileLayout('{{t}}', chrome)({})).toThrow(/key of a message/);
  });

  it('should give the logo as a data: URL, never as markup, and the accent colour', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const chrome = layoutChrome(collectionOf({ title: 'T', accent: '#1f4e79' }, { logo: svg }), english);
    expect(chrome.collection.logo).toBe(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
    expect(chrome.collection.accent).toBe('#1f4e79');
    expect(defaultChrome().collection).toMatchObject({ title: 'Policy briefs', logo: null, accent: null, colophon: false });
  });

  it('should put the collection’s title and the edition in the running footer', () => {
    const css = pageCss('a4', '23 November 2026', layoutChrome(collectionOf({ title: 'Trafficking "briefs"' }), english));
    expect(css).toContain('@bottom-left { content: "Trafficking \\22 briefs\\22  · Edition of 23 November 2026";');
  });

  it('should show the shipped collection as before in the built-in brief layout', async () => {
    const html = joinHtml(renderDocument(await layoutFile('brief'), briefInput(kosovo)));
    expect(html).toContain('<p class="series">Human trafficking in Kosovo · Policy brief</p>');
    expect(html).toContain('<p class="edition">Edition of <time datetime="2026-11-23">23 November 2026</time></p>');
    expect(html).toContain('content: "Human trafficking in Kosovo · Edition of 23 November 2026"');
    expect(html).not.toMatch(/<img|--accent: #|colophon/);
  });

  it('should name another collection, with its logo, accent and colophon, in the built-in layouts', async () => {
    const collection = collectionOf(
      { title: 'Migration in the Balkans', subtitle: 'Policy notes', organisation: 'Institute <X>', licence: 'CC BY 4.0', contact: 'info@example.org', site: 'https://example.org/briefs/', accent: '#aa3300' },
      { logo: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    );
    const html = joinHtml(renderDocument(await layoutFile('brief'), briefInput(collection)));
    expect(html).not.toMatch(/Kosovo/);
    expect(html).toContain('<p class="series">Migration in the Balkans · Policy brief</p>');
    expect(html).toMatch(/<img class="logo" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(&#x3D;)*" alt="">/);
    expect(html).not.toContain('<svg');
    expect(html).toContain('<style>:root { --accent: #aa3300; }</style>');
    expect(html).toContain('<p>Published by Institute &lt;X&gt;</p>');
    expect(html).toContain('<p>Licence: CC BY 4.0</p>');
    expect(html).toContain('<a href="https://example.org/briefs/">https://example.org/briefs/</a>');

    const front = joinHtml(
      renderPackFront(await layoutFile('pack'), { briefs: [{ briefId: 'demo', title: 'A brief' }], css: '', fontCss: '', edition: '23 November 2026', editionIso: '2026-11-23', paper: 'a4', chrome: layoutChrome(collection, english) }),
    );
    expect(front).not.toMatch(/Kosovo/);
    expect(front).toContain('<title>Migration in the Balkans</title>');
    expect(front).toContain('<p class="series">Migration in the Balkans</p>');
    expect(front).toContain('<h1>Policy notes</h1>');
    expect(front).toContain('<p class="toc-title">Contents</p>');
  });

  it('should give the pack cover of the shipped collection as before', async () => {
    const front = joinHtml(
      renderPackFront(await layoutFile('pack'), { briefs: [{ briefId: 'demo', title: 'A brief' }], css: '', fontCss: '', edition: '23 November 2026', editionIso: '2026-11-23', paper: 'a4', chrome: layoutChrome(kosovo, english) }),
    );
    expect(front).toContain('<title>Human trafficking in Kosovo: policy briefs</title>');
    expect(front).toContain('<p class="series">Human trafficking in Kosovo</p>\n  <h1>Policy briefs</h1>');
    expect(front).toContain('<p class="edition">Edition of <time datetime="2026-11-23">23 November 2026</time></p>');
  });
});
