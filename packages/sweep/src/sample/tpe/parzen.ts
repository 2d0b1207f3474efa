// A Parzen estimator (a kernel density) over a group of searched settings, multivariate: each kernel is one
// observed trial (plus one broad prior kernel) and spans every setting of the group at once, so a draw
// keeps the settings of one good trial together. Numbers are kernels of truncated normals in the setting's
// own space (log space for log ranges); choices are categorical kernels leaning to the observed choice.
// As in Bergstra et al. 2011 and Optuna's TPESampler (multivariate): bandwidth by Scott's rule,
// 0.2 * n^(-1/(d+4)) times the range, clipped to [range / min(100, 1 + kernels), range].
import type { Rng } from '@lrkit/core';
import { logNormalMass, truncNormDraw, truncNormLogPdf } from './truncnorm';

/** One setting's domain as the estimator sees it: a number range (with integer bins of width `bin`), or n choices. */
export type Dimension = { kind: 'number'; low: number; high: number; bin?: number } | { kind: 'choice'; n: number };

/** Optuna's prior weight: the prior kernel counts as one observed trial. */
const PRIOR_WEIGHT = 1;
const BANDWIDTH_FACTOR = 0.2;

/** How much each observation (in trial order) weighs: equal up to 25, then older ones ramped down (Optuna's default_weights). */
export function observationWeights(n: number): number[] {
  if (n < 25) return Array.from({ length: n }, () => 1);
  const ramp = n - 25;
  const step = ramp > 1 ? (1 - 1 / n) / (ramp - 1) : 0;
  return [...Array.from({ length: ramp }, (_, i) => 1 / n + i * step), ...Array.from({ length: 25 }, () => 1)];
}

function logSumExp(xs: number[]): number {
  const max = Math.max(...xs);
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - max);
  return max + Math.log(s);
}

export class ParzenEstimator {
  /** Each kernel's mixture weight, the prior's last. */
  private readonly logWeights: number[];
  private readonly weights: number[];
  /** Per dimension: each kernel's centre and width (numbers), or its probabilities over the choices. */
  private readonly mus: number[][] = [];
  private readonly sigmas: number[][] = [];
  private readonly choiceProbs: number[][][] = [];

  /** `observations[i][d]`: trial i's value of dimension d (a number in the dimension's space, or a choice's index). */
  constructor(
    private readonly dims: readonly Dimension[],
    observations: readonly (readonly number[])[],
  ) {
    const n = observations.length;
    const w = [...observationWeights(n), PRIOR_WEIGHT];
    const total = w.reduce((a, b) => a + b, 0);
    this.weights = w.map((x) => x / total);
    this.logWeights = this.weights.map(Math.log);
    const sigma0 = BANDWIDTH_FACTOR * Math.max(n, 1) ** (-1 / (dims.length + 4));
    dims.forEach((dim, d) => {
      const column = observations.map((o) => o[d]!);
      if (dim.kind === 'choice') {
        // Each observed trial's kernel: the prior's share spread over the choices, plus one on its own choice.
        const spread = PRIOR_WEIGHT / (n + 1);
        const rows = column.map((c) => Array.from({ length: dim.n }, (_, k) => spread + (k === c ? 1 : 0)));
        rows.push(Array.from({ length: dim.n }, () => spread));
        this.choiceProbs[d] = rows.map((r) => {
          const s = r.reduce((a, b) => a + b, 0);
          return r.map((x) => x / s);
        });
        return;
      }
      const range = dim.high - dim.low;
      const minSigma = range / Math.min(100, 1 + n + 1);
      const sigma = Math.min(range, Math.max(minSigma, sigma0 * range));
      this.mus[d] = [...column, 0.5 * (dim.low + dim.high)];
      this.sigmas[d] = [...column.map(() => sigma), range];
    });
  }

  /** `size` draws: a kernel by its weight, then each dimension from that kernel. */
  sample(rng: Rng, size: number): number[][] {
    return Array.from({ length: size }, () => {
      let u = rng.next();
      let k = 0;
      while (k < this.weights.length - 1 && u >= this.weights[k]!) u -= this.weights[k++]!;
      return this.dims.map((dim, d) => {
        if (dim.kind === 'choice') {
          const probs = this.choiceProbs[d]![k]!;
          let v = rng.next();
          let c = 0;
          while (c < probs.length - 1 && v >= probs[c]!) v -= probs[c++]!;
          return c;
        }
        const x = truncNormDraw(rng, this.mus[d]![k]!, this.sigmas[d]![k]!, dim.low, dim.high);
        return dim.bin === undefined ? x : this.roundToBin(dim, x);
      });
    });
  }

  private roundToBin(dim: Extract<Dimension, { kind: 'number' }>, x: number): number {
    const bin = dim.bin!;
    const first = dim.low + bin / 2;
    const last = dim.high - bin / 2;
    return Math.min(last, Math.max(first, first + Math.round((x - first) / bin) * bin));
  }

  /** The log density of a point (an integer dimension: the log mass of its bin). */
  logPdf(point: readonly number[]): number {
    const perKernel = this.logWeights.map((lw, k) => {
      let s = lw;
      this.dims.forEach((dim, d) => {
        const x = point[d]!;
        if (dim.kind === 'choice') {
          s += Math.log(this.choiceProbs[d]![k]![x]!);
          return;
        }
        const mu = this.mus[d]![k]!;
        const sigma = this.sigmas[d]![k]!;
        if (dim.bin === undefined) {
          s += truncNormLogPdf(x, mu, sigma, dim.low, dim.high);
          return;
        }
        const lo = Math.max(dim.low, x - dim.bin / 2);
        const hi = Math.min(dim.high, x + dim.bin / 2);
        s += logNormalMass((lo - mu) / sigma, (hi - mu) / sigma) - logNormalMass((dim.low - mu) / sigma, (dim.high - mu) / sigma);
      });
      return s;
    });
    return logSumExp(perKernel);
  }
}
