import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { expectInt } from '../groups.js';
import { decodeNumber, encodeNumber } from '../groups.js';
import type { Json } from '../types.js';
import { ChainableNode, pyMod } from './chainable.js';

/** The options, and PyTorch's T_i, T_cur and the fractional-epoch step count (see ChainableNode's nums). */
interface WarmRestartsNums {
  t0: number;
  tMult: number;
  etaMin: number;
  /** 0: driven by whole epochs */
  stepsPerEpoch: number;
  tI: number;
  tCur: number;
  /** steps taken, for the fractional-epoch drive */
  k: number;
}

/**
 * PyTorch CosineAnnealingWarmRestarts. With `stepsPerEpoch` it is driven by fractional epochs, as in
 * PyTorch's `scheduler.step(epoch + i / iters)`: step k calls PyTorch's `step(k / stepsPerEpoch)`.
 */
class WarmRestartsNode extends ChainableNode<WarmRestartsNums> {
  protected override beforeInit(): void {
    this.nums.tI = this.nums.t0;
    this.nums.tCur = -1;
    this.nums.k = 0;
  }

  protected computeLr(lr: Float64Array): void {
    const c = 1 + Math.cos((Math.PI * this.nums.tCur) / this.nums.tI);
    for (let i = 0; i < lr.length; i++) lr[i] = this.nums.etaMin + ((this.baseLrs[i]! - this.nums.etaMin) * c) / 2;
  }

  /** PyTorch's step(epoch) with an explicit epoch. */
  private stepEpoch(epoch: number): void {
    if (epoch >= this.nums.t0) {
      if (this.nums.tMult === 1) this.nums.tCur = pyMod(epoch, this.nums.t0);
      else {
        const n = Math.trunc(Math.log((epoch / this.nums.t0) * (this.nums.tMult - 1) + 1) / Math.log(this.nums.tMult));
        this.nums.tCur = epoch - (this.nums.t0 * (this.nums.tMult ** n - 1)) / (this.nums.tMult - 1);
        this.nums.tI = this.nums.t0 * this.nums.tMult ** n;
      }
    } else {
      this.nums.tI = this.nums.t0;
      this.nums.tCur = epoch;
    }
    this.lastEpoch = Math.floor(epoch);
  }

  override step(_metric: number): void {
    this.stepCount++;
    if (this.nums.stepsPerEpoch > 0 && this.lastEpoch >= 0) {
      this.nums.k++;
      this.stepEpoch(this.nums.k / this.nums.stepsPerEpoch);
    } else if (this.lastEpoch < 0) {
      this.stepEpoch(0);
      this.nums.k = 0;
    } else {
      this.lastEpoch++;
      this.nums.tCur = this.nums.tCur + 1;
      if (this.nums.tCur >= this.nums.tI) {
        this.nums.tCur = this.nums.tCur - this.nums.tI;
        this.nums.tI = this.nums.tI * this.nums.tMult;
      }
    }
    this.computeLr(this.g.lr);
  }

  override restartAt0(): void {
    this.stepCount++;
    this.nums.k = 0;
    this.stepEpoch(0);
    this.computeLr(this.g.lr);
  }

  protected override extraState(): { [key: string]: Json } {
    return { tI: this.nums.tI, tCur: encodeNumber(this.nums.tCur), k: this.nums.k };
  }
  protected override loadExtra(s: Record<string, unknown>, path: string): void {
    this.nums.tI = decodeNumber(s.tI, `${path}.tI`);
    this.nums.tCur = decodeNumber(s.tCur, `${path}.tCur`);
    this.nums.k = expectInt(s.k, `${path}.k`);
  }
}

/** warmRestarts's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const warmRestartsFields = [
  { name: 't0', type: 'integer', required: true, min: 1, description: 'epochs of the first cycle' },
  { name: 'tMult', type: 'integer', default: 1, min: 1, description: 'cycle length multiplier after each restart' },
  { name: 'etaMin', type: 'number', default: 0, min: 0, description: 'minimum rate' },
  {
    name: 'stepsPerEpoch',
    type: 'integer',
    default: null,
    nullable: true,
    min: 1,
    description: 'if set, each step() advances 1/stepsPerEpoch of an epoch (PyTorch step(epoch + i/iters))',
  },
] as const satisfies readonly Field[];

export const warmRestartsSchedule: BuiltinSchedule = {
  name: 'cosine-annealing-warm-restarts',
  description: 'PyTorch CosineAnnealingWarmRestarts (SGDR); stepsPerEpoch drives it with fractional epochs',
  source: 'builtin',
  json: true,
  fields: warmRestartsFields,
  interval: (o) => (o.stepsPerEpoch ? 'step' : 'epoch'),
  build(o, ctx) {
    return new WarmRestartsNode(ctx.groups, {
      t0: o.t0 as number,
      tMult: o.tMult as number,
      etaMin: o.etaMin as number,
      stepsPerEpoch: (o.stepsPerEpoch as number | null) ?? 0,
      tI: o.t0 as number,
      tCur: -1,
      k: 0,
    });
  },
};
