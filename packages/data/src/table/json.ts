// JSON (an array of records) and NDJSON (one record per line) into a raw table. A key missing from a record
// and null are gaps; a nested value (object or array) is refused naming its column.
import { constants } from 'node:buffer';
import { formatBytes } from '@lrkit/io';
import { DataError } from '../errors';
import { tableFromCells } from './cells';
import type { RawTable } from './types';

type Cell = string | number | null;

/** Collects records into columns: keys in order of first appearance, absent keys as gaps. */
class RecordColumns {
  readonly names: string[] = [];
  readonly columns: Cell[][] = [];
  private readonly index = new Map<string, number>();
  private rows = 0;

  constructor(private readonly source: string) {}

  add(record: unknown, where: string): void {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      const what = record === null ? 'null' : Array.isArray(record) ? 'an array' : `a ${typeof record}`;
      throw new DataError(`${this.source}: ${where} is ${what}, not a record (an object of column: value)`);
    }
    for (const [name, value] of Object.entries(record as Record<string, unknown>)) {
      let j = this.index.get(name);
      if (j === undefined) {
        j = this.names.length;
        this.index.set(name, j);
        this.names.push(name);
        this.columns.push(new Array<Cell>(this.rows).fill(null));
      }
      this.columns[j]![this.rows] = this.cell(value, name, where);
    }
    this.rows++;
    for (const column of this.columns) if (column.length < this.rows) column.push(null);
  }

  private cell(value: unknown, name: string, where: string): Cell {
    if (value === null) return null;
    if (typeof value === 'number' || typeof value === 'string') return value;
    if (typeof value === 'boolean') return String(value);
    throw new DataError(
      `${this.source}: column '${name}' holds a nested value (${Array.isArray(value) ? 'an array' : 'an object'}) in ${where}; only flat records are read`,
    );
  }

  finish(na: readonly string[]): RawTable {
    if (this.rows === 0) throw new DataError(`${this.source}: holds no records`);
    return tableFromCells(this.source, this.names, this.columns, na);
  }
}

function parse(text: string, source: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DataError(`${source}: ${where} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** V8's longest string: a JSON document is parsed from one string, so its text must fit in one. */
const MAX_JSON_TEXT = constants.MAX_STRING_LENGTH;

/** A JSON array of records, from its UTF-8 bytes. */
export function readJson(utf8: Buffer, source: string, na: readonly string[]): RawTable {
  if (utf8.length > MAX_JSON_TEXT) {
    throw new DataError(
      `${source}: a JSON document of ${formatBytes(utf8.length)} is over the ${formatBytes(MAX_JSON_TEXT)} one can be parsed from; ` +
        'write the records as NDJSON (one per line), CSV or Parquet',
    );
  }
  const value = parse(utf8.toString('utf8'), source, 'the file');
  if (!Array.isArray(value)) {
    throw new DataError(`${source}: the JSON is not an array of records (it is ${value === null ? 'null' : `a ${typeof value}`})`);
  }
  const records = new RecordColumns(source);
  value.forEach((record, i) => records.add(record, `element ${i + 1}`));
  return records.finish(na);
}

/** One JSON record per line (LF, CRLF or CR); blank lines are skipped. Each line is parsed on its own, never the file as one string. */
export function readNdjson(utf8: Buffer, source: string, na: readonly string[]): RawTable {
  const records = new RecordColumns(source);
  let line = 0;
  for (let start = 0; start < utf8.length; ) {
    let end = start;
    while (end < utf8.length && utf8[end] !== 0x0a && utf8[end] !== 0x0d) end++;
    line++;
    const text = utf8.toString('utf8', start, end);
    if (text.trim() !== '') records.add(parse(text, source, `line ${line}`), `line ${line}`);
    start = end + (utf8[end] === 0x0d && utf8[end + 1] === 0x0a ? 2 : 1);
  }
  return records.finish(na);
}
