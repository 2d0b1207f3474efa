export { expectSameAsCpu, ints, kernelSuite, values } from './suite';
export { buildScriptCopy } from './script-copy';
