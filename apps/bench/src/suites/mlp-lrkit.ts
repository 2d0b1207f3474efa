// lrkit's side of the MLP suite: its low-level training API (model from sizes, optimizer, softmax
// cross-entropy, one step on tensors). Isolated here because that API is the one most likely to move.
import type { Loaded } from '../api';
import type { Stepper } from './mlp';

export async function lrkitMlpStepper(
  _sizes: readonly number[],
  _batch: number,
): Promise<Loaded<never> | { ok: true; make(): Promise<Stepper> }> {
  return { ok: false, reason: '@lrkit/train has no low-level MLP training API (build from sizes, trainStep) yet' };
}
