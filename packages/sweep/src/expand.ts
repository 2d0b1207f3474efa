import { createRng, type Rng } from '@lrkit/core';
import type { TrainConfig } from '@lrkit/train';
import { SweepInputError } from './errors';
import type { SweepSpec } from './parse';
import type { Distribution } from './schema';
import { MAX_TRIALS } from './limits';
import { withValidationSplit } from './prune/value';
import { dataDigest, trialId } from './trial-id';

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
 * How many trials a sweep file asks for, from its sizes alone (each grid field's values multiplied, times
 * random.samples): an upper bound on the trials it expands to, two points with the same settings being one.
 */
export function trialCount(spec: Pick<SweepSpec, 'grid' | 'random'>): number {
  let n = spec.random?.samples ?? 1;
  for (const values of Object.values(spec.grid ?? {})) n *= (values as unknown[]).length;
  return n;
}

/** The sizes behind trialCount, for the message that refuses too many: `lr 1000 x seed 1000 x random.samples 5`. */
function countText(spec: Pick<SweepSpec, 'grid' | 'random'>): string {
  const sizes = Object.entries(spec.grid ?? {}).map(([field, values]) => `${field} ${(values as unknown[]).length}`);
  if (spec.random) sizes.push(`random.samples ${spec.random.samples}`);
  return sizes.join(' x ');
}

/** Refuses a sweep of more than MAX_TRIALS trials, from its sizes alone (a SweepInputError naming `source`). */
export function checkTrialCount(spec: Pick<SweepSpec, 'grid' | 'random'>, source: string): void {
  const count = trialCount(spec);
  if (count > MAX_TRIALS) {
    throw new SweepInputError(`${source}: ${count > Number.MAX_SAFE_INTEGER ? 'over 2^53' : count} trials (${countText(spec)}): a sweep has at most ${MAX_TRIALS}`);
  }
}

/**
 * Every trial of a sweep, in a fixed order: each grid point crossed with each random draw. Its size is
 * counted first: over MAX_TRIALS is a SweepInputError before anything is expanded. Each trial's settings are
 * checked here, before anything runs (train()'s checks, the schedule's); a bad one is a SweepInputError
 * naming the trial. Two points with the same settings are one trial. A data file is read once, for the
 * digest in its trials' ids.
 */
export function expandTrials(spec: SweepSpec, source = spec.name): Trial[] {
  checkTrialCount(spec, source);
  const digests = new Map<string, string>();
  const digestOf = (path: string | undefined) => {
    if (path === undefined) return undefined;
    if (!digests.has(path)) digests.set(path, dataDigest(path));
    return digests.get(path);
  };
  const trials = new Map<string, Trial>();
  for (const g of gridPoints(spec.grid)) {
    for (const r of randomPoints(spec.random)) {
      const params = { ...g, ...r };
      let config = { ...spec.train, ...params } as TrainConfig;
      let id: string;
      try {
        if (spec.prune) config = withValidationSplit(config);
        // trialId resolves the config as train() does: every field checked, the schedule compiled (once).
        id = trialId(config, digestOf(config.data));
      } catch (e) {
        throw new SweepInputError(`${source}: the trial ${JSON.stringify(params)}: ${(e as Error).message}`);
      }
      if (!trials.has(id)) trials.set(id, { id, params, config });
    }
  }
  return [...trials.values()];
}
