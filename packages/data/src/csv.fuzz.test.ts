// Fuzzing the CSV reader: whatever the bytes, a clear DataError or the right Dataset, never anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEATURE_MAGNITUDE, parseCsv } from './csv';
import { DataError } from './errors';
import { decodeText } from './text';

/** A cell as a person might type it: decimals of every shape, and the things that are not decimals. */
const numericCell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.constantFrom('.5', '-.5', '+2.', '1e3', '1E-3', '007', '-0'),
  fc.constantFrom('0x1F', '0b101', '0o7', 'NaN', 'Infinity', '', 'abc', '1,5', '1e308', '-2e19', '1.8e19', '1e400'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
const labelCell = fc.oneof(fc.constantFrom('A', 'B', 'café', 'cafè', 'x,y', 'say "hi"', 'two\nlines', ''), fc.string({ minLength: 1, maxLength: 6 }).map((s) => s.trim()));

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

interface Table {
  features: number;
  rows: { label: string; cells: string[] }[];
  eol: string;
  bom: boolean;
}

const table: fc.Arbitrary<Table> = fc
  .record({ features: fc.integer({ min: 1, max: 4 }), rowCount: fc.integer({ min: 1, max: 6 }), eol: fc.constantFrom('\n', '\r\n', '\r'), bom: fc.boolean() })
  .chain(({ features, rowCount, eol, bom }) =>
    fc.record({
      features: fc.constant(features),
      rows: fc.array(fc.record({ label: labelCell, cells: fc.array(numericCell, { minLength: features, maxLength: features }) }), { minLength: rowCount, maxLength: rowCount }),
      eol: fc.constant(eol),
      bom: fc.constant(bom),
    }),
  );

function render(t: Table): string {
  const header = ['y', ...Array.from({ length: t.features }, (_, j) => `f${j}`)].join(',');
  const lines = t.rows.map((r) => [quote(r.label), ...r.cells.map(quote)].join(','));
  return `${t.bom ? '\ufeff' : ''}${[header, ...lines].join(t.eol)}${t.eol}`;
}

/** The first problem parseCsv must report, in the order it reads: row by row, the label then each feature. */
function expectedProblem(t: Table): RegExp | undefined {
  let line = 2;
  for (const row of t.rows) {
    if (row.label === '') return new RegExp(`^t\\.csv: line ${line}, target column 'y' is empty$`);
    for (let j = 0; j < row.cells.length; j++) {
      const cell = row.cells[j]!;
      const ok = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell) && Math.abs(Number(cell)) <= MAX_FEATURE_MAGNITUDE;
      if (!ok) return new RegExp(`^t\\.csv: line ${line}, column 'f${j}' \\(column ${j + 2}\\) (is empty|holds )`);
    }
    line += 1 + (row.label.match(/\n/g)?.length ?? 0);
  }
  return undefined;
}

describe('parseCsv under fuzzing', () => {
  it('reads every generated table exactly, or refuses it naming the line and column of its first bad cell', () => {
    fc.assert(
      fc.property(table, (t) => {
        const text = render(t);
        const problem = expectedProblem(t);
        let ds;
        try {
          ds = parseCsv(text, { target: 'y', source: 't.csv' });
        } catch (err) {
          expect(err).toBeInstanceOf(DataError);
          expect(problem, (err as Error).message).toBeDefined();
          expect((err as Error).message).toMatch(problem!);
          return;
        }
        expect(problem).toBeUndefined();
        expect(ds.rows).toBe(t.rows.length);
        expect(ds.featureNames).toEqual(Array.from({ length: t.features }, (_, j) => `f${j}`));
        t.rows.forEach((row, r) => {
          expect(ds.labels[ds.y[r]!]).toBe(row.label);
          row.cells.forEach((cell, j) => expect(ds.x[r * t.features + j]).toBe(Number(cell)));
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('turns arbitrary bytes into a DataError or a well-formed Dataset, never another error', () => {
    const csvish = fc.array(fc.oneof(fc.constantFrom(',', '"', '\n', '\r', 'y', 'a', '1', '0x1', '.', 'e', '-', ' ', '\0', '\ufeff'), fc.uint8Array({ maxLength: 3 }).map((b) => Buffer.from(b).toString('latin1'))), { maxLength: 40 });
    fc.assert(
      fc.property(csvish, fc.boolean(), (parts, latin1) => {
        const bytes = Buffer.from(`y,a\n${parts.join('')}`, latin1 ? 'latin1' : 'utf8');
        try {
          const ds = parseCsv(decodeText(bytes, 't.csv'), { target: 'y', source: 't.csv' });
          expect(ds.x.length).toBe(ds.rows * ds.cols);
          expect(ds.y.length).toBe(ds.rows);
          for (const v of ds.x) expect(Math.abs(v)).toBeLessThanOrEqual(MAX_FEATURE_MAGNITUDE);
          for (const k of ds.y) expect(k >= 0 && k < ds.labels.length).toBe(true);
          expect(ds.labels.some((l) => l.includes('\ufffd'))).toBe(false);
        } catch (err) {
          expect(err).toBeInstanceOf(DataError);
          expect((err as Error).message).toMatch(/^t\.csv: /);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
