import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '@lrkit/data';
import { checkTargets } from '../targets';
import type { BenchResult } from '../types';
import { DATA_COLUMNS, dataMetric, FIRST_STEP, PANDAS, writeNumericCsv } from './data';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-bench-data-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the data suite', () => {
  it('writes the same numeric CSV for the same seed, which reads as 20 numeric columns', async () => {
    const [a, b, c] = ['a.csv', 'b.csv', 'c.csv'].map((f) => join(dir, f));
    writeNumericCsv(a!, 1234);
    writeNumericCsv(b!, 1234);
    writeNumericCsv(c!, 1234, 7);
    expect(readFileSync(a!).equals(readFileSync(b!))).toBe(true);
    expect(readFileSync(a!).equals(readFileSync(c!))).toBe(false);
    const t = await readTable(a!);
    expect(t.rows).toBe(1234);
    expect(t.columns.map((col) => col.kind)).toEqual(Array(DATA_COLUMNS).fill('number'));
    expect(new Set(t.columns[DATA_COLUMNS - 1]!.values as Float64Array)).toEqual(new Set([0, 1]));
  });

  it('checks the 1.5x-of-pandas target from the paired ratio', () => {
    const metric = dataMetric('to first step').metric;
    const row = (median: number): BenchResult => ({
      suite: 'data', impl: FIRST_STEP, metric, value: 1, unit: 'ms', status: 'ok', ratios: [{ vs: PANDAS, median, min: median, max: median, pairs: 3 }],
    });
    expect(checkTargets(['data'], [row(0.7)])[0]).toMatchObject({ status: 'met' });
    expect(checkTargets(['data'], [row(0.6)])[0]).toMatchObject({ status: 'missed' });
    expect(checkTargets(['data'], [])[0]).toMatchObject({ status: 'not measured' });
  });
});
