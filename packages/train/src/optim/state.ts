import { tf } from '@lrkit/core';
import type { OptimizerName, OptimizerState, ParamGroup } from '../types';

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
