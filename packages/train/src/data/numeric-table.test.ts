// A numeric table's classes are its target's values as JavaScript writes them, encoded as encodeLabels
// encodes those strings, whether a few (found in a short list) or many (in a Map).
import { describe, expect, it } from 'vitest';
import { encodeLabels, type RawTable } from '@lrkit/data';
import { numericDataset } from './numeric-table';

function tableWith(target: number[]): RawTable {
  const rows = target.length;
  return {
    source: 'mem',
    rows,
    columns: [
      { name: 'a', kind: 'number', values: Float64Array.from({ length: rows }, (_, i) => Math.sin(i) / 3) },
      { name: 't', kind: 'number', values: Float64Array.from(target) },
    ],
  };
}

describe('numericDataset', () => {
  it.each([
    ['a few classes, 0 and -0 as one', [1, 0, -0, 2.5, 1, -0, 10, 0]],
    ['more classes than the short list holds', Array.from({ length: 300 }, (_, i) => ((i * 37) % 41) - 20 + (i % 3 === 0 ? -0 : 0))],
  ])('encodes %s as encodeLabels encodes the values written out', (_, target) => {
    const ds = numericDataset(tableWith(target), 't')!;
    const expected = encodeLabels(target.map(String));
    expect(ds.labels).toEqual(expected.labels);
    expect([...ds.y]).toEqual([...expected.y]);
  });

  it('sends a target with a gap to the column plan', () => {
    expect(numericDataset(tableWith([1, Number.NaN, 0]), 't')).toBeUndefined();
  });
});
