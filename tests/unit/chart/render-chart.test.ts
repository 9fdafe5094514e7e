import type { Element, ElementContent } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { chartSpec, renderChart, type ChartData } from '../../../src/chart/index.js';

const data: ChartData = {
  id: 'figures-1',
  title: 'Figures the sources give for two or more years',
  subtitle: ['By the year each figure describes', 'Each panel has its own scale'],
  description: 'Investigations: 63 in 2009, 194 in 2010. Convictions: 22 in 2009, 11 in 2010.',
  panels: [
    {
      title: 'Investigations',
      axisTitle: 'Number',
      points: [
        { year: 2009, value: 63, label: '63' },
        { year: 2010, value: 194, label: '194' },
      ],
    },
    {
      title: 'Convictions',
      axisTitle: 'Number',
      points: [
        { year: 2009, value: 22, label: '22' },
        { year: 2010, value: 11, label: '11' },
      ],
    },
  ],
};

const toHtml = (svg: Element): string => unified().use(rehypeStringify).stringify({ type: 'root', children: [svg] });

const texts = (node: Element): string[] =>
  node.children.flatMap((child: ElementContent) =>
    child.type === 'text' ? [child.value] : child.type === 'element' ? texts(child) : [],
  );

describe('chartSpec', () => {
  it('should draw one panel per series, each with its own value scale from zero', () => {
    const spec = chartSpec(data) as unknown as { concat: { title: { text: string }; layer: unknown[] }[]; columns: number };
    expect(spec.concat.map((panel) => panel.title.text)).toEqual(['Investigations', 'Convictions']);
    expect(spec.columns).toBe(2);
  });

  it('should tell panels apart without colour: a distinct point shape and dash pattern each', () => {
    const spec = chartSpec(data) as unknown as { concat: { layer: { mark: { type: string; shape?: string; strokeDash?: number[]; color?: string } }[] }[] };
    const points = spec.concat.map((panel) => panel.layer.find((layer) => layer.mark.type === 'point')!.mark);
    const lines = spec.concat.map((panel) => panel.layer.find((layer) => layer.mark.type === 'line')!.mark);
    expect(new Set(points.map((mark) => mark.shape)).size).toBe(2);
    expect(new Set(lines.map((mark) => JSON.stringify(mark.strokeDash))).size).toBe(2);
    // Black ink only.
    expect(new Set([...points, ...lines].map((mark) => mark.color))).toEqual(new Set(['#1a1a1a']));
  });
});

describe('renderChart', () => {
  it('should draw an <svg> with a title, a text alternative and the role of an image', async () => {
    const svg = await renderChart(data);
    expect(svg.tagName).toBe('svg');
    expect(svg.properties.role).toBe('img');
    const [title, desc] = svg.children.filter((child): child is Element => child.type === 'element').slice(0, 2);
    expect(title?.tagName).toBe('title');
    expect(texts(title!)).toEqual([data.title]);
    expect(desc?.tagName).toBe('desc');
    expect(texts(desc!)).toEqual([data.description]);
    expect(svg.properties.ariaLabelledBy).toEqual([`chart-${data.id}-title`]);
  });

  it('should print every value, the panel titles and the axis titles in the drawing', async () => {
    const html = toHtml(await renderChart(data));
    for (const text of ['63', '194', '22', '11', 'Investigations', 'Convictions', 'Number', '2009', '2010']) {
      expect(html).toContain(`>${text}<`);
    }
    // Nothing but the SVG: no script, no foreign objects.
    expect(html).not.toMatch(/<script|<foreignObject/i);
  });
});
