import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { TopLevelSpec } from 'vega-lite';
import { noResultCache, type ResultCache } from '../cache/index.js';
import { chartSpecs, dashes } from './chart-spec.js';
import type { ChartData, ChartPanel } from './types.js';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

const element = (tagName: string, className: string, children: ElementContent[], properties: Element['properties'] = {}): Element => ({
  type: 'element',
  tagName,
  properties: { className: [className], ...properties },
  children,
});

const text = (value: string): ElementContent => ({ type: 'text', value });

function svgOf(markup: string): Element {
  const root = fromHtml(markup, { fragment: true, space: 'svg' });
  const svg = root.children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
  if (!svg) throw new Error('the drawing has no <svg> element');
  return svg;
}

/** Years in a panel's span with no figure, as ranges (`2012–2013 and 2016`). */
function missingYears(panel: ChartPanel): string {
  const have = new Set(panel.points.map((point) => point.year));
  const first = panel.points[0]?.year ?? 0;
  const last = panel.points.at(-1)?.year ?? first;
  const ranges: [number, number][] = [];
  for (let year = first; year <= last; year += 1) {
    if (have.has(year)) continue;
    const range = ranges.at(-1);
    if (range && range[1] === year - 1) range[1] = year;
    else ranges.push([year, year]);
  }
  const words = ranges.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}

/** The libraries, loaded on first use: a build whose charts are all in the cache never loads them. */
type Libraries = () => Promise<readonly [Vega, VegaLite]>;

/** A Vega-Lite spec drawn as SVG markup, headless (`renderer: 'none'`). */
async function drawSvg(libraries: Libraries, spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await libraries();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * What Vega draws is self-contained: no script, no event handler, nothing linked or loaded. A
 * kept drawing that is not (a cache file edited by hand) is drawn again rather than trusted:
 * charts enter the brief after the HTML is sanitised.
 */
const foreignTags = new Set(['script', 'foreignobject', 'image', 'use', 'a', 'iframe', 'object', 'embed', 'style']);
const foreignValue = /url\(|@import|javascript:/i;

function selfContained(value: unknown, top: boolean): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as { type?: unknown; tagName?: unknown; properties?: unknown; children?: unknown; value?: unknown };
  if (node.type === 'text') return !top && typeof node.value === 'string';
  if (node.type !== 'element' || typeof node.tagName !== 'string' || foreignTags.has(node.tagName.toLowerCase())) return false;
  if (top && node.tagName !== 'svg') return false;
  if (typeof node.properties !== 'object' || node.properties === null || Array.isArray(node.properties)) return false;
  for (const [name, property] of Object.entries(node.properties)) {
    // Event handlers (onClick …) and links (href, xLinkHref, src) are not drawings.
    if (/^on|href$|^src$/i.test(name)) return false;
    const values: unknown[] = Array.isArray(property) ? property : [property];
    if (!values.every((item) => ['number', 'boolean'].includes(typeof item) || (typeof item === 'string' && !foreignValue.test(item)))) return false;
  }
  return Array.isArray(node.children) && node.children.every((child) => selfContained(child, false));
}

const isDrawing = (value: unknown): value is { svg: Element } =>
  typeof value === 'object' && value !== null && selfContained((value as { svg?: unknown }).svg, true);

/**
 * The panel's <svg> element: from the cache when this very spec was drawn before (the spec
 * holds the data), else drawn. Kept as its syntax tree, so a build that finds it does not
 * parse the drawing's markup again.
 */
async function panelSvg(libraries: Libraries, spec: TopLevelSpec, cache: ResultCache): Promise<Element> {
  const entry = cache.entry('chart-panel', spec);
  const kept = entry.get(isDrawing);
  if (kept) return kept.svg;
  const svg = svgOf(await drawSvg(libraries, spec));
  entry.set({ svg });
  return svg;
}

async function drawPanel(libraries: Libraries, spec: TopLevelSpec, panel: ChartPanel, id: string, cache: ResultCache): Promise<Element> {
  const svg = await panelSvg(libraries, spec, cache);
  const missing = missingYears(panel);
  const first = panel.points[0]?.year;
  const last = panel.points.at(-1)?.year;
  const desc = missing ? `No figure for ${missing}.` : `A figure for every year from ${first} to ${last}.`;
  svg.properties = { ...svg.properties, role: 'img', ariaLabel: panel.description, className: ['chart-panel'], id };
  // The panel is one image, named by its values: the roles Vega gives its marks and groups
  // (graphics-symbol, graphics-object) would each need a name of their own (axe: svg-img-alt).
  visit(svg, 'element', (node) => {
    if (node !== svg && typeof node.properties.role === 'string' && node.properties.role.startsWith('graphics-')) delete node.properties.role;
  });
  svg.children.unshift(
    { type: 'element', tagName: 'title', properties: {}, children: [text(panel.description)] },
    { type: 'element', tagName: 'desc', properties: {}, children: [text(desc)] },
  );
  return svg;
}

// The key's glyphs: a point, two points joined, two points apart. Drawn, not written, so
// they are hidden from screen readers (the words say it).
const glyph = (body: string, width: number) =>
  svgOf(`<svg xmlns="http://www.w3.org/2000/svg" class="chart-glyph" width="${width}" height="12" viewBox="0 0 ${width} 12" aria-hidden="true" focusable="false">${body}</svg>`);
const dot = (x: number) => `<circle cx="${x}" cy="6" r="3.2" fill="#1a1a1a"/>`;
const keyGlyphs = {
  point: () => glyph(dot(6), 12),
  line: () => glyph(`<path d="M5 6H27" stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="${dashes[1]!.join(' ')}"/>${dot(5)}${dot(27)}`, 32),
  gap: () => glyph(`${dot(5)}${dot(27)}`, 32),
};

/**
 * Draw a chart with Vega-Lite and Vega, in Node, without a browser or canvas: each panel's
 * compiled spec is run headless (`renderer: 'none'`) and serialised with `toSVG()`. Returns the
 * `<figure class="chart">` (role `group`, named by the chart's title): a `<figcaption>` with the
 * title, subtitle and key, then one `<svg role="img">` per panel, named by its values in words.
 * Vega loads on first use, so briefs without charts never pay for it. With a `cache`, a panel
 * drawn before from the same spec (its data included) is not drawn again.
 */
export async function renderChart(data: ChartData, cache: ResultCache = noResultCache): Promise<Element> {
  let loading: Promise<readonly [Vega, VegaLite]> | undefined;
  const libraries: Libraries = () => (loading ??= Promise.all([import('vega'), import('vega-lite')]));
  const specs = chartSpecs(data);
  const panels: Element[] = [];
  for (const [index, spec] of specs.entries()) {
    panels.push(await drawPanel(libraries, spec, data.panels[index]!, `chart-${data.id}-${index + 1}`, cache));
  }
  const key = (['point', 'line', 'gap'] as const).map((mark) => element('li', `chart-key-${mark}`, [keyGlyphs[mark](), text(` ${data.key[mark]}`)]));
  const caption = element('figcaption', 'chart-caption', [
    element('p', 'chart-title', [text(data.title)]),
    ...data.subtitle.map((line) => element('p', 'chart-subtitle', [text(line)])),
    element('ul', 'chart-key', key),
  ]);
  return element('figure', 'chart', [caption, element('div', 'chart-panels', panels)], {
    id: `chart-${data.id}`,
    role: 'group',
    ariaLabel: data.title,
  });
}
