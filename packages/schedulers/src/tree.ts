import type { ParsedSpec, StepLimit } from './node.js';
import type { StepInterval } from './types.js';

/** Facts about a parsed spec tree that the scheduler and the training loop need. */
export function treeNeedsMetric(spec: ParsedSpec): boolean {
  return spec.entry.needsMetric?.(spec.options) ?? false;
}

export function treeCyclesMomentum(spec: ParsedSpec): boolean {
  return spec.entry.cyclesMomentum?.(spec.options) ?? false;
}

export function treeInterval(spec: ParsedSpec): StepInterval {
  return spec.interval ?? spec.entry.interval(spec.options);
}

/** The tree's bound on step() calls and the option that sets it; null for no limit. */
export function treeStepLimit(spec: ParsedSpec): StepLimit | null {
  return spec.entry.stepLimit?.(spec.options, spec.path) ?? null;
}

/** The tightest of several limits (null where none has one). */
export function tightest(limits: readonly (StepLimit | null)[]): StepLimit | null {
  let best: StepLimit | null = null;
  for (const l of limits) if (l && (!best || l.steps < best.steps)) best = l;
  return best;
}

/** A signature like `sequential(linear,cosine-annealing)`, stored in states to catch a mismatched load. */
export function treeSignature(spec: ParsedSpec): string {
  const kids = spec.entry.children?.(spec.options) ?? [];
  return kids.length ? `${spec.type}(${kids.map(treeSignature).join(',')})` : spec.type;
}

/**
 * The options that can have driven a rate out of the finite range: each leaf's `rateOptions` as field paths
 * (`schedule.schedulers[1].gamma`), or the leaves' own paths where none declares any.
 */
export function treeRateOptions(spec: ParsedSpec): string[] {
  const named: string[] = [];
  const leaves: string[] = [];
  const walk = (s: ParsedSpec): void => {
    const kids = s.entry.children?.(s.options) ?? [];
    if (kids.length) return kids.forEach(walk);
    leaves.push(s.path);
    for (const o of s.entry.rateOptions ?? []) named.push(`${s.path}.${o}`);
  };
  walk(spec);
  return named.length ? named : leaves;
}
