import { createRng } from '@lrkit/core';
import { isActive, withParam, type SearchSpace } from '../space/space';
import { drawValue } from './draw';

/**
 * Random search: `samples` settings, each key drawn from its own seeded stream (`random:<key>`), so adding a
 * key leaves the others' draws as they were. A conditional key is drawn in every sample (its stream keeps its
 * pace) and kept only where its condition holds on the sample's settings so far, over `base` (the trial's
 * grid point laid over the file's `train`).
 */
export function randomSamples(space: SearchSpace, samples: number, samplerSeed: number, base: Record<string, unknown> = {}): Record<string, unknown>[] {
  const streams = space.params.map((p) => createRng(samplerSeed).fork(`random:${p.key}`));
  return Array.from({ length: samples }, () => {
    const params: Record<string, unknown> = {};
    let config = base;
    space.params.forEach((p, i) => {
      const value = drawValue(p.dist, streams[i]!);
      if (!isActive(p, config)) return;
      params[p.key] = value;
      config = withParam(config, p, value);
    });
    return params;
  });
}
