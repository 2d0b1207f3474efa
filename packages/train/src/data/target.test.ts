import type { Dataset } from '@lrkit/data';
import { describe, expect, it } from 'vitest';
import { scaledFloat32Rows } from './target';

const ds = (x: number[], cols: number): Dataset => ({
  featureNames: Array.from({ length: cols }, (_, j) => `f${j}`),
  target: 't',
  labels: [],
  x: Float64Array.from(x),
  y: new Int32Array(x.length / cols),
  rows: x.length / cols,
  cols,
});

describe('scaledFloat32Rows', () => {
  it('scales each row, with the float32 rounding of the float64 result', () => {
    const scaler = { mean: Float64Array.of(1, -2), scale: Float64Array.of(3, 0.7) };
    const x = [5, 6, 1, 2, 5, 6];
    const expected = x.map((v, k) => Math.fround((v - scaler.mean[k % 2]!) / scaler.scale[k % 2]!));
    expect([...scaledFloat32Rows(ds(x, 2), scaler, 'the rows')]).toEqual(expected);
  });

  it('refuses a value finite in float64 that float32 stores as Infinity, naming the float64 value', () => {
    const scaler = { mean: Float64Array.of(0), scale: Float64Array.of(1) };
    expect(() => scaledFloat32Rows(ds([0, 1e39], 1), scaler, 'the scaled test rows')).toThrow(
      'the scaled test rows holds 1e+39, which float32 cannot represent',
    );
  });
});
