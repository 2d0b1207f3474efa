import type { Groups } from './groups.js';
import { decodeInto, encodeArray, expectInt, expectObject } from './groups.js';
import type { ScheduleNode } from './node.js';
import type { Json } from './types.js';

/** A schedule given as rates-after-k-steps, the shape of plugins and of lrkit's non-PyTorch schedules. */
export interface ClosedForm {
  /** Write each group's rate after k steps into `out`. `metric` is NaN when none was given. */
  fill(k: number, metric: number, out: Float64Array): void;
  state?(): Json;
  load?(state: Json): void;
}

/**
 * Runs a ClosedForm with PyTorch's life cycle. It writes absolute rates (as PyTorch's CyclicLR and
 * OneCycleLR do): inside `chained` it overrides what came before it and later chainable schedules
 * multiply on top; inside `sequential` its k restarts at 0 at its milestone.
 */
export class ClosedFormNode implements ScheduleNode {
  k = -1;
  readonly baseLrs: Float64Array;
  private impl: ClosedForm | undefined;

  constructor(
    private readonly g: Groups,
    private readonly make: (baseLrs: Float64Array) => ClosedForm,
  ) {
    this.baseLrs = new Float64Array(g.count);
  }

  private get form(): ClosedForm {
    if (!this.impl) throw new Error('internal: closed-form schedule used before construction');
    return this.impl;
  }

  construct(): void {
    this.g.setDefaultInitialLr();
    this.baseLrs.set(this.g.initialLr);
    this.impl = this.make(this.baseLrs);
    this.initialStep();
  }
  initialStep(): void {
    this.k = 0;
    this.form.fill(0, NaN, this.g.lr);
  }
  undoInitialStep(): void {
    this.k -= 1;
  }
  step(metric: number): void {
    this.k++;
    this.form.fill(this.k, metric, this.g.lr);
  }
  restartAt0(): void {
    this.k = 0;
    this.form.fill(0, NaN, this.g.lr);
  }
  state(): Json {
    return { k: this.k, baseLrs: encodeArray(this.baseLrs), form: this.form.state ? this.form.state() : null };
  }
  load(state: unknown, path: string): void {
    const s = expectObject(state, path);
    this.k = expectInt(s.k, `${path}.k`);
    decodeInto(s.baseLrs, this.baseLrs, `${path}.baseLrs`);
    // The form was made from the constructor's base rates; remake it from the saved ones.
    this.impl = this.make(this.baseLrs);
    if (this.impl.load) this.impl.load((s.form ?? null) as Json);
  }
}
