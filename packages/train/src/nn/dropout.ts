import { tf, type Rng } from '@lrkit/core';

/** Dropout while training: a rate per hidden layer, and the stream its masks are drawn from. */
export interface DropoutPlan {
  /** One per hidden layer; 0 drops nothing there. */
  rates: readonly number[];
  /** The run's dropout stream, forked per epoch (see `epochMasks`). */
  rng: Rng;
}

/** The masks of one minibatch: one per layer of the network, null where nothing is dropped (and for the output layer). */
export type DropoutMasks = (tf.Tensor | null)[];

/**
 * The masks of one epoch's minibatches, drawn in order from the plan's stream forked for that epoch: an epoch's
 * masks depend only on the seed and the epoch number, so a resumed run draws what the uninterrupted run drew
 * without replaying earlier epochs. Inverted dropout, as torch.nn.functional.dropout: a unit is kept when its
 * uniform draw is at least the rate, and then scaled by 1 / (1 - rate), so evaluation needs no scaling.
 */
export function epochMasks(plan: DropoutPlan, epoch: number, widths: readonly number[]): (rows: number) => DropoutMasks {
  const rng = plan.rng.fork(`epoch ${epoch}`);
  return (rows) => {
    const masks: DropoutMasks = widths.map(() => null);
    plan.rates.forEach((rate, l) => {
      if (rate === 0) return;
      const values = new Float32Array(rows * widths[l]!);
      const scale = 1 / (1 - rate);
      for (let i = 0; i < values.length; i++) values[i] = rng.next() >= rate ? scale : 0;
      masks[l] = tf.tensor3d(values, [1, rows, widths[l]!], 'float32');
    });
    return masks;
  };
}

export function disposeMasks(masks: DropoutMasks | undefined): void {
  for (const m of masks ?? []) m?.dispose();
}
