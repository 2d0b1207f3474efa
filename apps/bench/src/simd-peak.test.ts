import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureSimdPeak, simdPeakModule } from './simd-peak';

describe('the wasm SIMD peak module', () => {
  it('the committed module is what wasm/simd-peak.wat assembles to (scripts/build-wasm.mjs --check)', () => {
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'build-wasm.mjs');
    expect(execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' })).toMatch(/^simd-peak-wasm\.ts matches/);
  });

  it('runs 2n steps of a = a * 0.5 + 1 on every chain, each operation rounded to float32', () => {
    const run = simdPeakModule();
    for (const n of [0, 1, 3]) {
      // Lane 0 of chain i starts at i; the result is lane 0 of the chains' sum, added in order.
      let sum = 0;
      for (let i = 0; i < 12; i++) {
        let a = i;
        for (let s = 0; s < 2 * n; s++) a = Math.fround(Math.fround(a * 0.5) + 1);
        sum = i === 0 ? a : Math.fround(sum + a);
      }
      expect(run(n)).toBe(sum);
    }
  });

  it('measures a finite, positive rate', () => {
    const peak = measureSimdPeak(20_000, 2);
    expect(peak.gflops).toBeGreaterThan(0);
    expect(Number.isFinite(peak.gflops)).toBe(true);
    expect(peak.how).toMatch(/best of 2 runs/);
  });
});
