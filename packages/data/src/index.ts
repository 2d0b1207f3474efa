export { DEFAULT_MAX_CSV_BYTES, loadCsv } from './load';
export { MAX_FEATURE_MAGNITUDE, parseCsv } from './csv';
export { parseDecimal } from './decimal';
export { decodeText } from './text';
// The bounded input-file reader lives in @lrkit/io; re-exported so that code importing it from here keeps working.
export { checkInputFile, formatBytes, InputFileError, readInputFile, type InputFileOptions } from '@lrkit/io';
export type { ParseOptions } from './csv';
export { embeddedDataPath, embeddedTarget } from './embedded';
export { encodeLabels, detectTask, numericTarget, MAX_INTEGER_CLASSES } from './labels';
export type { TaskDetection, TaskKind } from './labels';
export { trainTestSplit, stratifiedTestCounts } from './split';
export { subset } from './subset';
export { fitStandardScaler, applyScaler } from './scale';
export { DataError } from './errors';
export type { Dataset, LoadOptions, PermutationSource, Split, SplitOptions, StandardScaler } from './types';
