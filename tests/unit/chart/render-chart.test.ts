import type { Element } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderResultCache } from '../../../src/cache/index.js';
import { chartSpecs, renderChart, type ChartData, type ChartPanel } from '../../../src/chart/index.js';
import { panelSize } from '../../../src/chart/chart-spec.js';
import { labelWidth } from '../../../src/chart/place-labels.js';
import { recordingCache } from '../../helpers/recording-cache.js';
import { elements, groups, hasClass, panelsOf, pathXs, textOf, valueLabels, yearLabels } from './svg-helpers.js';

const panel = (title: string, points: readonly (readonly [number, number])[]): ChartPanel => ({
  title,
  axisTitle: 'Number',
  points: points.map(([year, value]) => ({ year, value, label: String(value) })),
  description: `${title}: ${points.map(([year, value]) => `${value} in ${year}`).join(', ')}.`,
});

const chart = (panels: readonly ChartPanel[]): ChartData => ({
  id: 'figures-1',
  title: 'Figures the sources give for two or more years',
  subtitle: ['2010 and 2011 TIP reports; by year described. Each panel has its own scale, from zero.'],
  key: {
    point: 'a figure the sources give for a year',
    line: 'a line joins the figures of consecutive years',
    gap: 'a gap: no figure for the years between',
  },
  panels,
});

const data = chart([
  panel('Investigations', [[2009, 63], [2010, 194]]),
  panel('Convictions', [[2009, 22], [2010, 11]]),
]);

/** Fifteen years, 2009–2023, with the highest value in 2010 and the lowest in 2018. */
const fifteen = [63, 194, 48, 57, 70, 66, 101, 88, 45, 39, 60, 72, 81, 90, 75].map((value, at) => [2009 + at, value] as const);

const toHtml = (node: Element): string => unified().use(rehypeStringify).stringify({ type: 'root', children: [node] });

/** The line paths of a panel: one per run of consecutive years. */
const linePaths = (svg: Element): Element[] => groups(svg, 'mark-line').flatMap((group) => elements(group, (element) => element.tagName === 'path'));

describe('chartSpecs', () => {
  it('should give one spec per panel, each with its own value scale from zero', () => {
    const specs = chartSpecs(data) as unknown as { title: { text: string[] }; layer: { encoding: { y: { scale: { domain: number[] } } } }[] }[];
    expect(specs.map((spec) => spec.title.text.join(' '))).toEqual(['Investigations', 'Convictions']);
    expect(specs.map((spec) => spec.layer[0]!.encoding.y.scale.domain[0])).toEqual([0, 0]);
  });

  it('should tell panels apart without colour: a distinct point shape and dash pattern each', () => {
    const specs = chartSpecs(data) as unknown as { layer: { mark: { type: string; shape?: string; strokeDash?: number[]; color?: string } }[] }[];
    const points = specs.map((spec) => spec.layer.find((layer) => layer.mark.type === 'point')!.mark);
    const lines = specs.map((spec) => spec.layer.find((layer) => layer.mark.type === 'line')!.mark);
    expect(new Set(points.map((mark) => mark.shape)).size).toBe(2);
    expect(new Set(lines.map((mark) => JSON.stringify(mark.strokeDash))).size).toBe(2);
    // Black ink only.
    expect(new Set([...points, ...lines].map((mark) => mark.color))).toEqual(new Set(['#1a1a1a']));
  });
});

