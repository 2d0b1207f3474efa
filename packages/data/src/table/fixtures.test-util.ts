// Shared by the table and plan tests: the vega-datasets files, and the same records written as CSV,
// NDJSON and Parquet by the test itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';

// vega-datasets exports no paths, so its data folder is found where pnpm links it, beside this package.
const vegaDir = fileURLToPath(new URL('../../node_modules/vega-datasets/data/', import.meta.url));

export function vegaPath(name: string): string {
  return join(vegaDir, name);
}

export type Rec = Record<string, string | number | null>;

export function vegaRecords(name: string): Rec[] {
  return JSON.parse(readFileSync(vegaPath(name), 'utf8')) as Rec[];
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(records: readonly Rec[], delimiter = ','): string {
  const names = Object.keys(records[0]!);
  const lines = records.map((r) => names.map((n) => (r[n] === null || r[n] === undefined ? '' : quote(String(r[n])))).join(delimiter));
  return [names.map(quote).join(delimiter), ...lines].join('\n') + '\n';
}

export function toNdjson(records: readonly Rec[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** Numbers as DOUBLE, text as UTF-8 strings: a column holding both is written as text. */
export function toParquet(records: readonly Rec[]): Uint8Array {
  const names = Object.keys(records[0]!);
  const columnData = names.map((name) => {
    const data = records.map((r) => r[name] ?? null);
    const numeric = data.every((v) => v === null || typeof v === 'number');
    return numeric
      ? { name, data, type: 'DOUBLE' as const }
      : { name, data: data.map((v) => (v === null ? null : String(v))), type: 'STRING' as const };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
