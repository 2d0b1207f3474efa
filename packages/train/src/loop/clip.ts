import { tf } from '@lrkit/core';

/**
 * torch.nn.utils.clip_grad_norm_ (norm 2): the total norm is the L2 norm of the per-gradient L2 norms, and
 * where it is above `maxNorm` every gradient is multiplied by maxNorm / (total + 1e-6) (torch multiplies by a
 * coefficient clamped to 1, which leaves the gradients as they are below it). Takes the gradients and returns
 * them, each either the same tensor or a scaled one in its place (the input then disposed).
 */
export function clipGradNorm(grads: tf.Tensor[], maxNorm: number): tf.Tensor[] {
  const norms = tf.tidy(() => tf.stack(grads.map((g) => tf.norm(g))));
  const total = tf.tidy(() => tf.norm(norms));
  norms.dispose();
  const totalNorm = total.dataSync()[0]!;
  if (!(totalNorm > maxNorm)) {
    total.dispose();
    return grads;
  }
  const coefficient = tf.tidy(() => tf.div(tf.scalar(maxNorm, 'float32'), tf.add(total, tf.scalar(1e-6, 'float32'))));
  total.dispose();
  const scaled = grads.map((g) => tf.mul(g, coefficient));
  for (const g of grads) g.dispose();
  coefficient.dispose();
  return scaled;
}
