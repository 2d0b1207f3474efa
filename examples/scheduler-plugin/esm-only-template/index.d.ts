// The types of index.js, for ESM importers. index.d.cts is the same text for CommonJS importers: there
// `@lrkit/schedulers` resolves to its CommonJS declarations, and the augmentation below reaches those.
import type { ParsedOptions, SchedulerPlugin, SpecOptions } from '@lrkit/schedulers';

export declare const cosPowSchema: readonly [
  { readonly name: 'totalSteps'; readonly type: 'integer'; readonly runLength: 'steps'; readonly min: 1; readonly description: string },
  { readonly name: 'power'; readonly type: 'number'; readonly default: 2; readonly min: 0; readonly description: string },
  { readonly name: 'minLr'; readonly type: 'number'; readonly default: 0; readonly min: 0; readonly description: string },
];
export type CosPowOptions = ParsedOptions<typeof cosPowSchema>;
export type CosPowSpec = SpecOptions<typeof cosPowSchema>;
export declare const cosPow: SchedulerPlugin<CosPowOptions>;
export declare const plugins: SchedulerPlugin<CosPowOptions>[];
export default plugins;

// Importing this package adds `{type: 'cos-pow', ...}` to ScheduleSpec, checked like a built-in's spec.
declare module '@lrkit/schedulers' {
  interface ScheduleSpecs {
    'cos-pow': CosPowSpec;
  }
}
