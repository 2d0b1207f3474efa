import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { parseTable, readTable } from '../table/read';
import { tableFromCells, DEFAULT_NA_TOKENS } from '../table/cells';
import { toCsv, toParquet, vegaPath, vegaRecords } from '../table/fixtures.test-util';
import { applyColumnPlan } from './apply';
import { fitColumnPlan } from './fit';
import { planFromJSON, planToJSON } from './json';
import { embeddingSize } from './rules';
import { formatPlanSummary } from './summary';
import type { CategoricalStep, NumericStep } from './types';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function table(names: string[], rows: (string | number | null)[][]) {
  return tableFromCells('t.csv', names, names.map((_, j) => rows.map((r) => r[j]!)), DEFAULT_NA_TOKENS);
}

function dataError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error('expected a DataError');
}

// Rows 0-5 train, 6-8 test: 'blue' and the gap in 'size' appear only in the test rows.
const colours = table(
  ['colour', 'size', 'y'],
  [
    ['red', 1, 'a'], ['red', 2, 'b'], ['red', 3, 'a'], ['green', null, 'b'], ['green', 5, 'a'], ['green', 6, 'b'],
    ['blue', 100, 'a'], ['red', null, 'b'], [null, 4, 'a'],
  ],
);
const train = [0, 1, 2, 3, 4, 5];

