// The issue's targets, checked against the rows of a run and printed as met / missed / not measured.
// They are benchmark results, not tests: missing one is reported plainly, never hidden.
import { formatNumber } from './format/numbers';
import { ALLOC_METRIC, NO_TORCH_EQUIVALENT, PARITY_METRIC, STEP_METRIC_PREFIX } from './suites/schedulers';
import { MLP_GFLOPS, MLP_THROUGHPUT, WASM_SIMD_PEAK } from './suites/mlp';
import { SEED_LOOP } from './suites/seed';
import { FIRST_STEP, PANDAS } from './suites/data';
import type { BenchResult, Ratio, SuiteName, TargetCheck } from './types';

function find(results: readonly BenchResult[], suite: SuiteName, impl: string, metric: string): BenchResult | undefined {
  return results.find((r) => r.suite === suite && r.impl === impl && r.metric === metric);
}

function ratioText(r: Ratio): string {
  return `${formatNumber(r.median)}x median over ${r.pairs} pairs, ${formatNumber(r.min)}..${formatNumber(r.max)}`;
}

function ratioCheck(
  suite: SuiteName,
  target: string,
  row: BenchResult | undefined,
  vs: string,
  atLeast: number,
  results: readonly BenchResult[],
  metric: string,
): TargetCheck {
  const ratio = row?.ratios?.find((r) => r.vs === vs);
  if (!ratio) {
    const why =
      row && row.status !== 'ok'
        ? `${row.impl}: ${row.reason}`
        : (() => {
            const peer = find(results, suite, vs, metric);
            return peer && peer.status !== 'ok' ? `${vs}: ${peer.reason}` : `no ${row?.impl ?? 'lrkit'} / ${vs} pair was measured`;
          })();
    return { suite, target, status: 'not measured', detail: why };
  }
  return { suite, target, status: ratio.median >= atLeast ? 'met' : 'missed', detail: ratioText(ratio) };
}

/** lrkit/wasm's training GFLOP/s (its median) as a share of the wasm SIMD peak measured in the same run. */
function wasmPeakCheck(results: readonly BenchResult[]): TargetCheck {
  const target = 'lrkit/wasm at least 85% of the measured wasm SIMD peak (training GFLOP/s)';
  const row = find(results, 'mlp', 'lrkit/wasm', MLP_GFLOPS.metric);
  const peak = find(results, 'mlp', 'machine', WASM_SIMD_PEAK);
  if (!row || row.value === null) return { suite: 'mlp', target, status: 'not measured', detail: row?.reason ?? 'lrkit/wasm was not measured' };
  if (!peak || peak.value === null || !(peak.value > 0)) return { suite: 'mlp', target, status: 'not measured', detail: 'no measured wasm SIMD peak' };
  const share = row.value / peak.value;
  return {
    suite: 'mlp',
    target,
    status: share >= 0.85 ? 'met' : 'missed',
    detail: `${formatNumber(100 * share)}%: ${formatNumber(row.value)} of ${formatNumber(peak.value)} GFLOP/s`,
  };
}

