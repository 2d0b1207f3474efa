import type { TrainConfig } from '@lrkit/train';
import { SweepInputError } from './errors';
import type { SweepSpec } from './parse';
import { MAX_TRIALS } from './limits';
import { randomSamples } from './sample/random/random';
import { blockSpace } from './sample/search';
import { configWith } from './sample/space/space';
import { TpeStudy } from './sample/tpe/study';
import type { Trial } from './trial';
import { digestsOnce } from './trial-id';
import { makeTrial, unlessAllRefused } from './make-trial';

export type { Trial } from './trial';

function gridPoints(grid: SweepSpec['grid']): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  // itertools.product order: the last field written varies fastest.
  for (const [field, values] of Object.entries(grid ?? {})) {
    points = points.flatMap((p) => (values as unknown[]).map((v) => ({ ...p, [field]: v })));
  }
  return points;
}

/**
 * How many trials a sweep file asks for, from its sizes alone (each grid field's values multiplied, times
 * random.samples): an upper bound on the trials it expands to, two points with the same settings being one.
 */
export function trialCount(spec: Pick<SweepSpec, 'grid' | 'random' | 'tpe'>): number {
  let n = spec.tpe?.trials ?? spec.random?.samples ?? 1;
  for (const values of Object.values(spec.grid ?? {})) n *= (values as unknown[]).length;
  return n;
}

/** The sizes behind trialCount, for the message that refuses too many: `lr 1000 x seed 1000 x random.samples 5`. */
function countText(spec: Pick<SweepSpec, 'grid' | 'random' | 'tpe'>): string {
  const sizes = Object.entries(spec.grid ?? {}).map(([field, values]) => `${field} ${(values as unknown[]).length}`);
  if (spec.random) sizes.push(`random.samples ${spec.random.samples}`);
  if (spec.tpe) sizes.push(`tpe.trials ${spec.tpe.trials}`);
  return sizes.join(' x ');
}

/** Refuses a sweep of more than MAX_TRIALS trials, from its sizes alone (a SweepInputError naming `source`). */
export function checkTrialCount(spec: Pick<SweepSpec, 'grid' | 'random' | 'tpe'>, source: string): void {
  const count = trialCount(spec);
  if (count > MAX_TRIALS) {
    throw new SweepInputError(`${source}: ${count > Number.MAX_SAFE_INTEGER ? 'over 2^53' : count} trials (${countText(spec)}): a sweep has at most ${MAX_TRIALS}`);
  }
}

/**
 * Every trial of a sweep, in a fixed order: each grid point crossed with each random draw (TPE: the trials
 * of its random start, the rest being chosen as results come in). Its size is
 * counted first: over MAX_TRIALS is a SweepInputError before anything is expanded. Each trial's settings are
 * checked here, before anything runs (train()'s checks, the schedule's): a bad grid point, or a grid point
 * none of whose random draws train() takes, is a SweepInputError naming the trial; a draw refused among
 * others is a trial with `refused` set, recorded as failed when the sweep runs (see make-trial.ts). Two
 * points with the same settings are one trial. A data file is read once, for the digest in its trials' ids.
 */
export function expandTrials(spec: SweepSpec, source = spec.name): Trial[] {
  checkTrialCount(spec, source);
  const digestOf = digestsOnce();
  // TPE's later trials depend on results: what is known before anything runs is its random start.
  if (spec.tpe) return new TpeStudy(spec, source, digestOf).startupTrials();
  const trials = new Map<string, Trial>();
  const space = blockSpace(spec, 'random', source);
  for (const g of gridPoints(spec.grid)) {
    const base = { ...spec.train, ...g } as TrainConfig;
    const draws = space ? randomSamples(space, spec.random!.samples, spec.random!.samplerSeed ?? 0, base) : [{}];
    const point = draws.map((r) => makeTrial(spec, { ...g, ...r }, space ? configWith(space, base, r) : base, digestOf));
    // A grid point without draws is one trial: refused, it refuses the file, as does a point every draw of
    // which is refused; a draw refused among others is a failed trial (make-trial.ts).
    for (const t of unlessAllRefused(point, source)) if (!trials.has(t.id)) trials.set(t.id, t);
  }
  return [...trials.values()];
}
