// The `prune` block of a sweep file: which pruner, its settings (Optuna's, camel-cased), their defaults.
import { z } from 'zod';

const count = (what: string) => z.number().int().nonnegative().optional().describe(what);
const factor = z.number().int().min(2).optional().describe('η: a rung keeps the best 1/η of the trials that reach it (default: Optuna\'s)');

const median = z.strictObject({
  startupTrials: count('Optuna\'s n_startup_trials: the first trials of the file\'s order are never pruned (default 5)'),
  warmupEpochs: count('Optuna\'s n_warmup_steps: no trial is pruned at or before this epoch (default 0)'),
  minTrials: z.number().int().positive().optional().describe('Optuna\'s n_min_trials: earlier trials that reached the epoch, needed to judge (default 1)'),
});
const asha = z.strictObject({
  minResource: z.number().int().positive().optional().describe('epochs before the first rung (default 1)'),
  reductionFactor: factor,
  minEarlyStoppingRate: count('Optuna\'s min_early_stopping_rate: the first rung is at minResource × η^rate epochs (default 0)'),
  bootstrapCount: count('a rung prunes until more than this many trials reached it (default 0)'),
});
const hyperband = z.strictObject({
  minResource: z.number().int().positive().optional().describe('epochs before the first rung of the most aggressive bracket (default 1)'),
  maxResource: z.number().int().positive().optional().describe('the epochs of a full trial: sets the number of brackets (default: the longest trial)'),
  reductionFactor: factor,
});

/** `"prune": {"median": {...}} | {"asha": {...}} | {"hyperband": {...}}`: one pruner. */
export const pruneSpec = z
  .strictObject({ median: median.optional(), asha: asha.optional(), hyperband: hyperband.optional() })
  .refine((p) => Object.keys(p).length === 1, 'give one pruner: {"median": {...}}, {"asha": {...}} or {"hyperband": {...}}');
export type PruneSpec = z.infer<typeof pruneSpec>;

/** Optuna's defaults (MedianPruner; SuccessiveHalvingPruner and HyperbandPruner: reduction factor 4 and 3). */
export const PRUNE_DEFAULTS = {
  median: { startupTrials: 5, warmupEpochs: 0, minTrials: 1 },
  asha: { minResource: 1, reductionFactor: 4, minEarlyStoppingRate: 0, bootstrapCount: 0 },
  hyperband: { minResource: 1, reductionFactor: 3 },
} as const;

/** A pruner with every default filled in (hyperband's maxResource from the sweep's trials). */
export type PruneRule =
  | { kind: 'median'; startupTrials: number; warmupEpochs: number; minTrials: number }
  | { kind: 'asha'; minResource: number; reductionFactor: number; minEarlyStoppingRate: number; bootstrapCount: number }
  | { kind: 'hyperband'; minResource: number; maxResource: number; reductionFactor: number };

/** The rule a sweep prunes by; `longest` is the most epochs any trial runs (hyperband's default maxResource). */
export function pruneRule(spec: PruneSpec, longest: number): PruneRule {
  if (spec.median) return { kind: 'median', ...PRUNE_DEFAULTS.median, ...spec.median };
  if (spec.asha) return { kind: 'asha', ...PRUNE_DEFAULTS.asha, ...spec.asha };
  const h = spec.hyperband!;
  return { kind: 'hyperband', ...PRUNE_DEFAULTS.hyperband, maxResource: longest, ...h };
}

/** A pruner's settings that cannot work together: the field and why, or undefined. */
export function pruneSpecProblem(spec: PruneSpec): { field: string; why: string } | undefined {
  const h = spec.hyperband;
  if (h?.maxResource !== undefined && h.maxResource <= (h.minResource ?? PRUNE_DEFAULTS.hyperband.minResource)) {
    return { field: 'prune.hyperband.maxResource', why: `must be above minResource (${h.minResource ?? PRUNE_DEFAULTS.hyperband.minResource}), got ${h.maxResource}` };
  }
  return undefined;
}
