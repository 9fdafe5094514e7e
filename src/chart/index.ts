export { renderChart } from './render-chart.js';
export { chartSpecs } from './chart-spec.js';
export type { ChartData, ChartKey, ChartPanel, ChartPoint } from './types.js';
