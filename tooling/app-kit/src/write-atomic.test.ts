import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempFiles } from './temp-files';
import { UsageError } from './usage-error';
import { writeAtomic } from './write-atomic';

const dir = mkdtempSync(join(tmpdir(), 'app-kit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomic', () => {
  it('replaces the file whole and leaves no temporary file or registration behind', () => {
    const path = join(dir, 'out.json');
    writeFileSync(path, 'old');
    const temp = new TempFiles();
    writeAtomic(path, 'new text', '--out', temp);
    expect(readFileSync(path, 'utf8')).toBe('new text');
    expect(readdirSync(dir)).toEqual(['out.json']);
    expect(temp.list()).toEqual([]);
  });

  it('fails as a usage error naming the flag and the path, writing nothing', () => {
    const path = join(dir, 'missing', 'out.md');
    expect(() => writeAtomic(path, 'x', '--md')).toThrow(UsageError);
    expect(() => writeAtomic(path, 'x', '--md')).toThrow(new RegExp(`^--md: cannot write '${path}': ENOENT`));
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});
