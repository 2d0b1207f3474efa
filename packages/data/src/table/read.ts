// One entry for every format: the file is read through the bounded input reader (regular files only),
// text formats are decoded by the one encoding rule (decodeToUtf8), and each format's reader builds the
// same raw table type.
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { DataError } from '../errors';
import { checkDataFile, MAX_WHOLE_FILE_BYTES, readDataFile } from '../load';
import { decodeToUtf8 } from '../text';
import { DEFAULT_NA_TOKENS } from './cells';
import { readDelimited, sniffDelimiter } from './delimited';
import { readJson, readNdjson } from './json';
import { availableMemory, checkMemory, readHead, textTableNeed } from './memory';
import { bufferSource, fileSource, readParquet } from './parquet';
import type { RawTable, TableFormat } from './types';

export interface ReadTableOptions {
  /** The format; default from the file's extension (.csv, .tsv/.tab, .json, .ndjson/.jsonl, .parquet), else CSV. */
  format?: TableFormat;
  /** The cell delimiter of CSV text; default sniffed from the header line (',', tab, ';' or '|'). TSV is tab. */
  delimiter?: string;
  /** Cells read as gaps (compared after trimming); default DEFAULT_NA_TOKENS. */
  na?: readonly string[];
  /** The largest file read, in bytes; default none: a file is read when training on it fits in memory. */
  maxBytes?: number;
  /**
   * The memory readTable may count on, in bytes; default what the system has available now. A table whose
   * estimated need (reading it and training on it) is over this is refused before it is read.
   */
  availableMemory?: number;
}

const EXTENSIONS: Record<string, TableFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.parquet': 'parquet',
};

/** The format a path's extension names; CSV for any other. */
export function formatOf(path: string): TableFormat {
  return EXTENSIONS[extname(path).toLowerCase()] ?? 'csv';
}

/** The delimiter option checked: one character other than a quote or line break, and for CSV text only. */
function checkDelimiter(format: TableFormat, delimiter: string | undefined): void {
  if (delimiter !== undefined && (format !== 'csv' || [...delimiter].length !== 1 || /["\r\n]/.test(delimiter))) {
    throw new DataError(`delimiter '${delimiter}' is not one character other than a quote or line break, for CSV text`);
  }
}

/** A table's bytes (as read from `source`) into a raw table. */
export async function parseTable(bytes: Uint8Array, source: string, options: ReadTableOptions = {}): Promise<RawTable> {
  const format = options.format ?? formatOf(source);
  const na = options.na ?? DEFAULT_NA_TOKENS;
  checkDelimiter(format, options.delimiter);
  if (format === 'parquet') return readParquet(bufferSource(bytes), source, na);
  const utf8 = decodeToUtf8(bytes, source);
  if (format === 'csv' || format === 'tsv') return readDelimited(utf8, source, na, format === 'tsv' ? '\t' : options.delimiter);
  return format === 'json' ? readJson(utf8, source, na) : readNdjson(utf8, source, na);
}

/**
 * Reads a table file of any supported format into a raw table. Only a regular file is read (a device,
 * FIFO or directory is refused before reading); text must be UTF-8 or BOM-marked UTF-16. There is no fixed
 * size limit: a table whose reading and training would need more memory than there is available is
 * refused first, with the estimate (see memory.ts). Parquet is read a row group at a time; text formats
 * are read whole, so they are limited to what one buffer holds (4 GiB; JSON arrays: 512 MiB of text).
 */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<RawTable> {
  const format = options.format ?? formatOf(path);
  const na = options.na ?? DEFAULT_NA_TOKENS;
  checkDelimiter(format, options.delimiter);
  checkDataFile(path, options.maxBytes ?? Number.MAX_SAFE_INTEGER);
  const available = options.availableMemory ?? availableMemory();
  if (format === 'parquet') return readParquet(await fileSource(path), path, na, (need) => checkMemory(path, need, available));
  const head = readHead(path);
  const delimiter = format === 'tsv' ? '\t' : (options.delimiter ?? sniffDelimiter(head));
  checkMemory(path, textTableNeed(format, statSync(path).size, head, delimiter), available);
  const bytes = readDataFile(path, Math.min(options.maxBytes ?? MAX_WHOLE_FILE_BYTES, MAX_WHOLE_FILE_BYTES));
  return parseTable(bytes, path, { ...options, format });
}
