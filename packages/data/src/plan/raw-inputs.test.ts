// rawPlanInputs: the raw values a plan reads, as applyColumnPlan reads them, for a model that holds the plan.
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { DEFAULT_NA_TOKENS, tableFromCells } from '../table/cells';
import { fitColumnPlan } from './fit';
import { rawPlanInputs } from './raw-inputs';

function table(names: string[], rows: (string | number | null)[][]) {
  return tableFromCells('t.csv', names, names.map((_, j) => rows.map((r) => r[j]!)), DEFAULT_NA_TOKENS);
}

const training = table(
  ['id', 'size', 'colour', 'grade', 'when', 'y'],
  Array.from({ length: 12 }, (_, i) => [i, i % 4 === 0 ? null : i * 1.5, ['red', 'blue', null][i % 3]!, 1 + (i % 3), i === 5 ? null : `2024-0${1 + (i % 9)}-1${i % 9}`, i % 2 ? 'a' : 'b']),
);
const plan = fitColumnPlan(training, { target: 'y', categorical: ['grade'] });

describe('rawPlanInputs', () => {
  it('one entry per used column, in plan order: numbers with NaN gaps, text with null gaps, date parts', () => {
    // Rows to predict: no id (ignored), no target, the columns in another order, a level never seen.
    const rows = table(['when', 'grade', 'colour', 'size'], [['2024-03-04T10:00:00Z', 7, 'green', null], [null, 2, null, 4.25]]);
    const inputs = rawPlanInputs(plan, rows);
    expect(inputs.map((i) => `${i.name}:${i.role}`)).toEqual(['size:numeric', 'colour:categorical', 'grade:categorical', 'when:date']);
    expect(Array.from(inputs[0]!.values as Float64Array)).toEqual([NaN, 4.25]);
    expect(inputs[1]!.values).toEqual(['green', null]);
    // A number in a categorical column is its level as JavaScript writes it, as the plan's levels are.
    expect(inputs[2]!.values).toEqual(['7', '2']);
    // 2024-03-04 is a Monday (0), the 64th day of the leap year; a gap is NaN in every part.
    expect(Array.from(inputs[3]!.values as Float64Array)).toEqual([2024, 3, 4, 0, 64, NaN, NaN, NaN, NaN, NaN]);
  });

  it('the columns the table lacks, named together; unreadable cells named as applyColumnPlan names them', () => {
    const lacking = table(['size', 'other'], [[1, 'x']]);
    expect(() => rawPlanInputs(plan, lacking)).toThrow(DataError);
    expect(() => rawPlanInputs(plan, lacking)).toThrow(/^t\.csv: the model needs the columns 'colour', 'grade', 'when', which the data lacks; its columns are: 'size', 'other'$/);
    const badDate = table(['size', 'colour', 'grade', 'when'], [[1, 'red', 1, 'yesterday']]);
    expect(() => rawPlanInputs(plan, badDate)).toThrow(/column 'when', data row 1 holds 'yesterday', which is not a date the plan reads \(YYYY-MM-DD or YYYY\/MM\/DD/);
    const badNumber = table(['size', 'colour', 'grade', 'when'], [['big', 'red', 1, null]]);
    expect(() => rawPlanInputs(plan, badNumber)).toThrow(/column 'size', data row 1 holds 'big', which is not a number/);
  });
});
