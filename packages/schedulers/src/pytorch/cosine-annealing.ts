import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { ChainableNode, pyMod } from './chainable.js';

/** tMax and etaMin, and the last 1 + cos computed (see cacheOnePlusCos). */
interface CosineNums {
  tMax: number;
  etaMin: number;
  cachedEpoch: number;
  cachedOnePlusCos: number;
}

// The recursive step divides 1 + cos(pi*e/tMax) by the same term for e - 1, which the previous step
// computed: remembering the last one halves the cosines per step. It is a pure function of (e, tMax),
// evaluated by the same expression, so the cached value is bit-for-bit the one recomputing would give.
// It leaves the value in n.cachedOnePlusCos rather than returning it: where V8 does not inline the call
// (a process that has run other ChainableNode classes, see there) a returned double is boxed, 16 B each.
function cacheOnePlusCos(n: CosineNums, epoch: number): void {
  if (epoch === n.cachedEpoch) return;
  let v = 1 + Math.cos((Math.PI * epoch) / n.tMax);
  // Near the trough 1 + cos cancels: with tMax >= ~3e8 it is exactly 0 one step before tMax and the
  // ratio becomes 0/0 = NaN (PyTorch too). Below 1e-8 (never for the tMax PyTorch's tests use, so
  // PyTorch's bits are kept there) take 2 sin^2 of the distance to the trough, d = tMax - (epoch mod
  // 2 tMax): an exact integer, so the trough itself stays exactly 0 and the ratio stays finite.
  if (v < 1e-8) {
    const s = Math.sin((Math.PI * (n.tMax - pyMod(epoch, 2 * n.tMax))) / (2 * n.tMax));
    v = 2 * s * s;
  }
  n.cachedEpoch = epoch;
  n.cachedOnePlusCos = v;
}

/**
 * PyTorch CosineAnnealingLR in its chainable (recursive) form, which is what PyTorch runs: past tMax it
 * keeps following the cosine back up (period 2*tMax), and its rounding accumulates exactly as here.
 */
class CosineAnnealingNode extends ChainableNode<CosineNums> {
  protected computeLr(lr: Float64Array): void {
    const n = this.nums;
    const { tMax, etaMin } = n;
    const e = this.lastEpoch;
    if (e === 0) return;
    if (this.stepCount === 1 && e > 0) {
      for (let i = 0; i < lr.length; i++) lr[i] = etaMin + ((this.baseLrs[i]! - etaMin) * (1 + Math.cos((e * Math.PI) / tMax))) / 2;
      return;
    }
    if (pyMod(e - 1 - tMax, 2 * tMax) === 0) {
      for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
      return;
    }
    // e - 1 first: it is the cached one, and asking for e then leaves e cached for the next step.
    cacheOnePlusCos(n, e - 1);
    const den = n.cachedOnePlusCos;
    cacheOnePlusCos(n, e);
    const f = n.cachedOnePlusCos / den;
    for (let i = 0; i < lr.length; i++) lr[i] = f * (lr[i]! - etaMin) + etaMin;
  }

  protected override closedForm(lr: Float64Array): void {
    const { tMax, etaMin } = this.nums;
    for (let i = 0; i < lr.length; i++) lr[i] = etaMin + ((this.baseLrs[i]! - etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / tMax))) / 2;
  }
}

/** cosineAnnealing's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const cosineAnnealingFields = [
  { name: 'tMax', type: 'integer', min: 1, runLength: 'steps', description: "steps of the half cosine (left out: the run's steps)" },
  { name: 'etaMin', type: 'number', default: 0, min: 0, description: 'minimum rate' },
] as const satisfies readonly Field[];

export const cosineAnnealingSchedule: BuiltinSchedule = {
  name: 'cosine-annealing',
  description: 'PyTorch CosineAnnealingLR (chainable form, including its behaviour past tMax)',
  source: 'builtin',
  json: true,
  fields: cosineAnnealingFields,
  interval: () => 'epoch',
  build(o, ctx) {
    return new CosineAnnealingNode(ctx.groups, { tMax: o.tMax as number, etaMin: o.etaMin as number, cachedEpoch: NaN, cachedOnePlusCos: NaN });
  },
};
