import { exampleData, exampleDataInfo } from '@lrkit/data';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABULAR_JOBS } from './tabular';

describe('tabular jobs', () => {
  it("run on @lrkit/data's example data sets, which hold their target column", () => {
    for (const job of TABULAR_JOBS) {
      const header = readFileSync(exampleData(job.data), 'utf8').split(/\r?\n/)[0]!.split(',');
      expect(header, job.data).toContain(exampleDataInfo(job.data).target);
    }
  });
  it('cover a multi-class and a regression task', () => {
    expect(TABULAR_JOBS.map((j) => exampleDataInfo(j.data).task).sort()).toEqual(['classification', 'regression']);
  });
});
