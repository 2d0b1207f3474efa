import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { EXAMPLE_DATA, EXAMPLE_DATA_NAMES, exampleData, exampleDataInfo } from './examples';
import { embeddedDataPath } from './embedded';
import { loadCsv } from './load';
import { readTable } from './table/read';

describe('exampleData', () => {
  it.each(EXAMPLE_DATA_NAMES)('%s: a file in the package, read with its target, the rows it says', async (name) => {
    const info = exampleDataInfo(name);
    const path = exampleData(name);
    // Small enough to ship in the tarball.
    expect(statSync(path).size).toBeLessThan(128 * 1024);
    const table = await readTable(path);
    expect(table.rows).toBe(info.rows);
    const target = table.columns.find((c) => c.name === info.target);
    expect(target, `${name}: no column '${info.target}'`).toBeDefined();
    // Classification targets are text labels, the regression one is numbers.
    expect(target!.kind).toBe(info.task === 'regression' ? 'number' : 'text');
  });

  it('the all-numeric sets load as a Dataset with their target', () => {
    for (const name of ['iris', 'wine', 'breast-cancer'] as const) {
      const ds = loadCsv(exampleData(name), { target: EXAMPLE_DATA[name].target });
      expect(ds.rows).toBe(EXAMPLE_DATA[name].rows);
    }
    expect(loadCsv(exampleData('iris'), { target: 'species' }).labels).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(exampleData('breast-cancer')).toBe(embeddedDataPath);
  });

  it('penguins has text columns and gaps', async () => {
    const table = await readTable(exampleData('penguins'));
    const text = table.columns.filter((c) => c.kind === 'text').map((c) => c.name);
    expect(text).toEqual(['Species', 'Island', 'Sex']);
    const sex = table.columns.find((c) => c.name === 'Sex')!.values as (string | null)[];
    expect(sex.filter((v) => v === null).length).toBeGreaterThan(0);
    const mass = table.columns.find((c) => c.name === 'Body Mass (g)')!.values as Float64Array;
    expect(mass.some((v) => Number.isNaN(v))).toBe(true);
  });

  it('an unknown name is a DataError naming the examples, with the name a typo meant', () => {
    expect(() => exampleData('irs')).toThrow(DataError);
    expect(() => exampleData('irs')).toThrow("unknown example data set \"irs\" (did you mean 'iris'?); the examples are breast-cancer, iris, wine, friedman1, penguins");
    expect(() => exampleData('__proto__')).toThrow(/unknown example data set "__proto__"; the examples are/);
  });
});
