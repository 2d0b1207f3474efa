import { constants } from 'node:buffer';
import { statSync } from 'node:fs';
import { parseCsvBytes } from './csv';
import { embeddedDataPath, embeddedTarget, loadEmbeddedDataset } from './embedded';
import { DataError } from './errors';
import { checkInputFile, InputFileError, readInputFile } from '@lrkit/io';
import { availableMemory, checkMemory, readHead, textTableNeed } from './table/memory';
import { decodeToUtf8 } from './text';
import type { Dataset, LoadOptions } from './types';

/**
 * The largest text file read: one Buffer's most (less the byte readInputFile reads past the end to see a
 * file grow). Not a policy, a limit of reading a file whole; Parquet is read in parts and has none.
 */
export const MAX_WHOLE_FILE_BYTES = constants.MAX_LENGTH - 1;

/** The input reader's refusals become DataError, this package's bad input. */
function asDataError<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof InputFileError) throw new DataError(err.message, { cause: err });
    throw err;
  }
}

/** Refuses a data file that is not a regular file of at most `maxBytes`, reading nothing. */
export function checkDataFile(path: string, maxBytes: number): void {
  asDataError(() => checkInputFile(path, { what: 'data file', maxBytes }));
}

/** A data file's bytes through the bounded input reader. */
export function readDataFile(path: string, maxBytes: number): Buffer {
  return asDataError(() => readInputFile(path, { what: 'data file', maxBytes }));
}

/**
 * Reads a CSV file into a Dataset (synchronously). Without a path: the embedded Breast Cancer Wisconsin
 * data. A missing or unreadable file, one that is not a regular file (a directory, a device, a FIFO), one
 * over `maxBytes` (default: none but what one buffer holds), one whose rows would not fit in the memory
 * available, one that is not UTF-8 or BOM-marked UTF-16 text, or bad contents, throw DataError.
 * The embedded data with its own target comes from its copy parsed ahead of time (see embedded.ts).
 */
export function loadCsv(path?: string, options: LoadOptions = {}): Dataset {
  const target = options.target ?? embeddedTarget;
  if (target.trim() === '') throw new DataError('the target column name is empty');
  if ((path ?? embeddedDataPath) === embeddedDataPath && target === embeddedTarget) return loadEmbeddedDataset();
  const source = path ?? 'the embedded data set';
  const file = path ?? embeddedDataPath;
  const maxBytes = Math.min(options.maxBytes ?? MAX_WHOLE_FILE_BYTES, MAX_WHOLE_FILE_BYTES);
  checkDataFile(file, maxBytes);
  checkMemory(file, textTableNeed('csv', statSync(file).size, readHead(file), ','), options.availableMemory ?? availableMemory());
  const bytes = readDataFile(file, maxBytes);
  return parseCsvBytes(decodeToUtf8(bytes, source), { target, source, targetOptional: options.targetOptional });
}