describe('fitColumnPlan: decided from the training rows only', () => {
  it('takes levels, medians and scales from the training rows; a level seen only in test rows is unknown', () => {
    const plan = fitColumnPlan(colours, { target: 'y', rows: train });
    const colour = plan.columns[0] as CategoricalStep;
    expect(colour).toMatchObject({ role: 'categorical', levels: ['green', 'red'], missing: false, rare: [], encoding: 'one-hot' });
    const size = plan.columns[1] as NumericStep;
    expect(size).toMatchObject({ role: 'numeric', median: 3, indicator: true }); // of 1, 2, 3, 5, 6: not 100
    const out = applyColumnPlan(plan, colours);
    expect(out.inputNames).toEqual(['colour=green', 'colour=red', 'size', 'size (missing)']);
    const row = (i: number) => Array.from(out.x.subarray(i * out.cols, (i + 1) * out.cols));
    expect(row(6).slice(0, 2)).toEqual([0, 0]); // 'blue': unknown, all zeros, not an error
    expect(row(8).slice(0, 2)).toEqual([0, 0]); // a gap never seen in training: unknown too
    expect(row(7)[2]).toBeCloseTo((3 - size.mean) / size.scale, 6); // the gap takes the training median
    expect(row(7)[3]).toBe(1);
    expect(row(6)[3]).toBe(0);
    // Fitted on all rows instead, 'blue' would be a level: the training-only fit is what keeps it out.
    expect((fitColumnPlan(colours, { target: 'y' }).columns[0] as CategoricalStep).rare).toContain('blue');
  });

  it('reads rare levels as (other), gaps as (missing), many levels as an embedding of fastai size', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`c${i % 15}`, i % 7 === 0 ? null : 'x', i < 59 ? `k${i % 12}` : 'lone', i % 2]);
    const t = table(['cat', 'gappy', 'many', 'y'], rows);
    const plan = fitColumnPlan(t, { target: 'y' });
    const [cat, gappy, many] = plan.columns as CategoricalStep[];
    expect(cat).toMatchObject({ encoding: 'embedding', embeddingSize: embeddingSize(16) });
    expect(embeddingSize(16)).toBe(Math.min(600, Math.round(1.6 * 16 ** 0.56)));
    expect(gappy).toMatchObject({ levels: ['x'], missing: true, encoding: 'one-hot' });
    expect(many!.rare).toEqual(['lone']);
    const out = applyColumnPlan(plan, t);
    expect(out.embeddings.map((e) => e.name)).toEqual(['cat', 'many']);
    expect(out.codes[59 * 2 + 1]).toBe(13); // 12 levels, no gap, then (other)
    expect(out.codes[0]).toBe(1); // 'c0', the first level
  });

  it('ignores identifiers with a note, makes dates into parts, honours categorical/ignore/features', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [i + 1, `name${i}`, `2024-01-${String(i + 1).padStart(2, '0')}`, i % 3, i % 2]);
    const t = table(['PassengerId', 'Name', 'when', 'code', 'y'], rows);
    const plan = fitColumnPlan(t, { target: 'y', categorical: ['code'] });
    expect(plan.columns.map((c) => c.role)).toEqual(['ignored', 'ignored', 'date', 'categorical']);
    expect(plan.columns[0]).toMatchObject({ note: expect.stringMatching(/identifier/) });
    expect(formatPlanSummary(plan)).toMatch(/^PassengerId +ignored +every value is a distinct integer/m);
    expect(formatPlanSummary(plan)).toMatch(/^when +date +parts: year, month, day, dayOfWeek, dayOfYear$/m);
    const out = applyColumnPlan(plan, t);
    expect(out.inputNames.slice(0, 5)).toEqual(['when.year', 'when.month', 'when.day', 'when.dayOfWeek', 'when.dayOfYear']);
    const listed = fitColumnPlan(t, { target: 'y', features: ['PassengerId'] });
    expect(listed.columns.map((c) => c.role)).toEqual(['numeric', 'ignored', 'ignored', 'ignored']);
    expect(fitColumnPlan(t, { target: 'y', ignore: ['when'] }).columns[2]).toMatchObject({ role: 'ignored', note: 'ignored by request' });
  });

  it('reads year-first dates with slashes and a time (flights-2k), and says so of dates it cannot read', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [
      `2001/01/${String(i + 10).padStart(2, '0')} ${String(i + 6).padStart(2, '0')}:55`,
      `${String(i + 1).padStart(2, '0')}/14/2001`,
      i % 2,
    ]);
    const t = table(['date', 'us', 'y'], rows);
    const plan = fitColumnPlan(t, { target: 'y' });
    expect(plan.columns[0]).toMatchObject({ role: 'date' });
    // 2001/01/10 was a Wednesday (Monday 0), the 10th day of the year; the time of day is not a part.
    expect(Array.from(applyColumnPlan(plan, t).x.slice(0, 5))).toEqual(
      (plan.columns[0] as { parts: NumericStep[] }).parts.map((p, k) => Math.fround(([2001, 1, 10, 2, 10][k]! - p.mean) / p.scale)),
    );
    expect(plan.columns[1]).toMatchObject({
      role: 'ignored',
      note: "text that looks like dates in a format the plan does not read (e.g. '01/14/2001'): give dates as YYYY-MM-DD or YYYY/MM/DD, optionally with a time (list it in features or categorical to use it as categories)",
    });
    expect(fitColumnPlan(t, { target: 'y', categorical: ['us'] }).columns[1]).toMatchObject({ role: 'categorical' });
    // The same flights as vega-datasets ships them.
    const flights = await readTable(vegaPath('flights-2k.json'));
    expect(fitColumnPlan(flights, { target: 'delay' }).columns[0]).toMatchObject({ name: 'date', role: 'date' });
  });

  it('ignores a text column whose values are mostly rare (names), unless it is listed', () => {
    // 20 rows: 14 names seen once, one name seen 6 times (not all distinct, so not the identifier rule).
    const rows = Array.from({ length: 20 }, (_, i) => [i < 14 ? `car ${i}` : 'ford pinto', i % 4, i % 2]);
    const t = table(['Name', 'n', 'y'], rows);
    const plan = fitColumnPlan(t, { target: 'y' });
    expect(plan.columns[0]).toMatchObject({ role: 'ignored', note: expect.stringMatching(/^14 of 20 training rows hold a value seen fewer than 3 times/) });
    expect(fitColumnPlan(t, { target: 'y', categorical: ['Name'] }).columns[0]).toMatchObject({ role: 'categorical', levels: ['ford pinto'] });
    expect(fitColumnPlan(t, { target: 'y', features: ['Name', 'n'] }).columns[0]).toMatchObject({ role: 'categorical' });
  });

  it('drops and counts rows whose target is a gap; refuses an all-gap target and unknown names', () => {
    const t = table(['a', 'y'], [[1, 'p'], [2, null], [3, 'q'], [4, 'NA']]);
    const plan = fitColumnPlan(t, { target: 'y' });
    expect(plan.droppedTargetGaps).toBe(2);
    expect(Array.from(applyColumnPlan(plan, t).sourceRows)).toEqual([0, 2]);
    expect(formatPlanSummary(plan)).toMatch(/2 rows dropped: their target is a gap/);
    expect(dataError(() => fitColumnPlan(table(['a', 'y'], [[1, null], [2, '']]), { target: 'y' }))).toBe(
      "t.csv: the target column 'y' is a gap in every training row",
    );
    expect(dataError(() => fitColumnPlan(t, { target: 'nope' }))).toMatch(/no target column 'nope'; the columns are: 'a', 'y'/);
    expect(dataError(() => fitColumnPlan(t, { target: 'y', ignore: ['b'] }))).toMatch(/no ignored column 'b'/);
    expect(() => fitColumnPlan(t, { target: 'y', rows: [0, 4] })).toThrow('rows[1] is 4, not a row of the 4 in t.csv');
  });

  it('fills gaps with the median of the training values, the middle two averaged for an even count', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(null)), { minLength: 1, maxLength: 30 }), (cells) => {
        const present = cells.filter((c): c is number => c !== null).sort((a, b) => a - b);
        fc.pre(present.length > 0);
        const m = present.length >> 1;
        const median = present.length % 2 === 1 ? present[m]! : (present[m - 1]! + present[m]!) / 2;
        const t = table(['a', 'y'], cells.map((c, i) => [c, i % 2]));
        const step = fitColumnPlan(t, { target: 'y', features: ['a'] }).columns[0] as NumericStep;
        expect(step.median).toBe(median);
        expect(step.indicator).toBe(present.length < cells.length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a column mixing numbers and text as categories, saying so', () => {
    const t = table(['m', 'y'], [['1', 0], ['2', 1], ['?', 0], ['4', 1], ['5', 0]]);
    const plan = fitColumnPlan(t, { target: 'y', task: 'classification' });
    expect(plan.columns[0]).toMatchObject({ role: 'categorical', note: expect.stringMatching(/mostly numbers but holds text \(e\.g\. '\?' in 1 rows\)/) });
  });
});

