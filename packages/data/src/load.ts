import { readFileSync } from 'node:fs';
import { parseCsv } from './csv';
import { embeddedDataPath, embeddedTarget } from './embedded';
import { DataError } from './errors';
import type { Dataset, LoadOptions } from './types';

/**
 * Reads a CSV file into a Dataset (synchronously). Without a path: the embedded Breast Cancer Wisconsin
 * data. A missing or unreadable file, or bad contents, throw DataError.
 */
export function loadCsv(path?: string, options: LoadOptions = {}): Dataset {
  const target = options.target ?? embeddedTarget;
  if (target.trim() === '') throw new DataError('the target column name is empty');
  if (path === undefined) {
    return parseCsv(readFileSync(embeddedDataPath, 'utf8'), { target, source: 'the embedded data set', targetOptional: options.targetOptional });
  }
  return parseCsv(readText(path), { target, source: path, targetOptional: options.targetOptional });
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(`data file not found: ${path}`, { cause: err });
    if (code === 'EISDIR') throw new DataError(`data file is a directory: ${path}`, { cause: err });
    if (code === 'EACCES' || code === 'EPERM') {
      throw new DataError(`data file cannot be read (permission denied): ${path}`, { cause: err });
    }
    throw err;
  }
}
