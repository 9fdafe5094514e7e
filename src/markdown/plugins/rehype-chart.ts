import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { renderChart } from '../../chart/index.js';
import { codes, reportError } from '../../diagnostics/index.js';

const text = (node: Element): string =>
  node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? text(child) : '')).join('');

/**
 * Replace each chart placeholder (a ```chart block naming a chart, written by the
 * `figureChart` helper) with the chart as a `<figure>` (caption, then one inline SVG per
 * panel), from the typed chart data the compose stage left in `file.data.charts`. It runs
 * after rehype-sanitize, so the figure's markup is not filtered by the schema; raw HTML stays
 * dropped: only what this plugin draws enters the page.
 */
export default function rehypeChart() {
  return async (tree: Root, file: VFile) => {
    const found: { node: Element; index: number; parent: Root | Element; id: string }[] = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'pre' || index === undefined || !parent) return;
      const code = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
      const classes = code?.properties.className;
      if (!code || !Array.isArray(classes) || !classes.includes('language-chart')) return;
      found.push({ node, index, parent: parent as Root | Element, id: text(code).trim() });
    });
    for (const { node, index, parent, id } of found) {
      const data = file.data.charts?.find((chart) => chart.id === id);
      if (!data) {
        reportError(file, codes.chartRender, [id, 'no chart of that id was prepared'], { place: node.position, stage: 'markdown' });
        continue;
      }
      // A check (no documents) confirms the chart's data exist but does not draw it.
      if (file.data.drawCharts === false) continue;
      try {
        parent.children[index] = await renderChart(data, file.data.resultCache);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        reportError(file, codes.chartRender, [id, detail], { place: node.position, stage: 'markdown', cause: error });
      }
    }
  };
}
