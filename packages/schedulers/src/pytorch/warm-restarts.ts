import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { expectInt } from '../groups.js';
import { decodeNumber, encodeNumber } from '../groups.js';
import type { Json } from '../types.js';
import { ChainableNode, pyMod } from './chainable.js';

/**
 * PyTorch CosineAnnealingWarmRestarts. With `stepsPerEpoch` it is driven by fractional epochs, as in
 * PyTorch's `scheduler.step(epoch + i / iters)`: step k calls PyTorch's `step(k / stepsPerEpoch)`.
 */
class WarmRestartsNode extends ChainableNode {
  t0 = 1;
  tMult = 1;
  etaMin = 0;
  stepsPerEpoch = 0;
  tI = 1;
  tCur = -1;
  /** steps taken, for the fractional-epoch drive */
  k = 0;

  protected override beforeInit(): void {
    this.tI = this.t0;
    this.tCur = -1;
    this.k = 0;
  }

  protected computeLr(lr: Float64Array): void {
    const c = 1 + Math.cos((Math.PI * this.tCur) / this.tI);
    for (let i = 0; i < lr.length; i++) lr[i] = this.etaMin + ((this.baseLrs[i]! - this.etaMin) * c) / 2;
  }

  /** PyTorch's step(epoch) with an explicit epoch. */
  private stepEpoch(epoch: number): void {
    if (epoch >= this.t0) {
      if (this.tMult === 1) this.tCur = pyMod(epoch, this.t0);
      else {
        const n = Math.trunc(Math.log((epoch / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult));
        this.tCur = epoch - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
        this.tI = this.t0 * this.tMult ** n;
      }
    } else {
      this.tI = this.t0;
      this.tCur = epoch;
    }
    this.lastEpoch = Math.floor(epoch);
  }

  override step(_metric: number): void {
    this.stepCount++;
    if (this.stepsPerEpoch > 0 && this.lastEpoch >= 0) {
      this.k++;
      this.stepEpoch(this.k / this.stepsPerEpoch);
    } else if (this.lastEpoch < 0) {
      this.stepEpoch(0);
      this.k = 0;
    } else {
      this.lastEpoch++;
      this.tCur = this.tCur + 1;
      if (this.tCur >= this.tI) {
        this.tCur = this.tCur - this.tI;
        this.tI = this.tI * this.tMult;
      }
    }
    this.computeLr(this.g.lr);
  }

  override restartAt0(): void {
    this.stepCount++;
    this.k = 0;
    this.stepEpoch(0);
    this.computeLr(this.g.lr);
  }

  protected override extraState(): { [key: string]: Json } {
    return { tI: this.tI, tCur: encodeNumber(this.tCur), k: this.k };
  }
  protected override loadExtra(s: Record<string, unknown>, path: string): void {
    this.tI = decodeNumber(s.tI, `${path}.tI`);
    this.tCur = decodeNumber(s.tCur, `${path}.tCur`);
    this.k = expectInt(s.k, `${path}.k`);
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
    const n = new WarmRestartsNode(ctx.groups);
    n.t0 = o.t0 as number;
    n.tMult = o.tMult as number;
    n.etaMin = o.etaMin as number;
    n.stepsPerEpoch = (o.stepsPerEpoch as number | null) ?? 0;
    return n;
  },
};
