import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { loadCsv } from './load';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return (err as Error).message;
  }
  throw new Error('expected a DataError, nothing was thrown');
}

describe('loadCsv reads its file through the bounded input-file reader; a refusal is a DataError', () => {
  it('refuses a device at once, naming the path', () => {
    expect(refusal(() => loadCsv('/dev/zero'))).toBe('data file is a device: /dev/zero');
  });

  it('refuses a file over maxBytes with both sizes', () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, 'x'.repeat(64));
    expect(refusal(() => loadCsv(big, { maxBytes: 10 }))).toMatch(/^data file is 64 bytes, over the 10 bytes limit: /);
  });
});
