import type { Groups } from '../groups.js';
import { decodeInto, encodeArray, expectInt, expectObject } from '../groups.js';
import type { ScheduleNode } from '../node.js';
import type { Json } from '../types.js';

/**
 * PyTorch's `_LRScheduler` life cycle: `last_epoch`, `_step_count`, `base_lrs` from the groups'
 * `initial_lr`, an initial step in the constructor, and `step(0)` taking the closed form where a
 * scheduler has one. Subclasses implement `get_lr` as `computeLr`, updating `g.lr` in place (every
 * PyTorch formula reads and writes one group at a time, so in place is the same as PyTorch's list).
 *
 * Every number a subclass keeps (its options and any per-step state) lives in `nums`, never in a field
 * of its own. Why: `step()` below is shared, so once a process has run 2-4 of these classes V8 inlines
 * their `computeLr`s into it polymorphically and reads `this.<field>` on the union of the classes' maps;
 * a double field that only one class has then reads as double-or-undefined and is boxed (16 B) on every
 * step. `nums` is on every instance at the same place and holds an object, so reading it boxes nothing,
 * and the doubles are then read from that object's own (monomorphic) map.
 */
export abstract class ChainableNode<N extends object = object> implements ScheduleNode {
  lastEpoch = -1;
  stepCount = 0;
  readonly baseLrs: Float64Array;

  constructor(
    protected readonly g: Groups,
    protected readonly nums: N,
  ) {
    this.baseLrs = new Float64Array(g.count);
  }

  /** Group setup that PyTorch subclasses do before calling the base constructor. */
  protected beforeInit(): void {}
  /** Setup that PyTorch subclasses do after the base constructor. */
  protected afterInit(): void {}

  construct(): void {
    this.beforeInit();
    this.g.setDefaultInitialLr();
    this.baseLrs.set(this.g.initialLr);
    this.lastEpoch = -1;
    this.initialStep();
    this.afterInit();
  }

  initialStep(): void {
    this.stepCount = 0;
    this.step(NaN);
  }

  undoInitialStep(): void {
    this.lastEpoch -= 1;
  }

  step(_metric: number): void {
    this.stepCount++;
    this.lastEpoch++;
    this.computeLr(this.g.lr);
  }

  restartAt0(): void {
    this.stepCount++;
    this.lastEpoch = 0;
    if (this.closedForm) this.closedForm(this.g.lr);
    else this.computeLr(this.g.lr);
  }

  protected abstract computeLr(lr: Float64Array): void;
  protected closedForm?(lr: Float64Array): void;

  /** Extra state of a subclass. */
  protected extraState(): { [key: string]: Json } {
    return {};
  }
  protected loadExtra(_s: Record<string, unknown>, _path: string): void {}

  state(): Json {
    return { lastEpoch: this.lastEpoch, stepCount: this.stepCount, baseLrs: encodeArray(this.baseLrs), ...this.extraState() };
  }

  load(state: unknown, path: string): void {
    const s = expectObject(state, path);
    this.lastEpoch = expectInt(s.lastEpoch, `${path}.lastEpoch`);
    this.stepCount = expectInt(s.stepCount, `${path}.stepCount`, 0);
    decodeInto(s.baseLrs, this.baseLrs, `${path}.baseLrs`);
    this.loadExtra(s, path);
  }
}

/** Python's floor division and modulo for numbers (sign follows the divisor). */
export function pyFloorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
export function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
