import { tf } from '@lrkit/core';
import type { Optimizer, OptimizerName, OptimizerState, ParamGroup } from '../types';

/** The float32 values of each tensor, copied out. */
export function readTensors(tensors: readonly tf.Tensor[]): Float32Array[] {
  return tensors.map((t) => Float32Array.from(t.dataSync() as Float32Array));
}

/** Replaces each state tensor by the saved values (same shapes), keeping it out of tidy scopes as before. */
export function writeTensors(into: tf.Tensor[], values: readonly Float32Array[] | undefined, what: string): void {
  if (!values || values.length !== into.length) {
    throw new Error(`optimizer state: '${what}' has ${values?.length ?? 0} tensors, expected ${into.length}`);
  }
  into.forEach((t, i) => {
    const v = values[i]!;
    if (v.length !== t.size) throw new Error(`optimizer state: ${what}[${i}] has ${v.length} values, expected ${t.size}`);
    const next = tf.keep(tf.tensor(v, t.shape, 'float32'));
    t.dispose();
    into[i] = next;
  });
}

/** Checks a saved state is of this optimizer, then copies the saved group values into the live group. */
export function loadGroup(state: OptimizerState, name: OptimizerName, group: ParamGroup): void {
  if (state.name !== name) throw new Error(`optimizer state is of '${state.name}', this optimizer is '${name}'`);
  const saved = state.paramGroups[0];
  if (!saved || state.paramGroups.length !== 1) throw new Error('optimizer state: expected exactly one param group');
  Object.assign(group, structuredClone(saved));
}

/** What one optimizer adds to the shell every optimizer shares (`defineOptimizer`). */
export interface OptimizerParts {
  name: OptimizerName;
  /** The one param group: schedulers and hooks change its values between steps, so `update` reads them there. */
  group: ParamGroup;
  /** How many gradients a step takes (one per parameter). */
  params: number;
  /** Its state tensors by name, one per parameter each; saved, restored and disposed by the shell. */
  tensors: Record<string, tf.Tensor[]>;
  /** Per-parameter flags saved with the state (sgd: which momentum buffers have started). */
  flags?: Record<string, boolean[]>;
  /** Numbers the update keeps between steps (schedule-free: the averaging's weight sum); saved with the state. */
  scalars?: Record<string, number>;
  /** One update of every parameter; `step` is the 1-based count including this one. */
  update(grads: tf.Tensor[], step: number): void;
}

/**
 * An optimizer from its update and its state: the step count, the gradient-count check and the state dict's
 * framing (name, groups, tensors, flags) are the same for each, so they are written here once.
 */
export function defineOptimizer(parts: OptimizerParts): Optimizer {
  const { name, group, tensors, flags, scalars } = parts;
  let stepCount = 0;
  return {
    name,
    paramGroups: [group],
    get stepCount() {
      return stepCount;
    },
    step(grads) {
      if (grads.length !== parts.params) throw new Error(`expected ${parts.params} gradients, got ${grads.length}`);
      stepCount++;
      parts.update(grads, stepCount);
    },
    stateDict() {
      const state: OptimizerState = {
        name,
        stepCount,
        paramGroups: [structuredClone(group)],
        tensors: Object.fromEntries(Object.entries(tensors).map(([k, ts]) => [k, readTensors(ts)])),
      };
      if (flags) state.flags = Object.fromEntries(Object.entries(flags).map(([k, f]) => [k, [...f]]));
      if (scalars) state.scalars = { ...scalars };
      return state;
    },
    loadStateDict(state) {
      loadGroup(state, name, group);
      for (const [k, ts] of Object.entries(tensors)) writeTensors(ts, state.tensors[k], k);
      for (const [k, f] of Object.entries(flags ?? {})) {
        const saved = state.flags?.[k];
        if (!saved || saved.length !== f.length) throw new Error(`optimizer state: ${name} needs one ${k} flag per parameter`);
        saved.forEach((v, i) => (f[i] = v));
      }
      for (const k of Object.keys(scalars ?? {})) {
        const saved = state.scalars?.[k];
        if (typeof saved !== 'number' || !Number.isFinite(saved)) throw new Error(`optimizer state: ${name} needs the number '${k}'`);
        scalars![k] = saved;
      }
      stepCount = state.stepCount;
    },
    dispose() {
      for (const ts of Object.values(tensors)) for (const t of ts) t.dispose();
    },
  };
}
