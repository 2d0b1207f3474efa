import type { Progress } from '../progress';
import type { PythonInfo } from '../python';
import type { BenchOptions, BenchResult } from '../types';
import type { Contender, ContenderRun, Plan } from '../measure';
import { runInterleaved } from '../measure';

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
export async function measure(ctx: SuiteContext, title: string, contenders: readonly Contender[]): Promise<ContenderRun[]> {
  const p = plan(ctx);
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
