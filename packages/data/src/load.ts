import { parseCsvBytes } from './csv';
import { embeddedDataPath, embeddedTarget, loadEmbeddedDataset } from './embedded';
import { DataError } from './errors';
import { InputFileError, readInputFile } from '@lrkit/io';
import { decodeToUtf8 } from './text';
import type { Dataset, LoadOptions } from './types';

/**
 * The largest CSV file loadCsv reads by default: 256 MiB. The file's bytes are read whole (loadCsv is
 * synchronous) and parsed record by record into numbers, so the peak memory is a few times the file's
 * size; the limit keeps that within an ordinary machine. `maxBytes` raises or lowers it.
 */
export const DEFAULT_MAX_CSV_BYTES = 256 * 1024 * 1024;

/** A data file's bytes through the bounded input reader; its refusals become DataError, this package's bad input. */
export function readDataFile(path: string, maxBytes: number): Buffer {
  try {
    return readInputFile(path, { what: 'data file', maxBytes });
  } catch (err) {
    if (err instanceof InputFileError) throw new DataError(err.message, { cause: err });
    throw err;
  }
}

/**
 * Reads a CSV file into a Dataset (synchronously). Without a path: the embedded Breast Cancer Wisconsin
 * data. A missing or unreadable file, one that is not a regular file (a directory, a device, a FIFO), one
 * over `maxBytes`, one that is not UTF-8 or BOM-marked UTF-16 text, or bad contents, throw DataError.
 * The embedded data with its own target comes from its copy parsed ahead of time (see embedded.ts).
 */
export function loadCsv(path?: string, options: LoadOptions = {}): Dataset {
  const target = options.target ?? embeddedTarget;
  if (target.trim() === '') throw new DataError('the target column name is empty');
  if ((path ?? embeddedDataPath) === embeddedDataPath && target === embeddedTarget) return loadEmbeddedDataset();
  const source = path ?? 'the embedded data set';
  const bytes = readDataFile(path ?? embeddedDataPath, options.maxBytes ?? DEFAULT_MAX_CSV_BYTES);
  return parseCsvBytes(decodeToUtf8(bytes, source), { target, source, targetOptional: options.targetOptional });
}
