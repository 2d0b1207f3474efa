// Trials given one table cache (as a trial process gives all its trials) parse their data file once, and
// record what trials reading it themselves record.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableCache } from '@lrkit/train/internal';
import { runTrial } from './run-trial';
import { tempDir } from './test-support';
import type { TrialRequest } from './trial';

const tmp = tempDir('lrkit-run-trial-');
afterAll(() => tmp.remove());

describe('runTrial with a table cache', () => {
  it('two trials on one file parse it once and record what uncached trials record', async () => {
    const data = join(tmp.dir, 'table.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 7},${(i * 13) % 11},${['red', 'green', 'blue'][i % 3]},${i % 3 === 0 || i % 7 === 1 ? 'yes' : 'no'}`);
    writeFileSync(data, ['a,b,colour,y', ...rows].join('\n'));
    const request = (lr: number): TrialRequest => ({ id: `lr${lr}`, params: { lr }, config: { data, target: 'y', hidden: [4], epochs: 2, seed: 1, lr } });
    const reads: string[] = [];
    // The reader under the cache: a fresh cache each call keeps nothing, so it reads the file as readTable does.
    const tables = tableCache((path, options) => (reads.push(path), tableCache()(path, options)));
    const cached = [await runTrial(request(0.01), undefined, tables), await runTrial(request(0.1), undefined, tables)];
    const fresh = [await runTrial(request(0.01)), await runTrial(request(0.1))];
    expect(reads).toEqual([data]);
    expect(cached.map((r) => r.status)).toEqual(['done', 'done']);
    const timeless = ({ trainMs: _, ...r }: (typeof cached)[number]) => r;
    expect(cached.map(timeless)).toEqual(fresh.map(timeless));
  });
});
