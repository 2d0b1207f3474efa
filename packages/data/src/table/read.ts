// One entry for every format: the file is read through the bounded input reader (regular files only),
// text formats are decoded by the one encoding rule (decodeToUtf8), and each format's reader builds the
// same raw table type.
import { extname } from 'node:path';
import { DataError } from '../errors';
import { DEFAULT_MAX_CSV_BYTES, readDataFile } from '../load';
import { decodeToUtf8 } from '../text';
import { DEFAULT_NA_TOKENS } from './cells';
import { readDelimited } from './delimited';
import { readJson, readNdjson } from './json';
import { readParquet } from './parquet';
import type { RawTable, TableFormat } from './types';

export interface ReadTableOptions {
  /** The format; default from the file's extension (.csv, .tsv/.tab, .json, .ndjson/.jsonl, .parquet), else CSV. */
  format?: TableFormat;
  /** The cell delimiter of CSV text; default sniffed from the header line (',', tab, ';' or '|'). TSV is tab. */
  delimiter?: string;
  /** Cells read as gaps (compared after trimming); default DEFAULT_NA_TOKENS. */
  na?: readonly string[];
  /** The largest file read, in bytes; default DEFAULT_MAX_CSV_BYTES (256 MiB). */
  maxBytes?: number;
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

/** A table's bytes (as read from `source`) into a raw table. */
export async function parseTable(bytes: Uint8Array, source: string, options: ReadTableOptions = {}): Promise<RawTable> {
  const format = options.format ?? formatOf(source);
  const na = options.na ?? DEFAULT_NA_TOKENS;
  if (options.delimiter !== undefined && (format !== 'csv' || [...options.delimiter].length !== 1 || /["\r\n]/.test(options.delimiter))) {
    throw new DataError(`delimiter '${options.delimiter}' is not one character other than a quote or line break, for CSV text`);
  }
  if (format === 'parquet') return readParquet(bytes, source, na);
  const utf8 = decodeToUtf8(bytes, source);
  if (format === 'csv' || format === 'tsv') return readDelimited(utf8, source, na, format === 'tsv' ? '\t' : options.delimiter);
  const text = utf8.toString('utf8');
  return format === 'json' ? readJson(text, source, na) : readNdjson(text, source, na);
}

/**
 * Reads a table file of any supported format into a raw table. Only a regular file of at most `maxBytes`
 * is read (a device, FIFO or directory is refused before reading); text must be UTF-8 or BOM-marked UTF-16.
 */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<RawTable> {
  const bytes = readDataFile(path, options.maxBytes ?? DEFAULT_MAX_CSV_BYTES);
  return parseTable(bytes, path, { ...options, format: options.format ?? formatOf(path) });
}
