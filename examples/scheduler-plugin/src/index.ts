// An example third-party scheduler plugin for lrkit. `lrkit schedule --plugin <this package>` loads the
// default export: an array of plugins (contract v1).
import { rex, type RexSpec } from './rex.js';

export { rex, rexSchema } from './rex.js';
export type { RexOptions, RexSpec } from './rex.js';
export default [rex];

// TypeScript users who import this package get `{type: 'rex', ...}` checked like a built-in spec.
declare module '@lrkit/schedulers' {
  interface ScheduleSpecs {
    rex: RexSpec;
  }
}
