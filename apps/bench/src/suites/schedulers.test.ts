import { describe, expect, it } from 'vitest';
import { PARITY_METRIC, parityRow } from './schedulers';

describe('parityRow', () => {
  it('passes when every schedule is within 1e-12 of PyTorch, naming the worst', () => {
    const row = parityRow([{ name: 'step', worst: 0 }, { name: 'cyclic', worst: 2e-16 }], 1000);
    expect(row).toMatchObject({ metric: PARITY_METRIC, status: 'ok', value: 2e-16 });
    expect(row.note).toBe('2 schedules x 1000 steps within 1e-12 of PyTorch (1 bit-identical; worst: cyclic)');
  });

  it('fails naming each schedule beyond 1e-12, and a comparison that could not run', () => {
    const row = parityRow([{ name: 'step', worst: 0 }, { name: 'cyclic', worst: 1e-9 }, { name: 'swa', worst: Number.NaN }], 1000);
    expect(row).toMatchObject({ status: 'failed', value: null });
    expect(row.reason).toMatch(/^beyond 1e-12: cyclic .*, swa \(comparison failed\)$/);
  });
});
