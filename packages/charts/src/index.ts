// @lrkit/charts: line, scatter, parallel-coordinates and bar charts as standalone SVG text, in Node, without a browser.
export { lineChart, type LineChartOptions, type Series } from './line';
export { barChart, type Bar, type BarChartOptions } from './bar';
export { scatterChart, type ScatterChartOptions } from './scatter';
export { parallelChart, type ParallelAxis, type ParallelChartOptions, type ParallelRow } from './parallel';
export type { Dot } from './xy';
export { color, escapeXml, palette, tickLabel } from './svg';
