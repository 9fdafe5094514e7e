import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { chartSpec } from './chart-spec.js';
import type { ChartData } from './types.js';

/**
 * Draw a chart to SVG with Vega-Lite and Vega, in Node, without a browser or canvas: the
 * compiled Vega spec is run headless (`renderer: 'none'`) and serialised with `toSVG()`.
 * Returns the `<svg>` as a hast element with a `<title>`, a `<desc>` (the text alternative)
 * and `role="img"`. Vega loads on first use, so briefs without charts never pay for it.
 */
export async function renderChart(data: ChartData): Promise<Element> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(chartSpec(data)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const root = fromHtml(svg, { fragment: true, space: 'svg' });
    const element = root.children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
    if (!element) throw new Error('Vega produced no <svg> element');
    const titleId = `chart-${data.id}-title`;
    const descId = `chart-${data.id}-desc`;
    element.properties = {
      ...element.properties,
      role: 'img',
      ariaLabelledBy: [titleId],
      ariaDescribedBy: [descId],
      className: ['chart-svg'],
    };
    element.children.unshift(
      { type: 'element', tagName: 'title', properties: { id: titleId }, children: [{ type: 'text', value: data.title }] },
      { type: 'element', tagName: 'desc', properties: { id: descId }, children: [{ type: 'text', value: data.description }] },
    );
    return element;
  } finally {
    view.finalize();
  }
}
