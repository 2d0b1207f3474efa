// The same numbers written as CSV, TSV, JSON, NDJSON and Parquet read back bit for bit alike (gaps,
// 17-digit doubles, magnitudes near the limit); Parquet read a row group at a time; tables too large for
// the memory available refused before they are read, saying what they need.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsv } from '../load';
import { DataError } from '../errors';
import { readTable } from './read';
import { toCsv, toNdjson, type Rec } from './fixtures.test-util';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function write(ext: string, data: string | Uint8Array): string {
  const path = join(dir, `t${files++}.${ext}`);
  writeFileSync(path, data);
  return path;
}

/** Every cell's bits as text: -0 and 0 differ, NaN (a gap) equals NaN. */
function bits(values: Float64Array): string[] {
  return Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v)));
}

const cell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1.8e19, max: 1.8e19 }).map((v) => (Object.is(v, -0) ? 0 : v)),
  fc.constantFrom(0.1, 1 / 3, 2 ** -1074, 123456789012345680, 1e-7),
  fc.constant(null),
);

describe('the same numbers in every format', () => {
  it('read bit for bit alike from CSV, TSV, JSON, NDJSON and Parquet (several row groups)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 30 }), async (rows) => {
        // A column of gaps only is all NaN in every format; at least one number keeps column b numeric.
        const records: Rec[] = rows.map(([a, b], i) => ({ id: i, a, b: i === 0 ? 1.5 : b }));
        const parquet = parquetWriteBuffer({
          columnData: ['id', 'a', 'b'].map((name) => ({ name, data: records.map((r) => r[name] ?? null), type: 'DOUBLE' as const })),
          rowGroupSize: 7,
        });
        const tables = await Promise.all([
          readTable(write('csv', toCsv(records))),
          readTable(write('tsv', toCsv(records, '\t'))),
          readTable(write('json', JSON.stringify(records))),
          readTable(write('ndjson', toNdjson(records))),
          readTable(write('parquet', new Uint8Array(parquet))),
        ]);
        const [first, ...others] = tables.map((t) => t.columns.map((c) => (c.kind === 'number' ? bits(c.values) : c.kind)));
        for (const other of others) expect(other).toEqual(first);
        expect(first![1]).toEqual(bits(Float64Array.from(records, (r) => (r.a === null ? NaN : (r.a as number)))));
      }),
      { numRuns: 60 },
    );
  });
});

describe('memory', () => {
  const csv = `a,b,c\n${'1.5,2,3\n'.repeat(1000)}`;

  async function refused(p: Promise<unknown>): Promise<string> {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    return (err as Error).message;
  }

  it('refuses a table whose need is over the memory available, before reading it, saying how much it needs', async () => {
    const path = write('csv', csv);
    // 8 kB of text, 1000 rows x 3 columns: about 8 kB + 3000 cells x 32 bytes.
    expect(await refused(readTable(path, { availableMemory: 50_000 }))).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: training on it needs about 10\\d\\.\\d KiB of memory \\(about 1,00\\d rows x 3 columns\\), more than the 48\\.8 KiB available`),
    );
    expect((await readTable(path, { availableMemory: 200_000 })).rows).toBe(1000);
    expect(() => loadCsv(path, { target: 'c', availableMemory: 50_000 })).toThrow(/needs about 10\d\.\d KiB .* more than the 48\.8 KiB available/);
  });

  it('counts a Parquet file by its metadata, exactly', async () => {
    const data = Array.from({ length: 1000 }, (_, i) => i);
    const path = write('parquet', new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'a', data, type: 'DOUBLE' }, { name: 'b', data, type: 'DOUBLE' }] })));
    expect(await refused(readTable(path, { availableMemory: 10_000 }))).toMatch(/needs about .* \(about 1,000 rows x 2 columns\), more than the 9\.8 KiB available/);
  });
});
