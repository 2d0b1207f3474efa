// A measured wasm SIMD ceiling for one core: wasm/simd-peak.wat's twelve f32x4 mul + add chains, timed. The
// estimate beside it (machine.ts: lanes x 2 FMA pipes x nominal clock) assumes a fused multiply-add wasm SIMD
// does not have and the nominal clock the core runs above, so lrkit's own product measured over 100% of it.
import { simdPeakWasmBase64 } from './simd-peak-wasm';

/** FLOPs of one iteration of run(n): two steps of 12 chains, each a mul and an add of 4 lanes. */
export const FLOPS_PER_ITERATION = 2 * 12 * 2 * 4;

export interface SimdPeak {
  gflops: number;
  /** How it was measured, for the row's note. */
  how: string;
}

type Run = (n: number) => number;

export function simdPeakModule(): Run {
  const module = new WebAssembly.Module(Buffer.from(simdPeakWasmBase64, 'base64'));
  return new WebAssembly.Instance(module).exports.run as Run;
}

/**
 * The best of `rounds` timed runs of `iterations` iterations each, in GFLOP/s. V8 compiles a wasm function
 * with its baseline compiler first (which keeps locals in memory) and optimises it after some calls, so short
 * calls come first until two in a row time alike, and the best run is the optimised code's.
 */
export function measureSimdPeak(iterations = 2_000_000, rounds = 7): SimdPeak {
  const run = simdPeakModule();
  let last = Infinity;
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    run(20_000);
    const ms = performance.now() - t0;
    if (i >= 10 && Math.abs(ms - last) < 0.02 * last) break;
    last = ms;
  }
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    run(iterations);
    best = Math.min(best, performance.now() - t0);
  }
  const flops = iterations * FLOPS_PER_ITERATION;
  return {
    gflops: flops / best / 1e6,
    how: `wasm/simd-peak.wat: 12 independent f32x4 mul + add chains in registers, best of ${rounds} runs of ${(flops / 1e9).toFixed(2)} GFLOP`,
  };
}
