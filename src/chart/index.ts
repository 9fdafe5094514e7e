export { renderChart } from './render-chart.js';
export { chartSpec } from './chart-spec.js';
export type { ChartData, ChartPanel, ChartPoint } from './types.js';