export function checkTargets(suites: readonly SuiteName[], results: readonly BenchResult[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  if (suites.includes('seed')) {
    const row = find(results, 'seed', 'lrkit/wasm', SEED_LOOP.metric);
    out.push(ratioCheck('seed', "lrkit/wasm's training loop faster than PyTorch's", row, 'pytorch/cpu', 1, results, SEED_LOOP.metric));
    out.push(ratioCheck('seed', "lrkit/wasm's training loop faster than tfjs-layers model.fit on wasm", row, 'tfjs-layers/wasm', 1, results, SEED_LOOP.metric));
  }
  if (suites.includes('mlp')) {
    const row = find(results, 'mlp', 'lrkit/wasm', MLP_THROUGHPUT.metric);
    out.push(ratioCheck('mlp', 'lrkit/wasm at least 50% of PyTorch CPU throughput at the same thread count', row, 'pytorch/cpu', 0.5, results, MLP_THROUGHPUT.metric));
    out.push(wasmPeakCheck(results));
  }
  if (suites.includes('schedulers')) {
    // The target is about PyTorch's schedules; lrkit-only ones are timed without a peer.
    const lrkitOnly = new Set(
      results.filter((r) => r.suite === 'schedulers' && r.impl === 'pytorch/cpu' && r.reason === NO_TORCH_EQUIVALENT).map((r) => r.metric),
    );
    const steps = results.filter(
      (r) => r.suite === 'schedulers' && r.impl === 'lrkit' && r.metric.startsWith(STEP_METRIC_PREFIX) && !lrkitOnly.has(r.metric),
    );
    const withRatio = steps.filter((r) => r.ratios?.some((x) => x.vs === 'pytorch/cpu'));
    if (withRatio.length === 0) {
      const why = steps.find((r) => r.status !== 'ok')?.reason ?? results.find((r) => r.suite === 'schedulers' && r.impl === 'pytorch/cpu' && r.status !== 'ok')?.reason;
      out.push({ suite: 'schedulers', target: 'every built-in step() at least 100x faster than PyTorch', status: 'not measured', detail: why ?? 'no pair was measured' });
    } else {
      const slow = withRatio.filter((r) => r.ratios!.find((x) => x.vs === 'pytorch/cpu')!.median < 100);
      const lowest = withRatio
        .map((r) => ({ name: r.metric.slice(STEP_METRIC_PREFIX.length), x: r.ratios!.find((q) => q.vs === 'pytorch/cpu')!.median }))
        .sort((a, b) => a.x - b.x);
      const unmeasured = steps.length - withRatio.length;
      out.push({
        suite: 'schedulers',
        target: 'every built-in step() at least 100x faster than PyTorch',
        status: slow.length > 0 ? 'missed' : unmeasured > 0 ? 'not measured' : 'met',
        detail:
          (slow.length > 0
            ? `below 100x: ${lowest.filter((l) => l.x < 100).map((l) => `${l.name} ${formatNumber(l.x)}x`).join(', ')}`
            : `slowest ${lowest[0]!.name} ${formatNumber(lowest[0]!.x)}x, all ${withRatio.length} measured >= 100x`) +
          (unmeasured > 0 ? `; ${unmeasured} built-ins without a ratio` : ''),
      });
    }
    const parity = find(results, 'schedulers', 'lrkit', PARITY_METRIC);
    out.push({
      suite: 'schedulers',
      target: "every PyTorch built-in's rates within 1e-12 of PyTorch's",
      status: !parity || parity.status === 'unavailable' ? 'not measured' : parity.status === 'ok' ? 'met' : 'missed',
      detail: parity?.note ?? parity?.reason ?? 'not checked',
    });
    const alloc = find(results, 'schedulers', 'lrkit', ALLOC_METRIC);
    out.push(
      !alloc || alloc.value === null
        ? { suite: 'schedulers', target: 'no per-step allocation in steady state', status: 'not measured', detail: alloc?.reason ?? alloc?.note ?? 'not checked' }
        : {
            suite: 'schedulers',
            target: 'no per-step allocation in steady state',
            status: alloc.value < 1 && !alloc.note?.startsWith('allocating') ? 'met' : 'missed',
            detail: alloc.note ?? `${formatNumber(alloc.value)} B/step`,
          },
    );
  }
  if (suites.includes('data')) {
    // "Within 1.5x of pandas' time": pandas' time / lrkit's, the ratio's orientation, at least 1 / 1.5.
    const row = results.find((r) => r.suite === 'data' && r.impl === FIRST_STEP);
    const check = ratioCheck('data', 'lrkit train to first step within 1.5x of pandas.read_csv', row, PANDAS, 1 / 1.5, results, row?.metric ?? '');
    out.push(check);
  }
  return out;
}
