// A trial from its settings, and the line between a sweep FILE that is wrong and a DRAW that is.
//
// The settings a file writes out (its `train` block, each grid point) are the user's: one that train()
// refuses is refused with the file, before anything runs (exit 2, naming the trial), as `lrkit train` would
// refuse it. The settings a sampler draws (random, TPE) are the sweep's: a combination train() refuses
// (adam drawn with a momentum, dropout drawn for a network drawn without hidden layers) says nothing about
// the other draws, so, as Optuna records a trial whose objective raised as FAIL and goes on, it is a trial
// recorded as failed with the refusal, never run, and the sweep goes on; TPE learns nothing from it
// (observationOf, as Optuna's TPE leaves FAIL out of its good and bad sets). Where EVERY draw known before
// the sweep runs is refused (a grid point's draws, TPE's random start), the problem is the file's after all
// (a fixed setting no draw can fix): refused up front like a bad grid point.
import type { TrainConfig } from '@lrkit/train';
import { SweepInputError } from './errors';
import { prunedConfig } from './prune/value';
import type { Trial } from './trial';
import { refusedTrialId, trialId } from './trial-id';

/** Reads a data file's digest once per path (trial-id's digestsOnce). */
export type DigestOf = (path: string | undefined) => string | undefined;

/**
 * The trial of `drawn` (the file's settings with `params` laid over them): its config as the sweep runs it
 * and its id. A config train() refuses is a Trial with `refused` set (the refusal), its id from its
 * settings as written (refusedTrialId), so the same draw is the same refused trial on every run.
 */
export function makeTrial(spec: { prune?: unknown }, params: Record<string, unknown>, drawn: TrainConfig, digestOf: DigestOf): Trial {
  try {
    const config = prunedConfig(spec, drawn);
    // trialId resolves the config as train() does: every field checked, the schedule compiled (once).
    return { id: trialId(config, digestOf(config.data)), params, config };
  } catch (e) {
    return { id: refusedTrialId(drawn, digestOf(drawn.data)), params, config: drawn, refused: (e as Error).message };
  }
}

/** The error that refuses the file for `trial`'s refusal: `<source>: the trial {...}: <why>`. */
export function fileRefusal(source: string, trial: Trial): SweepInputError {
  return new SweepInputError(`${source}: the trial ${JSON.stringify(trial.params)}: ${trial.refused}`);
}

/**
 * `trials`, drawn together from the same fixed settings, unless every one of them was refused: then the
 * file is wrong (see the top of this file), and the first refusal refuses it.
 */
export function unlessAllRefused(trials: Trial[], source: string): Trial[] {
  if (trials.length > 0 && trials.every((t) => t.refused !== undefined)) throw fileRefusal(source, trials[0]!);
  return trials;
}
