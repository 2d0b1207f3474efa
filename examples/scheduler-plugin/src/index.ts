// An example third-party scheduler plugin for lrkit. `lrkit schedule --plugin <this package>` loads the
// default export: an array of plugins (contract v1).
import { rex } from './rex.js';

export { rex };
export type { RexOptions } from './rex.js';
export default [rex];