describe('the plan as data', () => {
  it('round-trips through JSON and gives the same numbers; a bad field is refused by name', async () => {
    const cars = await readTable(vegaPath('cars.json'));
    // A car's name is ignored by default (most names are rare); asked for, it is an embedding.
    expect(fitColumnPlan(cars, { target: 'Miles_per_Gallon' }).columns.find((c) => c.name === 'Name')!.role).toBe('ignored');
    const plan = fitColumnPlan(cars, { target: 'Miles_per_Gallon', categorical: ['Name'] });
    expect(plan.target.task).toBe('regression');
    expect(plan.droppedTargetGaps).toBe(8);
    expect(plan.columns.find((c) => c.name === 'Name')).toMatchObject({ role: 'categorical', encoding: 'embedding' });
    const back = planFromJSON(planToJSON(plan));
    expect(back).toEqual(plan);
    expect(Buffer.from(applyColumnPlan(back, cars).x.buffer).equals(Buffer.from(applyColumnPlan(plan, cars).x.buffer))).toBe(true);
    const broken = JSON.parse(planToJSON(plan));
    broken.columns[1].median = 'x';
    expect(dataError(() => planFromJSON(broken))).toBe('column plan: columns[1].median is not a finite number');
    expect(dataError(() => planFromJSON('{'))).toMatch(/^column plan: not valid JSON/);
  });

  it('gives identical numbers from penguins as JSON, CSV and Parquet', async () => {
    const records = vegaRecords('penguins.json');
    const csvPath = join(dir, 'p.csv');
    writeFileSync(csvPath, toCsv(records));
    const tables = [
      await readTable(vegaPath('penguins.json')),
      await readTable(csvPath),
      await parseTable(toParquet(records), 'p.parquet'),
    ];
    const rows = Array.from({ length: 344 }, (_, i) => i).filter((i) => i % 5 !== 0); // a training split
    const plan = fitColumnPlan(tables[0]!, { target: 'Species', rows });
    const outs = tables.map((t) => applyColumnPlan(planFromJSON(planToJSON(fitColumnPlan(t, { target: 'Species', rows }))), t));
    for (const out of outs) {
      expect(out.inputNames).toEqual(applyColumnPlan(plan, tables[0]!).inputNames);
      expect(Buffer.from(out.x.buffer).equals(Buffer.from(outs[0]!.x.buffer))).toBe(true);
      expect(Array.from(out.y)).toEqual(Array.from(outs[0]!.y));
    }
    expect(outs[0]!.inputNames).toEqual(expect.arrayContaining(['Sex=(missing)', 'Sex=(other)'])); // gaps, the stray '.'
  });

  it('predicts on rows without a target: unseen levels and gaps are not errors', () => {
    const plan = fitColumnPlan(colours, { target: 'y', rows: train });
    const fresh = table(['size', 'colour'], [[null, 'purple'], [2, 'red']]);
    const out = applyColumnPlan(plan, fresh);
    expect(out.rows).toBe(2);
    expect(out.y.length).toBe(0);
    expect(Array.from(out.x.subarray(0, 2))).toEqual([0, 0]);
    expect(dataError(() => applyColumnPlan(plan, table(['colour'], [['red']])))).toMatch(/no input column 'size'/);
  });
});
