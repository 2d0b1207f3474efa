// A sweep's trial process runs trial after trial on one file: tableCache parses it once, and the runs that
// share the parsed table train exactly as runs that read the file themselves.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '@lrkit/data';
import { train } from '../loop/train';
import { tableCache, type TableReader } from './table-cache';

const penguins = fileURLToPath(new URL('../../node_modules/vega-datasets/data/penguins.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lrkit-table-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** readTable, counting the files it parses. */
function counted(): { read: TableReader; reads: string[] } {
  const reads: string[] = [];
  return { reads, read: (path, options) => (reads.push(path), readTable(path, options)) };
}

describe('tableCache', () => {
  it('runs sharing one cache parse the file once and train exactly as runs that read it (a table through a column plan)', async () => {
    const config = { data: penguins, target: 'Species', hidden: [8], epochs: 2, lr: 0.01 };
    const { read, reads } = counted();
    const readTable = tableCache(read);
    const cached = [await train({ ...config, seed: 1 }, { readTable }), await train({ ...config, seed: 2 }, { readTable })];
    const fresh = [await train({ ...config, seed: 1 }), await train({ ...config, seed: 2 })];
    expect(reads).toEqual([penguins]);
    for (const [i, r] of cached.entries()) {
      expect(r.model).toEqual(fresh[i]!.model);
      expect(r.metrics).toEqual(fresh[i]!.metrics);
      expect(r.history).toEqual(fresh[i]!.history);
      expect(r.preprocessing).toEqual(fresh[i]!.preprocessing);
    }
  });

  it('reads the file again when it changed, or when asked with other options', async () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, 'a,b,y\n1,2,x\n3,4,z\n');
    const { read, reads } = counted();
    const cache = tableCache(read);
    expect((await cache(path, {})).rows).toBe(2);
    expect((await cache(path, {})).rows).toBe(2);
    expect(reads).toHaveLength(1);
    await cache(path, { na: ['x'] });
    expect(reads).toHaveLength(2);
    writeFileSync(path, 'a,b,y\n1,2,x\n3,4,z\n5,6,x\n');
    expect((await cache(path, { na: ['x'] })).rows).toBe(3);
    expect(reads).toHaveLength(3);
  });

  it('keeps no failed read: the next run gets its own message', async () => {
    const path = join(dir, 'later.csv');
    const { read, reads } = counted();
    const cache = tableCache(read);
    await expect(cache(path, {})).rejects.toThrow(/later\.csv/);
    writeFileSync(path, 'a,y\n1,x\n2,z\n');
    expect((await cache(path, {})).rows).toBe(2);
    expect(reads).toHaveLength(2);
  });
});
