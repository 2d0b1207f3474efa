import type { Progress } from '../progress';
import { PythonPeer, peerScript, type PythonInfo } from '../python';
import { unavailableRow, type MetricSpec } from '../rows';
import type { BenchOptions, BenchResult, SuiteName } from '../types';
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

export function now(): number {
  return performance.now();
}

/** A backend's status for this run: one --quick skipped says so, else whether it can run here. */
export async function runnableBackend(ctx: SuiteContext, name: BackendName): Promise<BackendStatus> {
  if (ctx.options.skippedBackends.includes(name)) {
    return { available: false, reason: 'skipped by --quick (name it in --backends to include it)' };
  }
  return backendStatus(name);
}

/**
 * The run's backends that can run here, and for every other one a row per implementation and metric
 * saying why (`impls(b)` names the implementations a backend would have run, e.g. lrkit/b, tfjs-layers/b).
 */
export async function usableBackends(
  ctx: SuiteContext,
  suite: SuiteName,
  impls: (backend: BackendName) => readonly string[],
  metrics: readonly Pick<MetricSpec, 'metric' | 'unit'>[],
): Promise<{ backends: BackendName[]; rows: BenchResult[] }> {
  const backends: BackendName[] = [];
  const rows: BenchResult[] = [];
  for (const b of ctx.options.backends) {
    const status = await runnableBackend(ctx, b);
    if (status.available) backends.push(b);
    else for (const impl of impls(b)) for (const m of metrics) rows.push(unavailableRow(suite, impl, m.metric, m.unit, `backend ${b}: ${status.reason}`));
  }
  return { backends, rows };
}

/**
 * Starts a suite's PyTorch peer (python/<script>) and returns it with its hello line, or says why there is
 * none (no Python with torch, a failed start).
 */
export async function startPeer(
  ctx: SuiteContext,
  suite: SuiteName,
  script: string,
  args: readonly string[] = [],
  detail = '',
): Promise<{ peer: PythonPeer; hello: Record<string, unknown> } | { why: string }> {
  if ('absent' in ctx.python) return { why: `absent: ${ctx.python.absent}` };
  try {
    ctx.progress.note(`${suite}: starting the PyTorch peer (${ctx.python.path}${detail})`);
    return await PythonPeer.start(ctx.python.path, peerScript(script), [...args]);
  } catch (err) {
    return { why: (err as Error).message };
  }
}

/**
 * What an lrkit/<backend> row is compared with, in order: PyTorch, tfjs-layers on the same backend and, for
 * native, wasm (round by round: the measurement behind the default backend's rule).
 */
export function lrkitPeers(impl: string): string[] {
  const backend = impl.split('/')[1];
  return ['pytorch/cpu', `tfjs-layers/${backend}`, ...(backend === 'native' ? ['lrkit/wasm'] : [])];
}

/**
 * Measures a suite's contenders with the PyTorch peer's beside them when the peer started (else `rows` gets
 * a row saying why it is missing), then closes the peer and releases every contender.
 */
export async function measureWithPeer(
  ctx: SuiteContext,
  suite: SuiteName,
  contenders: (Contender & { dispose?(): void })[],
  started: Awaited<ReturnType<typeof startPeer>>,
  torch: (peer: PythonPeer) => Contender,
  metric: MetricSpec,
  rows: BenchResult[],
): Promise<ContenderRun[]> {
  const peer = 'peer' in started ? started.peer : undefined;
  if (peer) contenders.push(torch(peer));
  else if ('why' in started) rows.push(unavailableRow(suite, 'pytorch/cpu', metric.metric, metric.unit, started.why));
  try {
    return contenders.length > 0 ? await measure(ctx, suite, contenders) : [];
  } finally {
    peer?.close();
    for (const c of contenders) c.dispose?.();
  }
}
