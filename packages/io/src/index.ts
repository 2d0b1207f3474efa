// @lrkit/io: the file plumbing lrkit's packages and command lines share. Outputs are written by one rule
// (output.ts), never over an input of the same run (same-file.ts); input files are read only when they are
// regular files of bounded size (input-file.ts); a folder one run writes is locked (lock.ts); messages quote
// input as a short excerpt (excerpt.ts, also its own entry `@lrkit/io/excerpt`, free of Node's built-ins, which
// @lrkit/schedulers bundles so that it stays dependency-free and runs in any JavaScript runtime).
export { canonicalJson } from './canonical-json';
export { EXCERPT_CHARS, excerpt, showValue } from './excerpt';
export { didYouMean, editDistance, nearest } from './suggest';
export { OutputFileError } from './errors';
export { checkInputFile, formatBytes, InputFileError, readInputFile, type InputFileOptions } from './input-file';
export { ListenError, listenOn } from './listen';
export { LOCK_FILE, lockFolder, type FolderLock, type LockOptions } from './lock';
export { checkOutputPath, outputTarget, writeOutput, writeOutputAsync, type OutputTarget, type WriteOutputOptions } from './output';
export { refuseInputAsOutput, type RunPath } from './same-file';
export { TempFiles, type TempFileRegistry } from './temp-files';
