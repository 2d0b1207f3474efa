import type { tf } from '@lrkit/core';

/**
 * Points `param` at the updated values a fused update kernel returned (and frees the old storage). The
 * update is not done in place because backends cache derived forms of weights by tensor id (tfjs-wasm's
 * XNNPACK matmul keeps packed weights per id until the tensor is freed): new values need a new id.
 */
export function swapIn(param: tf.Variable, updated: tf.Tensor[]): void {
  const next = updated[0];
  if (!next) throw new Error('the update kernel returned no parameter');
  param.assign(next);
  next.dispose();
}
