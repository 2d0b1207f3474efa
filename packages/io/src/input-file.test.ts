import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBytes, InputFileError, readInputFile } from './input-file';
import { makeNode, refusal as refuse } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = { what: 'data file', maxBytes: 64 };

const refusal = (fn: () => unknown) => refuse(fn, InputFileError);

describe('readInputFile: only a regular file of bounded size is read', () => {
  it('refuses a device such as /dev/zero at once, naming the path (it used to read until bad_alloc)', () => {
    expect(refusal(() => readInputFile('/dev/zero', options))).toBe('data file is a device: /dev/zero');
  });

  it('refuses a FIFO without opening it (opening one for reading blocks until a writer comes)', (ctx) => {
    const fifo = join(dir, 'pipe.csv');
    if (!makeNode('mkfifo', [fifo])) {
      console.log('skipped: no mkfifo command to make a FIFO with');
      ctx.skip();
    }
    expect(refusal(() => readInputFile(fifo, options))).toBe(`data file is a named pipe (FIFO): ${fifo}`);
  });

  it('refuses a directory, a missing file and a symbolic link loop', () => {
    expect(refusal(() => readInputFile(dir, options))).toBe(`data file is a directory: ${dir}`);
    expect(refusal(() => readInputFile(join(dir, 'nope'), options))).toBe(`data file not found: ${join(dir, 'nope')}`);
    const loop = join(dir, 'loop.csv');
    symlinkSync(loop, loop);
    expect(refusal(() => readInputFile(loop, options))).toBe(`data file is a symbolic link that loops: ${loop}`);
  });

  it('refuses a file over the limit with both sizes, and reads one at the limit', () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, 'x'.repeat(65));
    expect(refusal(() => readInputFile(big, options))).toBe(`data file is 65 bytes, over the 64 bytes limit: ${big}`);
    writeFileSync(big, 'x'.repeat(64));
    expect(readInputFile(big, options).length).toBe(64);
  });

  it('writes sizes as a person reads them', () => {
    expect(formatBytes(256 * 1024 * 1024)).toBe('256 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3)).toBe('3 bytes');
  });
});
