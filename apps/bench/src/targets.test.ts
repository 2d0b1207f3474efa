import { describe, expect, it } from 'vitest';
import { ALLOC_METRIC, NO_TORCH_EQUIVALENT, PARITY_METRIC, STEP_METRIC_PREFIX } from './suites/schedulers';
import { MLP_GFLOPS, MLP_THROUGHPUT, WASM_SIMD_PEAK } from './suites/mlp';
import { SEED_LOOP } from './suites/seed';
import { checkTargets } from './targets';
import type { BenchResult } from './types';

const ok = (r: Partial<BenchResult> & Pick<BenchResult, 'suite' | 'impl' | 'metric'>): BenchResult => ({
  value: 1,
  unit: 'x',
  status: 'ok',
  ...r,
});

describe('checkTargets', () => {
  it('marks the seed targets met or missed from the paired ratios', () => {
    const results = [
      ok({
        suite: 'seed',
        impl: 'lrkit/wasm',
        metric: SEED_LOOP.metric,
        ratios: [
          { vs: 'pytorch/cpu', median: 0.8, min: 0.7, max: 0.9, pairs: 3 },
          { vs: 'tfjs-layers/wasm', median: 5, min: 4, max: 6, pairs: 3 },
        ],
      }),
    ];
    const [torch, layers] = checkTargets(['seed'], results);
    expect(torch!.status).toBe('missed');
    expect(torch!.detail).toContain('0.800x');
    expect(layers!.status).toBe('met');
  });
  it('says "not measured" with the reason when a peer could not run', () => {
    const results = [
      ok({ suite: 'mlp', impl: 'lrkit/wasm', metric: MLP_THROUGHPUT.metric }),
      { suite: 'mlp' as const, impl: 'pytorch/cpu', metric: MLP_THROUGHPUT.metric, value: null, unit: 'samples/s', status: 'unavailable' as const, reason: 'absent: no torch' },
    ];
    const [t] = checkTargets(['mlp'], results);
    expect(t).toMatchObject({ status: 'not measured', detail: 'pytorch/cpu: absent: no torch' });
  });
  it('holds the 50% MLP bar at 0.5', () => {
    const row = (median: number) => [ok({ suite: 'mlp', impl: 'lrkit/wasm', metric: MLP_THROUGHPUT.metric, ratios: [{ vs: 'pytorch/cpu', median, min: median, max: median, pairs: 1 }] })];
    expect(checkTargets(['mlp'], row(0.5))[0]!.status).toBe('met');
    expect(checkTargets(['mlp'], row(0.49))[0]!.status).toBe('missed');
  });
  it('holds lrkit/wasm against the measured wasm SIMD peak at 85%, and says why where either is missing', () => {
    const rows = (gflops: number) => [
      ok({ suite: 'mlp', impl: 'machine', metric: WASM_SIMD_PEAK, value: 30 }),
      ok({ suite: 'mlp', impl: 'lrkit/wasm', metric: MLP_GFLOPS.metric, value: gflops }),
    ];
    expect(checkTargets(['mlp'], rows(25.5))[1]).toMatchObject({ status: 'met', detail: '85.0%: 25.5 of 30.0 GFLOP/s' });
    expect(checkTargets(['mlp'], rows(25.4))[1]!.status).toBe('missed');
    expect(checkTargets(['mlp'], rows(25).slice(1))[1]).toMatchObject({ status: 'not measured', detail: 'no measured wasm SIMD peak' });
  });
  it('lists the schedulers under 100x and the allocation verdict', () => {
    const step = (name: string, median: number) =>
      ok({ suite: 'schedulers', impl: 'lrkit', metric: `${STEP_METRIC_PREFIX}${name}`, ratios: [{ vs: 'pytorch/cpu', median, min: median, max: median, pairs: 3 }] });
    const results = [
      step('step', 300),
      step('cyclic', 40),
      ok({ suite: 'schedulers', impl: 'lrkit', metric: ALLOC_METRIC, value: 0.2, note: 'no built-in allocates in steady state' }),
    ];
    const [speed, parity, alloc] = checkTargets(['schedulers'], results);
    expect(speed!.status).toBe('missed');
    expect(speed!.detail).toBe('below 100x: cyclic 40.0x');
    expect(parity!.status).toBe('not measured');
    expect(alloc!.status).toBe('met');
    const allocating = checkTargets(['schedulers'], [step('step', 300), ok({ suite: 'schedulers', impl: 'lrkit', metric: ALLOC_METRIC, value: 48 })]);
    expect(allocating[0]!.status).toBe('met');
    expect(allocating[2]!.status).toBe('missed');
  });
  it('leaves lrkit-only schedules out of the 100x target', () => {
    const results: BenchResult[] = [
      ok({ suite: 'schedulers', impl: 'lrkit', metric: `${STEP_METRIC_PREFIX}step`, ratios: [{ vs: 'pytorch/cpu', median: 300, min: 300, max: 300, pairs: 3 }] }),
      ok({ suite: 'schedulers', impl: 'lrkit', metric: `${STEP_METRIC_PREFIX}warmup` }),
      { suite: 'schedulers', impl: 'pytorch/cpu', metric: `${STEP_METRIC_PREFIX}warmup`, value: null, unit: 'ns', status: 'unavailable', reason: NO_TORCH_EQUIVALENT },
    ];
    expect(checkTargets(['schedulers'], results)[0]).toMatchObject({ status: 'met', detail: 'slowest step 300x, all 1 measured >= 100x' });
  });
  it('holds the rates to PyTorch: a failed comparison misses the target', () => {
    const parity = (row: Partial<BenchResult>) => checkTargets(['schedulers'], [ok({ suite: 'schedulers', impl: 'lrkit', metric: PARITY_METRIC, ...row })])[1]!;
    expect(parity({ value: 0, note: '16 schedules x 1000 steps within 1e-12 of PyTorch' })).toMatchObject({ status: 'met', detail: '16 schedules x 1000 steps within 1e-12 of PyTorch' });
    expect(parity({ value: null, status: 'failed', reason: 'beyond 1e-12: cyclic 0.001' })).toMatchObject({ status: 'missed', detail: 'beyond 1e-12: cyclic 0.001' });
  });
  it('checks only the suites that ran', () => {
    expect(checkTargets(['inference'], [])).toEqual([]);
  });
});