describe('renderChart', () => {
  it('should return a figure named by the chart title, with the title, subtitle and key as HTML', async () => {
    const figure = await renderChart(data);
    expect(figure.tagName).toBe('figure');
    expect(figure.properties).toMatchObject({ className: ['chart'], id: 'chart-figures-1', role: 'group', ariaLabel: data.title });
    const caption = figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption')!;
    expect(elements(caption, (element) => hasClass(element, 'chart-title')).map(textOf)).toEqual([data.title]);
    expect(elements(caption, (element) => hasClass(element, 'chart-subtitle')).map(textOf)).toEqual([...data.subtitle]);
    const key = elements(caption, (element) => element.tagName === 'li').map((item) => textOf(item).trim());
    expect(key).toEqual([data.key.point, data.key.line, data.key.gap]);
    // The key's glyphs are drawings the words explain: hidden from screen readers.
    for (const glyph of elements(caption, (element) => element.tagName === 'svg')) expect(glyph.properties.ariaHidden).toBe('true');
  });

  it('should draw a panel once: a later build takes the same drawing from the cache, and draws a panel whose figures changed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-charts-'));
    try {
      const html = (figure: Element) => unified().use(rehypeStringify).stringify({ type: 'root', children: [figure] });
      const fresh = html(await renderChart(data));
      const first = recordingCache(folderResultCache(dir, 'tool'));
      expect(html(await renderChart(data, first.cache))).toBe(fresh);
      expect(first.calls).toEqual(data.panels.flatMap(() => ['chart-panel miss', 'chart-panel set']));
      const again = recordingCache(folderResultCache(dir, 'tool'));
      expect(html(await renderChart(data, again.cache))).toBe(fresh);
      expect(again.calls).toEqual(data.panels.map(() => 'chart-panel hit'));
      // One figure corrected: its panel is drawn again, the other comes from the cache.
      const corrected = chart([panel('Investigations', [[2009, 63], [2010, 195]]), ...data.panels.slice(1)]);
      again.calls.length = 0;
      const figure = html(await renderChart(corrected, again.cache));
      expect(figure).toBe(html(await renderChart(corrected)));
      expect(figure).toContain('195');
      expect(again.calls).toEqual(['chart-panel miss', 'chart-panel set', ...data.panels.slice(1).map(() => 'chart-panel hit')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should draw a panel again rather than take a kept drawing that is not self-contained (a cache file edited by hand)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-charts-'));
    try {
      const html = (figure: Element) => unified().use(rehypeStringify).stringify({ type: 'root', children: [figure] });
      const cache = folderResultCache(dir, 'tool');
      const svg = (...children: unknown[]) => ({ type: 'element', tagName: 'svg', properties: { xmlns: 'http://www.w3.org/2000/svg' }, children });
      const element = (tagName: string, properties: Record<string, unknown>, ...children: unknown[]) => ({ type: 'element', tagName, properties, children });
      const label = { type: 'text', value: '0' };
      const tampered = [
        svg(element('script', {}, { type: 'text', value: 'alert(1)' })),
        svg(element('a', { href: 'https://example.org/' }, element('text', {}, label))),
        svg(element('text', { onClick: 'alert(1)' }, label)),
        svg(element('rect', { style: 'fill: url(https://example.org/x.svg)' })),
        svg(element('text', {}, label), { type: 'comment', value: 'x' }),
        element('div', {}, svg()),
        '<svg xmlns="http://www.w3.org/2000/svg"><text>0</text></svg>',
      ];
      const fresh = html(await renderChart(data));
      for (const kept of tampered) {
        for (const spec of chartSpecs(data)) cache.entry('chart-panel', spec).set({ svg: kept });
        const again = recordingCache(cache);
        const figure = html(await renderChart(data, again.cache));
        expect(figure).toBe(fresh);
        expect(figure).not.toMatch(/<script|example\.org|onclick|<!--/i);
        expect(again.calls).toEqual(data.panels.flatMap(() => ['chart-panel miss', 'chart-panel set']));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should draw each panel as its own <svg role="img">, named by its values in words, with a <title> and <desc>', async () => {
    const figure = await renderChart(chart([...data.panels, panel('Victims identified', [[2009, 27], [2010, 39], [2012, 40]])]));
    const panels = panelsOf(figure);
    expect(panels).toHaveLength(3);
    expect(panels.map((svg) => svg.properties.role)).toEqual(['img', 'img', 'img']);
    expect(panels.map((svg) => svg.properties.ariaLabel)).toEqual([
      'Investigations: 63 in 2009, 194 in 2010.',
      'Convictions: 22 in 2009, 11 in 2010.',
      'Victims identified: 27 in 2009, 39 in 2010, 40 in 2012.',
    ]);
    const [title, desc] = panels[2]!.children.filter((child): child is Element => child.type === 'element');
    expect([title?.tagName, textOf(title!)]).toEqual(['title', 'Victims identified: 27 in 2009, 39 in 2010, 40 in 2012.']);
    expect([desc?.tagName, textOf(desc!)]).toEqual(['desc', 'No figure for 2011.']);
    expect(textOf(panels[0]!.children.find((child): child is Element => child.type === 'element' && child.tagName === 'desc')!)).toBe(
      'A figure for every year from 2009 to 2010.',
    );
    // Ids are unique in the page, which holds every panel.
    const ids = elements(figure, (element) => element.properties.id !== undefined).map((element) => String(element.properties.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should print every value, the panel titles and the axis titles in the drawing', async () => {
    const html = toHtml(await renderChart(data));
    for (const text of ['63', '194', '22', '11', 'Investigations', 'Convictions', 'Number', '2009', '2010']) {
      expect(html).toContain(`>${text}<`);
    }
  });

  it('should be self-contained: no script, foreign object, link or external resource', async () => {
    const html = toHtml(await renderChart(chart([panel('Investigations', fifteen)])));
    expect(html).not.toMatch(/<script|<foreignObject|<image|<use|href=|url\(|@import/i);
    expect(html).toContain('font-family="DejaVu Sans, Noto Sans, Arial, sans-serif"');
  });

  it('should size each panel for half an A4 text block or a phone: about 300 px wide, no text under 10 px', async () => {
    for (const svg of panelsOf(await renderChart(chart([panel('Investigations', fifteen), panel('Convictions', [[2009, 22], [2010, 11]])])))) {
      expect(Number(svg.properties.width)).toBeGreaterThanOrEqual(290);
      expect(Number(svg.properties.width)).toBeLessThanOrEqual(310);
      expect(svg.properties.viewBox).toBe(`0 0 ${svg.properties.width} ${svg.properties.height}`);
      const sizes = elements(svg, (element) => element.tagName === 'text').map((text) => Number.parseFloat(String(text.properties.fontSize)));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('gaps', () => {
  it('should join only consecutive years: no line runs across 2012–2013, where there is no figure', async () => {
    const [svg] = panelsOf(await renderChart(chart([panel('Investigations', [[2009, 63], [2010, 194], [2011, 48], [2014, 57], [2015, 70]])])));
    const axis = new Map(yearLabels(svg!).map((label) => [label.year, label.x]));
    const x2011 = axis.get(2011)!;
    const x2014 = axis.get(2014)!;
    expect(x2014 - x2011).toBeGreaterThan(50);
    const lines = linePaths(svg!).map(pathXs);
    // Two runs, 2009–2011 and 2014–2015: one path each, with a vertex per year.
    expect(lines.map((xs) => xs.length)).toEqual([3, 2]);
    for (const xs of lines) {
      // Axis labels sit half a pixel off the marks: compare with a pixel's tolerance.
      expect(xs.some((x) => x < x2011 + 1) && xs.some((x) => x > x2014 - 1)).toBe(false);
    }
    // Every point is still drawn.
    expect(elements(groups(svg!, 'mark-symbol')[0]!, (element) => element.tagName === 'path')).toHaveLength(5);
  });

  it('should draw a year with no neighbour as a point with no line', async () => {
    const [svg] = panelsOf(await renderChart(chart([panel('Convictions', [[2009, 22], [2010, 11], [2013, 5]])])));
    expect(linePaths(svg!).map((path) => pathXs(path).length)).toEqual([2]);
    expect(elements(groups(svg!, 'mark-symbol')[0]!, (element) => element.tagName === 'path')).toHaveLength(3);
    expect(valueLabels(svg!).map((label) => label.text).sort()).toEqual(['11', '22', '5']);
  });
});

describe('labels', () => {
  /** A label's box from its anchor (baseline at the top or bottom of the text) and an estimated width. */
  const box = (label: { text: string; x: number; y: number; anchor: string }) => {
    const width = labelWidth(label.text, 10);
    const left = label.anchor === 'end' ? label.x - width : label.anchor === 'middle' ? label.x - width / 2 : label.x;
    // Vega places text by its alphabetic baseline: the glyphs reach about 0.8 em above it.
    return { left, right: left + width, top: label.y - 8, bottom: label.y + 2 };
  };

  it('should label only the first, last, highest and lowest of fifteen years, without overlaps, inside the plot', async () => {
    const [svg] = panelsOf(await renderChart(chart([panel('Investigations', fifteen)])));
    const labels = valueLabels(svg!);
    expect(labels.map((label) => label.text).sort()).toEqual(['194', '39', '63', '75']);
    const boxes = labels.map(box);
    for (const [at, a] of boxes.entries()) {
      // Inside the plot area, so clear of the axes and their labels.
      expect(a.left).toBeGreaterThanOrEqual(0);
      expect(a.right).toBeLessThanOrEqual(panelSize.width);
      expect(a.top).toBeGreaterThanOrEqual(0);
      expect(a.bottom).toBeLessThanOrEqual(panelSize.height);
      for (const b of boxes.slice(at + 1)) {
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        expect(apart, `${labels[at]!.text} overlaps another label`).toBe(true);
      }
    }
  });

  it('should leave out a label that fits nowhere rather than let it overlap another', async () => {
    // Six neighbouring years of wide, level labels on an axis of fifteen (another panel's): 15 px a year.
    const crowded = panel('Prosecutions', [[2015, 1300000], [2016, 1300001], [2017, 1300002], [2018, 1300003], [2019, 1300004], [2020, 1300005]]);
    const [, svg] = panelsOf(await renderChart(chart([panel('Investigations', fifteen), crowded])));
    const labels = valueLabels(svg!);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(labels.length).toBeLessThan(6);
    const boxes = labels.map(box);
    for (const [at, a] of boxes.entries()) {
      for (const b of boxes.slice(at + 1)) {
        expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
      }
    }
  });

  it('should label every point of a short series', async () => {
    const [svg] = panelsOf(await renderChart(chart([panel('Prosecutions', [[2009, 25], [2010, 81], [2011, 30], [2012, 40]])])));
    expect(valueLabels(svg!).map((label) => label.text).sort()).toEqual(['25', '30', '40', '81']);
  });

  it('should thin out the year labels of fifteen years, keeping the first and last, none overlapping', async () => {
    const [svg] = panelsOf(await renderChart(chart([panel('Investigations', fifteen)])));
    const years = yearLabels(svg!);
    expect(years.length).toBeLessThanOrEqual(8);
    expect(years[0]?.year).toBe(2009);
    expect(years.at(-1)?.year).toBe(2023);
    for (const [at, label] of years.slice(1).entries()) {
      expect(label.x - years[at]!.x).toBeGreaterThanOrEqual(labelWidth('2000', 10) + 4);
    }
  });

  it('should label every year where there is room', async () => {
    const [svg] = panelsOf(await renderChart(chart([panel('Investigations', [[2009, 63], [2010, 194], [2011, 48], [2014, 57], [2015, 70]])])));
    expect(yearLabels(svg!).map((label) => label.year)).toEqual([2009, 2010, 2011, 2012, 2013, 2014, 2015]);
  });
});
