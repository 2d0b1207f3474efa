// The embedded CSV is found relative to the module; check that both builds (ESM and CJS) find it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

describe('the built package', () => {
  it('loads the embedded data from the ESM and the CJS build', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const path = join(dist, file);
      expect(existsSync(path), `${path} is missing: build first (pnpm --filter @lrkit/data build)`).toBe(true);
    }
    const esm = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `const d = await import(${JSON.stringify(join(dist, 'index.js'))}); const s = d.loadCsv(); console.log(s.rows, s.cols, s.labels.join(''))`],
      { encoding: 'utf8' },
    );
    const cjs = execFileSync(
      process.execPath,
      ['-e', `const d = require(${JSON.stringify(join(dist, 'index.cjs'))}); const s = d.loadCsv(); console.log(s.rows, s.cols, s.labels.join(''))`],
      { encoding: 'utf8' },
    );
    expect(esm.trim()).toBe('569 30 BM');
    expect(cjs.trim()).toBe('569 30 BM');
  });
});
