// Fuzzing the table readers: whatever the bytes, a DataError or a well-formed raw table, never another
// error; and on numeric CSV, the same numbers as parseCsv.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv';
import { DataError } from '../errors';
import { parseTable } from './read';
import type { RawTable, TableFormat } from './types';

function wellFormed(t: RawTable): void {
  expect(t.rows).toBeGreaterThan(0);
  for (const c of t.columns) {
    expect(c.values.length).toBe(t.rows);
    if (c.kind === 'number') for (const v of c.values) expect(Number.isNaN(v) || Math.abs(v) <= 1.9e19).toBe(true);
    else for (const v of c.values) expect(v === null || (typeof v === 'string' && !v.includes('\ufffd'))).toBe(true);
  }
}

async function readOrRefuse(bytes: Uint8Array, format: TableFormat): Promise<RawTable | undefined> {
  try {
    const t = await parseTable(bytes, `t.${format}`, { format });
    wellFormed(t);
    return t;
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(new RegExp(`^(t\\.${format}: |delimiter )`));
    return undefined;
  }
}

const pieces = fc.constantFrom(',', ';', '\t', '"', '\n', '\r', 'a', '1', '0x1', '.', 'e', '-', ' ', 'NA', '{', '}', '[', ']', ':', 'null', '\0', '\ufeff');

describe('readers under fuzzing', () => {
  it('turn arbitrary text into a DataError or a well-formed table, in every format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(pieces, fc.uint8Array({ maxLength: 3 }).map((b) => Buffer.from(b).toString('latin1'))), { maxLength: 40 }), fc.constantFrom<TableFormat>('csv', 'tsv', 'json', 'ndjson', 'parquet'), fc.boolean(), async (parts, format, latin1) => {
        const prefix = format === 'json' ? '[{"a":' : format === 'ndjson' ? '{"a":' : 'y,a\n';
        await readOrRefuse(Buffer.from(`${prefix}${parts.join('')}`, latin1 ? 'latin1' : 'utf8'), format);
      }),
      { numRuns: 1500 },
    );
  });

  it('read numeric CSV to the same numbers as parseCsv', async () => {
    const cell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String), fc.constantFrom('.5', '-.5', '+2.', '1e3', '007', '-0'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), async (rows, eol) => {
        const text = ['y,a,b', ...rows.map(([a, b], i) => `c${i % 2},${a},${b}`)].join(eol) + eol;
        const ds = parseCsv(text, { target: 'y', source: 't.csv' });
        const t = await parseTable(Buffer.from(text), 't.csv');
        for (const [j, name] of ['a', 'b'].entries()) {
          const column = t.columns.find((c) => c.name === name)!;
          expect(column.kind).toBe('number');
          expect(Array.from(column.values as Float64Array)).toEqual(Array.from({ length: ds.rows }, (_, r) => ds.x[r * 2 + j]));
        }
      }),
      { numRuns: 500 },
    );
  });
});
