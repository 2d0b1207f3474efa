// @lrkit/charts: line and bar charts as standalone SVG text, in Node, without a browser.
export { lineChart, type LineChartOptions, type Series } from './line';
export { barChart, type Bar, type BarChartOptions } from './bar';
export { color, escapeXml, tickLabel } from './svg';
