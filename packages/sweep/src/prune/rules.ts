// The pruners' rules, as Optuna states them, each deciding one trial at one epoch against the values of a
// given set of other trials at that epoch (which set: see board.ts). Pure functions: no I/O, no clock.
import type { PruneRule } from './spec';

export type Mode = 'max' | 'min';

/** Why a trial stopped: the rule, the epoch, its value and what it was compared with. Never an error. */
export interface PruneVerdict {
  rule: PruneRule['kind'];
  epoch: number;
  metric: string;
  /** The trial's value compared (median: its best so far; asha, hyperband: its value at the rung). */
  value: number;
  /** The value it had to reach: the median, or the worst value a rung promotes. */
  threshold: number;
  /** How many trials' values at this epoch it was compared with (itself not counted). */
  compared: number;
  /** hyperband: the trial's bracket. */
  bracket?: number;
}

/** Who a trial is to the pruner: its place in the file's order and its id (hyperband's bracket). */
export interface TrialSlot {
  ordinal: number;
  id: string;
}

/** Where a rule judges a trial: the epochs it decides at, and which earlier trials it compares with. */
export interface Decision {
  /** Compared with the earlier trials for which this holds (hyperband: the same bracket). */
  peers: (other: TrialSlot) => boolean;
  bracket?: number;
}

const all = () => true;

/** The epoch of rung `r` of a successive-halving bracket: minResource × η^(rate + r) (Optuna's rung promotion step). */
function isRung(epoch: number, minResource: number, eta: number, rate: number): boolean {
  for (let step = minResource * eta ** rate; step <= epoch; step *= eta) if (step === epoch) return true;
  return false;
}

/** Hyperband's brackets: floor(log_η(max/min)) + 1, each with Optuna's share of the trials. */
export function bracketBudgets(rule: Extract<PruneRule, { kind: 'hyperband' }>): number[] {
  const n = Math.floor(Math.log(rule.maxResource / rule.minResource) / Math.log(rule.reductionFactor) + 1e-9) + 1;
  return Array.from({ length: n }, (_, i) => {
    const s = n - 1 - i;
    return Math.ceil((n * rule.reductionFactor ** s) / (s + 1));
  });
}

/** A trial's hyperband bracket, from its id (a hash of its settings): the same on every worker and every run. */
export function bracketOf(rule: Extract<PruneRule, { kind: 'hyperband' }>, id: string): number {
  const budgets = bracketBudgets(rule);
  let n = Number.parseInt(id.slice(0, 12), 16) % budgets.reduce((a, b) => a + b, 0);
  for (let b = 0; b < budgets.length; b++) {
    n -= budgets[b]!;
    if (n < 0) return b;
  }
  return budgets.length - 1;
}

/** Whether `rule` judges `trial` after `epoch`, and against whom; null where it does not. */
export function decisionAt(rule: PruneRule, trial: TrialSlot, epoch: number): Decision | null {
  switch (rule.kind) {
    case 'median':
      return trial.ordinal < rule.startupTrials || epoch <= rule.warmupEpochs ? null : { peers: all };
    case 'asha':
      return isRung(epoch, rule.minResource, rule.reductionFactor, rule.minEarlyStoppingRate) ? { peers: all } : null;
    case 'hyperband': {
      const bracket = bracketOf(rule, trial.id);
      if (!isRung(epoch, rule.minResource, rule.reductionFactor, bracket)) return null;
      return { peers: (other) => bracketOf(rule, other.id) === bracket, bracket };
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The verdict of `rule` on a trial whose values so far are `values` (values[e - 1] at epoch e), at the
 * last of them, against `others` (the peers' values at that epoch): null to go on. Median: the trial's
 * best value so far worse than the peers' median (Optuna's MedianPruner; at least minTrials peers).
 * Successive halving: the trial's value not among the best floor(n / η) of the n values at the rung, itself
 * included (the best one where n < η; pruned where n <= bootstrapCount), as Optuna's
 * SuccessiveHalvingPruner. A NaN value is pruned, as Optuna does.
 */
export function verdict(rule: PruneRule, decision: Decision, metric: string, mode: Mode, values: readonly number[], others: number[]): PruneVerdict | null {
  const epoch = values.length;
  const value = values[epoch - 1]!;
  const base = { rule: rule.kind, epoch, metric, compared: others.length, ...(decision.bracket !== undefined ? { bracket: decision.bracket } : {}) };
  const worse = (a: number, b: number) => (mode === 'max' ? a < b : a > b);
  if (rule.kind === 'median') {
    const known = others.filter((v) => !Number.isNaN(v));
    if (known.length < rule.minTrials) return null;
    const threshold = median(known);
    if (Number.isNaN(value)) return { ...base, value, threshold };
    const finite = values.filter((v) => !Number.isNaN(v));
    const best = mode === 'max' ? Math.max(...finite) : Math.min(...finite);
    return worse(best, threshold) ? { ...base, value: best, threshold } : null;
  }
  const competing = [...others, value].filter((v) => !Number.isNaN(v)).sort((a, b) => (mode === 'max' ? b - a : a - b));
  const bootstrap = rule.kind === 'asha' ? rule.bootstrapCount : 0;
  const keep = Math.max(1, Math.floor(competing.length / rule.reductionFactor));
  const threshold = competing[Math.min(keep, competing.length) - 1] ?? Number.NaN;
  if (Number.isNaN(value) || competing.length <= bootstrap || worse(value, threshold)) return { ...base, value, threshold };
  return null;
}

/** A verdict in words, for the CLI and the report: `pruned at epoch 3: f1 0.61 < the median 0.74 of 4 earlier trials`. */
export function verdictText(v: PruneVerdict): string {
  const num = (x: number) => String(Number(x.toPrecision(4)));
  const what =
    v.rule === 'median'
      ? `best ${v.metric} so far ${num(v.value)}, the median of ${v.compared} earlier trial${v.compared === 1 ? '' : 's'} at that epoch ${num(v.threshold)}`
      : `${v.metric} ${num(v.value)} not in the best 1/η of ${v.compared + 1} at the rung${v.bracket !== undefined ? ` of bracket ${v.bracket}` : ''} (the last kept ${num(v.threshold)})`;
  return `pruned at epoch ${v.epoch} (${v.rule}): ${what}`;
}
