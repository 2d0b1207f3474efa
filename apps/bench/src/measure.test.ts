import { describe, expect, it } from 'vitest';
import { metricValues, pairRatio, ratiosAgainst, runInterleaved, type Contender, type ContenderRun } from './measure';

function run(impl: string, values: (number | undefined)[], key = 'ms'): ContenderRun {
  return { impl, samples: values.map((v) => (v === undefined ? undefined : { [key]: v })) };
}

describe('pairRatio', () => {
  it('divides round by round, not median by median', () => {
    // Medians alone would give 20/10 = 2; the per-round ratios are 4, 1, 1 with median 1.
    const lrkit = run('lrkit/wasm', [5, 10, 40]);
    const torch = run('pytorch/cpu', [20, 10, 40]);
    const r = pairRatio(lrkit, torch, 'ms', 'lower')!;
    expect(r).toEqual({ vs: 'pytorch/cpu', median: 1, min: 1, max: 4, pairs: 3 });
  });
  it('orients times as peer/lrkit and throughputs as lrkit/peer (> 1: lrkit better)', () => {
    expect(pairRatio(run('a', [10]), run('b', [30]), 'ms', 'lower')!.median).toBe(3);
    expect(pairRatio(run('a', [10], 'rate'), run('b', [40], 'rate'), 'rate', 'higher')!.median).toBe(0.25);
  });
  it('pairs only rounds where both measured', () => {
    const r = pairRatio(run('a', [10, undefined, 10]), run('b', [20, 50, undefined]), 'ms', 'lower')!;
    expect(r.pairs).toBe(1);
    expect(r.median).toBe(2);
  });
  it('can pair different metric names', () => {
    const a: ContenderRun = { impl: 'a', samples: [{ loopMs: 10 }] };
    const b: ContenderRun = { impl: 'b', samples: [{ fitMs: 25 }] };
    expect(pairRatio(a, b, 'loopMs', 'lower', 'fitMs')!.median).toBe(2.5);
  });
  it('returns undefined when there is no pair', () => {
    expect(pairRatio(run('a', [10]), run('b', [undefined]), 'ms', 'lower')).toBeUndefined();
  });
});

describe('ratiosAgainst', () => {
  it('keeps the order of the peers asked for and leaves out those absent or never paired', () => {
    const runs = [run('lrkit/native', [10]), run('lrkit/wasm', [20]), run('pytorch/cpu', [40]), run('tfjs-layers/native', [undefined])];
    const r = ratiosAgainst(runs[0]!, runs, ['pytorch/cpu', 'tfjs-layers/native', 'nobody', 'lrkit/wasm'], 'ms', 'lower');
    expect(r.map((x) => [x.vs, x.median])).toEqual([
      ['pytorch/cpu', 4],
      ['lrkit/wasm', 2],
    ]);
  });
});

describe('runInterleaved', () => {
  it('warms up, then runs every contender once per round in a rotating order', async () => {
    const order: string[] = [];
    const make = (impl: string): Contender => ({
      impl,
      async sample() {
        order.push(impl);
        return { ms: order.length };
      },
    });
    const runs = await runInterleaved([make('a'), make('b'), make('c')], { warmup: 1, repeats: 3 });
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(runs.map((r) => r.samples.length)).toEqual([3, 3, 3]);
    expect(metricValues(runs[0]!, 'ms')).toEqual([4, 9, 11]);
  });
  it('records a failing contender with its reason and keeps measuring the others', async () => {
    let calls = 0;
    const flaky: Contender = {
      impl: 'flaky',
      async sample() {
        calls++;
        if (calls === 3) throw new Error('peer exited');
        return { ms: 1 };
      },
    };
    const steady: Contender = { impl: 'steady', sample: async () => ({ ms: 2 }) };
    const [f, s] = await runInterleaved([flaky, steady], { warmup: 1, repeats: 4 });
    expect(f!.error).toBe('peer exited');
    expect(metricValues(f!, 'ms')).toEqual([1]);
    expect(metricValues(s!, 'ms')).toEqual([2, 2, 2, 2]);
    expect(calls).toBe(3);
  });
  it('reports progress for warm-up and rounds', async () => {
    const events: string[] = [];
    await runInterleaved([{ impl: 'x', sample: async () => ({}) }], { warmup: 2, repeats: 1 }, (e) =>
      events.push(`${e.warmup ? 'w' : 'r'}${e.round}/${e.rounds}`),
    );
    expect(events).toEqual(['w1/2', 'w2/2', 'r1/1']);
  });
});
