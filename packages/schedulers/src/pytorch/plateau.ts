import { decodeInto, decodeNumber, encodeArray, encodeNumber, expectInt, expectObject } from '../groups.js';
import type { Groups } from '../groups.js';
import type { BuiltinSchedule, ScheduleNode } from '../node.js';
import { perGroup, type Field } from '../spec/schema.js';
import type { Json } from '../types.js';

/**
 * PyTorch ReduceLROnPlateau: multiply the current rate by factor when the metric has not improved for
 * `patience` steps. Unlike PyTorch it is a node like any other, so it composes inside sequential and
 * chained: it scales whatever rate the groups hold. At a sequential milestone it restarts (best and
 * counters reset) without reading that step's metric.
 */
class PlateauNode implements ScheduleNode {
  mode: 'min' | 'max' = 'min';
  factor = 0.1;
  patience = 10;
  threshold = 1e-4;
  thresholdMode: 'rel' | 'abs' = 'rel';
  cooldown = 0;
  minLrs!: Float64Array;
  eps = 1e-8;
  best = Infinity;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;

  constructor(private readonly g: Groups) {}

  private reset(): void {
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.cooldownCounter = 0;
    this.numBadEpochs = 0;
  }

  private isBetter(a: number, best: number): boolean {
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min') return a < best - this.threshold;
    if (this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  construct(): void {
    this.lastEpoch = 0;
    this.reset();
  }
  /** ReduceLROnPlateau has no initial step. */
  initialStep(): void {}
  undoInitialStep(): void {}
  restartAt0(): void {
    this.lastEpoch = 0;
    this.reset();
  }

  step(metric: number): void {
    this.lastEpoch++;
    if (this.isBetter(metric, this.best)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else this.numBadEpochs++;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      const lr = this.g.lr;
      for (let i = 0; i < lr.length; i++) {
        const old = lr[i]!;
        const nw = Math.max(old * this.factor, this.minLrs[i]!);
        if (old - nw > this.eps) lr[i] = nw;
      }
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
  }

  state(): Json {
    return {
      best: encodeNumber(this.best),
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastEpoch: this.lastEpoch,
      minLrs: encodeArray(this.minLrs),
    };
  }
  load(state: unknown, path: string): void {
    const s = expectObject(state, path);
    this.best = decodeNumber(s.best, `${path}.best`);
    this.numBadEpochs = expectInt(s.numBadEpochs, `${path}.numBadEpochs`, 0);
    this.cooldownCounter = expectInt(s.cooldownCounter, `${path}.cooldownCounter`, 0);
    this.lastEpoch = expectInt(s.lastEpoch, `${path}.lastEpoch`);
    decodeInto(s.minLrs, this.minLrs, `${path}.minLrs`);
  }
}

/** plateau's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const plateauFields = [
  { name: 'mode', type: 'enum', default: 'min', values: ['min', 'max'], description: "'min': the metric should fall; 'max': rise" },
  { name: 'factor', type: 'number', default: 0.1, above: 0, below: 1, description: 'multiplier applied on a plateau' },
  { name: 'patience', type: 'integer', default: 10, min: 0, description: 'steps without improvement tolerated' },
  { name: 'threshold', type: 'number', default: 1e-4, min: 0, description: 'minimum change that counts as improvement' },
  { name: 'thresholdMode', type: 'enum', default: 'rel', values: ['rel', 'abs'], description: 'threshold relative to the best or absolute' },
  { name: 'cooldown', type: 'integer', default: 0, min: 0, description: 'steps to wait after a reduction' },
  { name: 'minLr', type: 'perGroup', default: 0, min: 0, description: 'lower bound on the rate' },
  { name: 'eps', type: 'number', default: 1e-8, min: 0, description: 'reductions smaller than this are skipped' },
] as const satisfies readonly Field[];

export const plateauSchedule: BuiltinSchedule = {
  name: 'reduce-on-plateau',
  description: 'PyTorch ReduceLROnPlateau, fed the validation loss; composes inside sequential and chained',
  source: 'builtin',
  json: true,
  fields: plateauFields,
  interval: () => 'epoch',
  needsMetric: () => true,
  build(o, ctx, path) {
    const n = new PlateauNode(ctx.groups);
    n.mode = o.mode as 'min' | 'max';
    n.factor = o.factor as number;
    n.patience = o.patience as number;
    n.threshold = o.threshold as number;
    n.thresholdMode = o.thresholdMode as 'rel' | 'abs';
    n.cooldown = o.cooldown as number;
    n.minLrs = perGroup(o.minLr as number | number[], ctx.groups.count, `${path}.minLr`);
    n.eps = o.eps as number;
    return n;
  },
};
