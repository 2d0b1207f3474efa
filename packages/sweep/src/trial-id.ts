import { createHash } from 'node:crypto';
import { canonicalJson } from '@lrkit/io';
import { resolveConfig, withoutAbsentDefaults, type TrainConfig } from '@lrkit/train';

/**
 * A trial's id: a hash of the settings it trains with, train()'s defaults filled in, so that writing a
 * default out (or listing fields in another order) names the same trial, and enqueueing it twice is one
 * job. The embedded data is keyed by name, not by its path on this machine. `threads` is left out: the
 * numbers are the same at any count; so is a setting added since ids were first made, where it is at its
 * default (withoutAbsentDefaults), so that a sweep's earlier trials keep their ids.
 */
export function trialId(config: TrainConfig): string {
  const { threads: _threads, ...resolved } = withoutAbsentDefaults(resolveConfig(config));
  const key = { ...resolved, data: config.data ?? 'embedded:breast-cancer', ...(namesConstant(resolved.schedule) ? { constant: 'rate' } : {}) };
  return createHash('sha256').update(canonicalJson(key)).digest('hex').slice(0, 16);
}

/**
 * True where the spec names a `constant` schedule. That name was PyTorch's ConstantLR before it became a
 * constant rate ('constant-factor' is ConstantLR now): such a trial gets an id of its own, so that a sweep
 * resumed from a state folder never takes a record trained under the old meaning for it, and runs it again.
 */
function namesConstant(spec: unknown): boolean {
  if (Array.isArray(spec)) return spec.some(namesConstant);
  if (typeof spec !== 'object' || spec === null) return false;
  return Object.entries(spec).some(([k, v]) => (k === 'type' && v === 'constant') || namesConstant(v));
}
