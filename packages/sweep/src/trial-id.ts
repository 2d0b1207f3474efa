import { createHash } from 'node:crypto';
import { resolveConfig, type TrainConfig } from '@lrkit/train/internal';

/** JSON with object keys sorted at every level: one text per value, whatever order it was written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A trial's id: a hash of the settings it trains with, train()'s defaults filled in, so that writing a
 * default out (or listing fields in another order) names the same trial, and enqueueing it twice is one
 * job. The embedded data is keyed by name, not by its path on this machine. `threads` is left out: the
 * numbers are the same at any count.
 */
export function trialId(config: TrainConfig): string {
  const { threads: _threads, ...resolved } = resolveConfig(config);
  const key = { ...resolved, data: config.data ?? 'embedded:breast-cancer' };
  return createHash('sha256').update(canonicalJson(key)).digest('hex').slice(0, 16);
}
