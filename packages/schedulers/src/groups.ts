import { showValue } from '@lrkit/io/excerpt';
import type { Json } from './types.js';
import { ScheduleSpecError } from './errors.js';

/**
 * The optimizer's param groups as PyTorch's schedulers see them: every scheduler in a spec tree reads and
 * writes the same arrays, exactly as PyTorch's schedulers share `optimizer.param_groups`. That sharing is
 * what makes chained and sequential composites come out identical to PyTorch. The public Scheduler copies
 * these from/to the real optimizer around each step.
 *
 * Keys that PyTorch's schedulers store on the group dict (`initial_lr`, one-cycle's `max_lr`...) live
 * here too, NaN meaning "not set".
 */
export class Groups {
  readonly lr: Float64Array;
  readonly initialLr: Float64Array;
  /** SGD momentum or Adam beta1, per group; null when the optimizer has neither. */
  readonly momentum: Float64Array | null;
  /** one-cycle's group keys. */
  readonly maxLr: Float64Array;
  readonly minLr: Float64Array;
  readonly maxMomentum: Float64Array;
  readonly baseMomentum: Float64Array;
  /** swa's group key. */
  readonly swaLr: Float64Array;

  constructor(
    readonly count: number,
    readonly momentumKind: 'momentum' | 'beta1' | null,
  ) {
    this.lr = new Float64Array(count);
    this.initialLr = new Float64Array(count).fill(NaN);
    this.momentum = momentumKind ? new Float64Array(count) : null;
    this.maxLr = new Float64Array(count).fill(NaN);
    this.minLr = new Float64Array(count).fill(NaN);
    this.maxMomentum = new Float64Array(count).fill(NaN);
    this.baseMomentum = new Float64Array(count).fill(NaN);
    this.swaLr = new Float64Array(count).fill(NaN);
  }

  /** PyTorch's `group.setdefault('initial_lr', group['lr'])`. */
  setDefaultInitialLr(): void {
    for (let i = 0; i < this.count; i++) if (Number.isNaN(this.initialLr[i])) this.initialLr[i] = this.lr[i]!;
  }

  state(): { [key: string]: Json } {
    return {
      lr: encodeArray(this.lr),
      initialLr: encodeArray(this.initialLr),
      momentum: this.momentum ? encodeArray(this.momentum) : null,
      maxLr: encodeArray(this.maxLr),
      minLr: encodeArray(this.minLr),
      maxMomentum: encodeArray(this.maxMomentum),
      baseMomentum: encodeArray(this.baseMomentum),
      swaLr: encodeArray(this.swaLr),
    };
  }

  load(state: unknown, path: string): void {
    const s = expectObject(state, path);
    decodeFiniteInto(s.lr, this.lr, `${path}.lr`);
    decodeInto(s.initialLr, this.initialLr, `${path}.initialLr`);
    if (this.momentum) decodeFiniteInto(s.momentum, this.momentum, `${path}.momentum`);
    else if (s.momentum !== null && s.momentum !== undefined)
      throw new ScheduleSpecError(`${path}.momentum`, 'the state has momentum but this optimizer has neither momentum nor betas');
    decodeInto(s.maxLr, this.maxLr, `${path}.maxLr`);
    decodeInto(s.minLr, this.minLr, `${path}.minLr`);
    decodeInto(s.maxMomentum, this.maxMomentum, `${path}.maxMomentum`);
    decodeInto(s.baseMomentum, this.baseMomentum, `${path}.baseMomentum`);
    decodeInto(s.swaLr, this.swaLr, `${path}.swaLr`);
  }
}

/**
 * JSON has no NaN, Infinity or -0: NaN ("unset") becomes null, the others strings. (-0 matters: a rate
 * that reached -0 multiplies differently from +0, and resume must be bit for bit.)
 */
export function encodeNumber(x: number): Json {
  if (Number.isNaN(x)) return null;
  if (Object.is(x, -0)) return '-0';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

export function decodeNumber(v: unknown, path: string): number {
  if (v === null) return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === '-0') return -0;
  if (typeof v === 'number') return v;
  throw new ScheduleSpecError(path, `expected a number in the saved state, got ${showValue(v)}`);
}

export function encodeArray(a: ArrayLike<number>): Json[] {
  return Array.from(a, encodeNumber);
}

export function decodeInto(v: unknown, out: Float64Array, path: string): void {
  if (!Array.isArray(v) || v.length !== out.length)
    throw new ScheduleSpecError(path, `expected ${out.length} numbers in the saved state (one per param group)`);
  for (let i = 0; i < out.length; i++) out[i] = decodeNumber(v[i], `${path}[${i}]`);
}

export function expectObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ScheduleSpecError(path, 'expected an object in the saved state');
  return v as Record<string, unknown>;
}

/** An integer >= min from a saved state (counters: -1 is PyTorch's "before the initial step"). */
export function expectInt(v: unknown, path: string, min = -1): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ScheduleSpecError(path, `expected an integer in the saved state, got ${showValue(v)}`);
  if (v < min) throw new ScheduleSpecError(path, `expected an integer >= ${min} in the saved state, got ${v}`);
  return v;
}

/** Like decodeInto, for values that are always set and finite (the groups' rates and momentum). */
export function decodeFiniteInto(v: unknown, out: Float64Array, path: string): void {
  decodeInto(v, out, path);
  for (let i = 0; i < out.length; i++)
    if (!Number.isFinite(out[i]!)) throw new ScheduleSpecError(`${path}[${i}]`, `expected a finite number in the saved state, got ${showValue((v as unknown[])[i])}`);
}
