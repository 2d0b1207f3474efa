import { describe, expect, it } from 'vitest';
import { measuredRow, unavailableRow, type MetricSpec } from './rows';

const spec: MetricSpec = { key: 'ms', metric: 'loop', unit: 'ms', better: 'lower' };

describe('measuredRow', () => {
  it('reports the median with min and max of the rounds that ran', () => {
    const row = measuredRow('seed', { impl: 'lrkit/wasm', samples: [{ ms: 30 }, undefined, { ms: 10 }, { ms: 20 }] }, spec);
    expect(row).toMatchObject({ value: 20, min: 10, max: 30, samples: 3, status: 'ok', better: 'lower' });
  });
  it('keeps a contender that failed before any round as a failed row with its reason', () => {
    const row = measuredRow('seed', { impl: 'pytorch/cpu', samples: [undefined, undefined], error: 'peer exited (code 1)' }, spec);
    expect(row).toMatchObject({ value: null, status: 'failed', reason: 'peer exited (code 1)' });
  });
  it('says when a contender stopped part way', () => {
    const row = measuredRow('seed', { impl: 'x', samples: [{ ms: 5 }, undefined], error: 'boom' }, spec);
    expect(row.status).toBe('ok');
    expect(row.reason).toBe('stopped after 1 rounds: boom');
  });
});

describe('unavailableRow', () => {
  it('has no value and carries the reason', () => {
    expect(unavailableRow('mlp', 'lrkit/cuda', 'throughput', 'samples/s', 'no GPU')).toEqual({
      suite: 'mlp',
      impl: 'lrkit/cuda',
      metric: 'throughput',
      value: null,
      unit: 'samples/s',
      status: 'unavailable',
      reason: 'no GPU',
    });
  });
});
