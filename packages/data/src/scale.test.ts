import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyScaler, embeddedDataPath, fitStandardScaler, loadCsv } from './index';
import type { Dataset } from './index';

function columns(cols: number, values: number[]): Dataset {
  const rows = values.length / cols;
  return {
    featureNames: Array.from({ length: cols }, (_, j) => `f${j}`),
    target: 't',
    labels: ['a'],
    x: Float64Array.from(values),
    y: new Int32Array(rows),
    rows,
    cols,
  };
}

// Debian's scikit-learn in the system Python, for comparing against the real StandardScaler.
const python = '/usr/bin/python3';
const hasSklearn =
  existsSync(python) &&
  (() => {
    try {
      execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
if (!hasSklearn) console.warn(`skipping the scikit-learn comparison: ${python} cannot import sklearn`);

describe('fitStandardScaler / applyScaler', () => {
  it('uses the mean and the population standard deviation (hand-computed)', () => {
    // column 0: 1,2,3,4 -> mean 2.5, var 1.25; column 1: 2,4,4,4 -> mean 3.5, var 0.75
    const ds = columns(2, [1, 2, 2, 4, 3, 4, 4, 4]);
    const s = fitStandardScaler(ds);
    expect(Array.from(s.mean)).toEqual([2.5, 3.5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(s.scale[1]).toBeCloseTo(Math.sqrt(0.75), 15);
    const scaled = applyScaler(ds, s);
    expect(scaled.x[0]).toBeCloseTo(-1.5 / Math.sqrt(1.25), 15);
    expect(scaled.x[1]).toBeCloseTo(-1.5 / Math.sqrt(0.75), 15);
    expect(ds.x[0]).toBe(1); // the input is untouched
  });

  it('gives a constant column scale 1, as scikit-learn does, even when rounding leaves a tiny variance', () => {
    const s = fitStandardScaler(columns(2, [5, 0.1, 5, 0.1, 5, 0.1]));
    expect(Array.from(s.scale)).toEqual([1, 1]);
    const scaled = applyScaler(columns(2, [5, 0.1]), s).x;
    expect(scaled[0]).toBe(0);
    expect(Math.abs(scaled[1]!)).toBeLessThan(1e-16); // 0.1 - mean(0.1, 0.1, 0.1): rounding only
  });

  it('refuses a scaler fitted on another number of features', () => {
    const s = fitStandardScaler(columns(2, [1, 2, 3, 4]));
    expect(() => applyScaler(columns(3, [1, 2, 3]), s)).toThrow(/fitted on 2 features, the data set has 3/);
  });

  it.skipIf(!hasSklearn)('matches scikit-learn StandardScaler on the embedded data to 1e-12', () => {
    const script = [
      'import sys, csv, json, numpy as np',
      'from sklearn.preprocessing import StandardScaler',
      'rows = list(csv.reader(open(sys.argv[1])))[1:]',
      'x = np.array([[float(v) for v in r[1:]] for r in rows], dtype=np.float64)',
      's = StandardScaler().fit(x)',
      'print(json.dumps({"mean": s.mean_.tolist(), "scale": s.scale_.tolist(), "row0": s.transform(x)[0].tolist()}))',
    ].join('\n');
    let out: string;
    try {
      out = execFileSync(python, ['-c', script, embeddedDataPath], { encoding: 'utf8' });
    } catch (err) {
      throw new Error(`the scikit-learn reference script failed: ${(err as Error).message}`);
    }
    const ref = JSON.parse(out) as { mean: number[]; scale: number[]; row0: number[] };
    const ds = loadCsv();
    const s = fitStandardScaler(ds);
    const scaled = applyScaler(ds, s);
    for (let j = 0; j < 30; j++) {
      expect(Math.abs(s.mean[j]! - ref.mean[j]!)).toBeLessThanOrEqual(1e-12 * Math.abs(ref.mean[j]!));
      expect(Math.abs(s.scale[j]! - ref.scale[j]!)).toBeLessThanOrEqual(1e-12 * ref.scale[j]!);
      expect(Math.abs(scaled.x[j]! - ref.row0[j]!)).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('fitStandardScaler, row by row', () => {
  it('gives bit for bit the sums of a column-by-column loop', () => {
    let s = 7;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296 - 0.5) * 10 ** ((s >>> 27) - 12);
    const rows = 997;
    const cols = 5;
    const x = Float64Array.from({ length: rows * cols }, next);
    const ds = { featureNames: ['a', 'b', 'c', 'd', 'e'], target: 't', labels: [], x, y: new Int32Array(rows), rows, cols };
    const { mean, scale } = fitStandardScaler(ds);
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += x[i * cols + j]!;
      const m = sum / rows;
      let ss = 0;
      for (let i = 0; i < rows; i++) {
        const d = x[i * cols + j]! - m;
        ss += d * d;
      }
      expect(Object.is(mean[j], m)).toBe(true);
      expect(Object.is(scale[j], Math.sqrt(ss / rows))).toBe(true);
    }
  });
});
