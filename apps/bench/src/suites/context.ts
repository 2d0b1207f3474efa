import type { Progress } from '../progress';
import type { PythonInfo } from '../python';
import type { BenchOptions, BenchResult } from '../types';
import type { Contender, ContenderRun, Plan } from '../measure';
import { runInterleaved } from '../measure';
import { backendStatus, type BackendStatus } from '../backends';
import type { BackendName } from '../types';

export interface SuiteContext {
  options: BenchOptions;
  python: PythonInfo;
  progress: Progress;
}

export type Suite = (ctx: SuiteContext) => Promise<BenchResult[]>;

export function plan(ctx: SuiteContext): Plan {
  return { warmup: ctx.options.warmup, repeats: ctx.options.repeats };
}

/** runInterleaved with the progress bar fed. */
export async function measure(ctx: SuiteContext, title: string, contenders: readonly Contender[], p: Plan = plan(ctx)): Promise<ContenderRun[]> {
  ctx.progress.begin(title, contenders.length * (p.warmup + p.repeats));
  try {
    return await runInterleaved(contenders, p, (e) =>
      ctx.progress.tick(`${e.impl} ${e.warmup ? 'warm-up' : 'round'} ${e.round}/${e.rounds}`),
    );
  } finally {
    ctx.progress.end();
  }
}

export function pythonPath(ctx: SuiteContext): { path: string } | { absent: string } {
  return 'absent' in ctx.python ? { absent: ctx.python.absent } : { path: ctx.python.path };
}

export function now(): number {
  return performance.now();
}

/** A backend's status for this run: one --quick skipped says so, else whether it can run here. */
export async function runnableBackend(ctx: SuiteContext, name: BackendName): Promise<BackendStatus> {
  if (ctx.options.skippedBackends.includes(name)) {
    return { available: false, reason: 'skipped by --quick (name it in --backends to include it)' };
  }
  return backendStatus(name, ctx.options.threads);
}
