import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../../src/chart/index.js';
import rehypeChart from '../../../src/markdown/plugins/rehype-chart.js';
import { sanitizeSchema } from '../../../src/markdown/sanitize-schema.js';

const data: ChartData = {
  id: 'figures-1',
  title: 'Figures the sources give for two or more years',
  subtitle: ['By year described. Each panel has its own scale, from zero.'],
  key: { point: 'a figure', line: 'consecutive years', gap: 'no figure' },
  panels: [
    {
      title: 'Investigations',
      axisTitle: 'Number',
      points: [
        { year: 2009, value: 63, label: '63' },
        { year: 2010, value: 194, label: '194' },
      ],
      description: 'Investigations: 63 in 2009, 194 in 2010.',
    },
    {
      title: 'Convictions',
      axisTitle: 'Number',
      points: [
        { year: 2009, value: 22, label: '22' },
        { year: 2010, value: 11, label: '11' },
      ],
      description: 'Convictions: 22 in 2009, 11 in 2010.',
    },
  ],
};

// The order of the brief's processor: the sanitizer runs before the chart is drawn.
const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize, sanitizeSchema).use(rehypeChart).use(rehypeStringify).freeze();

async function toHtml(markdown: string, options: { drawCharts?: boolean } = {}): Promise<{ html: string; file: VFile }> {
  const file = new VFile({ value: markdown, path: 'tip-assessment.md' });
  file.data.charts = [data];
  if (options.drawCharts !== undefined) file.data.drawCharts = options.drawCharts;
  const html = String(await processor.process(file));
  return { html, file };
}

describe('rehypeChart', () => {
  it('should replace the placeholder with the figure: caption, key and one <svg> per panel, none of it filtered', async () => {
    const { html, file } = await toHtml('Before.\n\n```chart\nfigures-1\n```\n\n*Sources:* the table below.');
    expect(file.messages).toEqual([]);
    expect(html).not.toContain('language-chart');
    expect(html).toMatch(/^<p>Before\.<\/p>\n<figure class="chart" id="chart-figures-1" role="group" aria-label="Figures the sources give for two or more years"><figcaption class="chart-caption">/);
    expect(html).toMatch(/<ul class="chart-key"><li class="chart-key-point"><svg [^>]*aria-hidden="true"/);
    expect(html.match(/<svg [^>]*class="chart-panel"[^>]*role="img" aria-label="[^"]+"/g)).toHaveLength(2);
    expect(html).toContain('aria-label="Convictions: 22 in 2009, 11 in 2010."');
    expect(html).toMatch(/<\/div><\/figure>\n<p><em>Sources:<\/em> the table below\.<\/p>$/);
  });

  it('should leave the placeholder for a check, which does not draw', async () => {
    const { html } = await toHtml('```chart\nfigures-1\n```', { drawCharts: false });
    expect(html).not.toContain('<figure');
  });

  it('should report a placeholder naming no prepared chart', async () => {
    const { file } = await toHtml('```chart\nfigures-9\n```');
    expect(file.messages.map((message) => [message.ruleId, message.line])).toEqual([['chart-render', 1]]);
  });
});
