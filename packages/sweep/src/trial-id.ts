import { createHash } from 'node:crypto';
import { canonicalJson } from '@lrkit/io';
import { resolveConfig, type TrainConfig } from '@lrkit/train';

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
