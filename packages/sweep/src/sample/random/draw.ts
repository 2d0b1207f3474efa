import type { Rng } from '@lrkit/core';
import type { Distribution } from '../space/distribution';

/**
 * One value of a distribution, uniformly: in log space for `logUniform` and a log `int` (whose bounds are
 * widened by half a step, so the end values are as likely as their share of the log range), each integer
 * of a linear `int` equally, each choice equally.
 */
export function drawValue(dist: Distribution, rng: Rng): unknown {
  if ('logUniform' in dist) {
    const [lo, hi] = dist.logUniform;
    return Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));
  }
  if ('uniform' in dist) return rng.uniform(dist.uniform[0], dist.uniform[1]);
  if ('int' in dist) {
    const [lo, hi] = dist.int;
    if (!dist.log) return lo + rng.int(hi - lo + 1);
    const v = Math.round(Math.exp(rng.uniform(Math.log(lo - 0.5), Math.log(hi + 0.5))));
    return Math.min(hi, Math.max(lo, v));
  }
  return dist.choice[rng.int(dist.choice.length)];
}
