import { createRng, type Rng } from '@lrkit/core';
import type { TrainConfig } from '@lrkit/train';
import { SweepInputError } from './errors';
import type { SweepSpec } from './parse';
import type { Distribution } from './schema';
import { trialId } from './trial-id';

/** One training run of a sweep. */
export interface Trial {
  id: string;
  /** The trial's grid and random fields, as the sweep file names them. */
  params: Record<string, unknown>;
  /** What train() is given: the file's `train` with `params` laid over it. */
  config: TrainConfig;
}

function gridPoints(grid: SweepSpec['grid']): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  // itertools.product order: the last field written varies fastest.
  for (const [field, values] of Object.entries(grid ?? {})) {
    points = points.flatMap((p) => (values as unknown[]).map((v) => ({ ...p, [field]: v })));
  }
  return points;
}

function draw(dist: Distribution, rng: Rng): unknown {
  if ('logUniform' in dist) {
    const [lo, hi] = dist.logUniform;
    return Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));
  }
  if ('uniform' in dist) return rng.uniform(dist.uniform[0], dist.uniform[1]);
  return dist.choice[rng.int(dist.choice.length)];
}

/** The random part's settings: `samples` draws, each field from its own seeded stream. */
function randomPoints(random: SweepSpec['random']): Record<string, unknown>[] {
  if (!random) return [{}];
  const { samples, samplerSeed = 0, ...fields } = random;
  const streams = Object.keys(fields).map((f) => [f, createRng(samplerSeed).fork(`random:${f}`)] as const);
  return Array.from({ length: samples }, () =>
    Object.fromEntries(streams.map(([f, rng]) => [f, draw((fields as Record<string, Distribution>)[f]!, rng)])),
  );
}

/**
 * Every trial of a sweep, in a fixed order: each grid point crossed with each random draw. Each trial's
 * settings are checked here, before anything runs (train()'s checks, the schedule's); a bad one is a
 * SweepInputError naming the trial. Two points with the same settings are one trial.
 */
export function expandTrials(spec: SweepSpec, source = spec.name): Trial[] {
  const trials = new Map<string, Trial>();
  for (const g of gridPoints(spec.grid)) {
    for (const r of randomPoints(spec.random)) {
      const params = { ...g, ...r };
      const config = { ...spec.train, ...params } as TrainConfig;
      let id: string;
      try {
        // trialId resolves the config as train() does: every field checked, the schedule compiled (once).
        id = trialId(config);
      } catch (e) {
        throw new SweepInputError(`${source}: the trial ${JSON.stringify(params)}: ${(e as Error).message}`);
      }
      if (!trials.has(id)) trials.set(id, { id, params, config });
    }
  }
  return [...trials.values()];
}
