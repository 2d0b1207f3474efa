import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, TABULAR_JOBS } from './tabular';

describe('tabular jobs', () => {
  it('name fixtures that exist in the checkout and hold their target column', () => {
    for (const job of TABULAR_JOBS) {
      const header = readFileSync(fixturePath(job.file)!, 'utf8').split(/\r?\n/)[0]!.split(',');
      expect(header, job.file).toContain(job.target);
    }
  });
  it('cover a multi-class and a regression task', () => {
    expect(TABULAR_JOBS.map((j) => j.task).sort()).toEqual(['classification', 'regression']);
  });
});
