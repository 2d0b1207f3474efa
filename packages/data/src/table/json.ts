// JSON (an array of records) and NDJSON (one record per line) into a raw table. A key missing from a record
// and null are gaps; a nested value (object or array) is refused naming its column.
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

/** A JSON array of records. */
export function readJson(text: string, source: string, na: readonly string[]): RawTable {
  const value = parse(text, source, 'the file');
  if (!Array.isArray(value)) {
    throw new DataError(`${source}: the JSON is not an array of records (it is ${value === null ? 'null' : `a ${typeof value}`})`);
  }
  const records = new RecordColumns(source);
  value.forEach((record, i) => records.add(record, `element ${i + 1}`));
  return records.finish(na);
}

/** One JSON record per line; blank lines are skipped. */
export function readNdjson(text: string, source: string, na: readonly string[]): RawTable {
  const records = new RecordColumns(source);
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    if (line.trim() === '') return;
    records.add(parse(line, source, `line ${i + 1}`), `line ${i + 1}`);
  });
  return records.finish(na);
}
