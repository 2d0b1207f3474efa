// Interleaved measurement: every round runs each contender once, so slow drift of a noisy machine hits
// all of them alike, and comparisons are ratios taken round by round (pair by pair), not ratios of
// medians measured minutes apart.
import { reasonOf } from './errors';
import type { Ratio } from './types';
import { summarize } from './stats';

/** One sample: named metrics (e.g. `{loopMs: 612, jobMs: 700}`). */
export type Sample = Record<string, number>;

export interface Contender {
  impl: string;
  /** Runs once and returns its metrics. Called `warmup` times unmeasured, then once per round. */
  sample(): Promise<Sample>;
}

export interface Plan {
  warmup: number;
  repeats: number;
}

export interface ContenderRun {
  impl: string;
  /** By round; undefined where this contender did not run in that round (after it failed). */
  samples: (Sample | undefined)[];
  /** Set when it failed: it is not run again. */
  error?: string;
}

export type ProgressFn = (event: { impl: string; round: number; rounds: number; warmup: boolean }) => void;

/**
 * Warms each contender up, then runs `repeats` rounds; within a round the order rotates so no contender
 * always runs right after the same other one. A contender that throws is recorded with its error and
 * dropped; the others go on.
 */
export async function runInterleaved(
  contenders: readonly Contender[],
  plan: Plan,
  onProgress: ProgressFn = () => {},
): Promise<ContenderRun[]> {
  const runs: ContenderRun[] = contenders.map((c) => ({ impl: c.impl, samples: [] }));
  for (let i = 0; i < contenders.length; i++) {
    const c = contenders[i]!;
    const run = runs[i]!;
    for (let w = 0; w < plan.warmup && !run.error; w++) {
      onProgress({ impl: c.impl, round: w + 1, rounds: plan.warmup, warmup: true });
      try {
        await c.sample();
      } catch (err) {
        run.error = reasonOf(err);
      }
    }
  }
  for (let r = 0; r < plan.repeats; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + r) % contenders.length;
      const run = runs[i]!;
      if (run.error) continue;
      onProgress({ impl: contenders[i]!.impl, round: r + 1, rounds: plan.repeats, warmup: false });
      try {
        run.samples[r] = await contenders[i]!.sample();
      } catch (err) {
        run.error = reasonOf(err);
      }
    }
  }
  for (const run of runs) run.samples.length = plan.repeats;
  return runs;
}

/** The values of one metric over the rounds in which it was measured. */
export function metricValues(run: ContenderRun, metric: string): number[] {
  const out: number[] = [];
  for (const s of run.samples) {
    const v = s?.[metric];
    if (v !== undefined) out.push(v);
  }
  return out;
}

/**
 * Ratios of lrkit (`base`) to a peer, round by round, over the rounds where both measured `metric`.
 * Oriented so that > 1 means `base` did better: peer/base for times, base/peer for throughputs.
 * Returns undefined when no round holds both.
 */
export function pairRatio(
  base: ContenderRun,
  peer: ContenderRun,
  metric: string,
  better: 'lower' | 'higher',
  peerMetric: string = metric,
): Ratio | undefined {
  const ratios: number[] = [];
  const n = Math.min(base.samples.length, peer.samples.length);
  for (let r = 0; r < n; r++) {
    const b = base.samples[r]?.[metric];
    const p = peer.samples[r]?.[peerMetric];
    if (b === undefined || p === undefined || b <= 0 || p <= 0) continue;
    ratios.push(better === 'lower' ? p / b : b / p);
  }
  if (ratios.length === 0) return undefined;
  const s = summarize(ratios);
  return { vs: peer.impl, median: s.median, min: s.min, max: s.max, pairs: s.n };
}

/** `base` against each peer in `peers` that ran, in that order; peers absent or without a common round are left out. */
export function ratiosAgainst(
  base: ContenderRun,
  runs: readonly ContenderRun[],
  peers: readonly string[],
  metric: string,
  better: 'lower' | 'higher',
): Ratio[] {
  const out: Ratio[] = [];
  for (const name of peers) {
    const peer = runs.find((r) => r.impl === name);
    const ratio = peer && pairRatio(base, peer, metric, better);
    if (ratio) out.push(ratio);
  }
  return out;
}
