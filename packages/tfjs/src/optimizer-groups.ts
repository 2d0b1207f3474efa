import { keep, scalar, Tensor, type MomentumOptimizer, type Optimizer, type Scalar, type SGDOptimizer } from '@tensorflow/tfjs-core';
import { ScheduleSpecError, type OptimizerLike, type ParamGroupLike } from '@lrkit/schedulers';

/** The tfjs optimizers this package drives, by the name of their `tf.train` constructor. */
export type TfjsOptimizerName = 'sgd' | 'momentum' | 'adam' | 'adamax' | 'adagrad' | 'adadelta' | 'rmsprop';

/**
 * The fields a tfjs optimizer keeps its hyper-parameters in. They are `protected` / `private` in tfjs'
 * typings but plain properties at run time; each was read in tfjs-core 4.22's source
 * (src/optimizers/*_optimizer.ts) to see which ones `applyGradients()` really reads on every step.
 */
interface Internals {
  learningRate: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  decay?: number;
  /** MomentumOptimizer's momentum, baked into a scalar at construction. */
  m?: Scalar;
}

/**
 * How each optimizer takes a new rate and a new momentum, by its serialization name (the static
 * `className` every tfjs optimizer class carries; `instanceof` cannot tell them apart, because tfjs'
 * Optimizer defines Symbol.hasInstance as "has minimize/applyGradients").
 *
 * - SGD, Momentum: `applyGradients()` multiplies by a cached scalar `-lr`; assigning `learningRate` is
 *   ignored, only `setLearningRate()` rebuilds the scalar.
 * - Adam, Adamax, Adagrad, Adadelta, RMSProp: they read `this.learningRate` on every step.
 * - Momentum: `setMomentum()` only assigns a field that `applyGradients()` never reads; the step uses the
 *   scalar `m` made in the constructor. So we rebuild `m` too (see writeMomentum).
 * - RMSProp reads `this.momentum` each step; Adam and Adamax read `this.beta1` each step.
 */
const KINDS: readonly { name: TfjsOptimizerName; className: string; momentum: 'momentum' | 'beta1' | null }[] = [
  { name: 'sgd', className: 'SGD', momentum: null },
  { name: 'momentum', className: 'Momentum', momentum: 'momentum' },
  { name: 'adam', className: 'Adam', momentum: 'beta1' },
  { name: 'adamax', className: 'Adamax', momentum: 'beta1' },
  { name: 'adagrad', className: 'Adagrad', momentum: null },
  { name: 'adadelta', className: 'Adadelta', momentum: null },
  { name: 'rmsprop', className: 'RMSProp', momentum: 'momentum' },
];

export const SUPPORTED_OPTIMIZERS: readonly TfjsOptimizerName[] = KINDS.map((k) => k.name);

/** The one param group of a tfjs optimizer, as @lrkit/schedulers sees it; reads and writes go to the optimizer. */
export interface TfjsParamGroup extends ParamGroupLike {
  lr: number;
}

/** What `optimizerGroups()` returns: an `OptimizerLike` for `createScheduler()`, plus what it found. */
export interface TfjsOptimizerGroups extends OptimizerLike {
  readonly paramGroups: [TfjsParamGroup];
  /** Which tfjs optimizer this is. */
  readonly kind: TfjsOptimizerName;
  /** Whether a schedule can cycle its momentum (momentum, rmsprop) or beta1 (adam, adamax). */
  readonly hasMomentum: boolean;
  readonly optimizer: Optimizer;
}

function classNameOf(x: unknown): string | undefined {
  const ctor = typeof x === 'object' && x !== null ? (x as { constructor?: { className?: unknown } }).constructor : undefined;
  return typeof ctor?.className === 'string' ? ctor.className : undefined;
}

function kindOf(optimizer: unknown): (typeof KINDS)[number] {
  const className = classNameOf(optimizer);
  const kind = KINDS.find((k) => k.className === className);
  if (!kind) {
    const name = (optimizer as { constructor?: { name?: string } } | null)?.constructor?.name ?? String(optimizer);
    throw new ScheduleSpecError(
      'optimizer',
      `expected a tfjs optimizer made by tf.train.${SUPPORTED_OPTIMIZERS.join(' / ')}, got ${name}` +
        ' (compile the model with one before fit)',
    );
  }
  return kind;
}

// Writes are never skipped as "unchanged": the field may have been assigned by hand without reaching the
// cached scalar (the very trap this package exists for), so the scalar is rebuilt every time.
function writeRate(o: Optimizer, name: TfjsOptimizerName, lr: number): void {
  if (name === 'sgd' || name === 'momentum') (o as SGDOptimizer).setLearningRate(lr);
  else (o as unknown as Internals).learningRate = lr;
}

function writeMomentum(o: Optimizer, name: TfjsOptimizerName, value: number): void {
  const internals = o as unknown as Internals;
  if (name === 'adam' || name === 'adamax') {
    internals.beta1 = value;
    return;
  }
  if (name === 'momentum') {
    // The step multiplies by `m`, not by the field setMomentum() assigns: replace the scalar. `keep` lets
    // it survive a surrounding tf.tidy(), as setLearningRate() does for the rate.
    (o as MomentumOptimizer).setMomentum(value);
    internals.m!.dispose();
    internals.m = keep(scalar(value));
    return;
  }
  internals.momentum = value;
}

/**
 * A tfjs optimizer seen as lrkit's param-group model (`{paramGroups: [{lr, momentum?, betas?}]}`), so
 * that `createScheduler(spec, optimizerGroups(optimizer))` drives it: reading `lr` reads the optimizer's
 * rate, writing it changes the rate the next `applyGradients()` uses, through whatever really changes it
 * for that optimizer. `momentum` (tf.train.momentum, rmsprop) and `betas` (adam, adamax; `betas[0]` is
 * beta1, written in place) likewise. Throws ScheduleSpecError for anything else, and for an adamax with a
 * nonzero `decay` (tfjs would divide every scheduled rate by `1 + decay * t`).
 */
export function optimizerGroups(optimizer: Optimizer): TfjsOptimizerGroups {
  const kind = kindOf(optimizer);
  const internals = optimizer as unknown as Internals;
  if (typeof internals.learningRate !== 'number' || !Number.isFinite(internals.learningRate))
    throw new ScheduleSpecError('optimizer.learningRate', `expected a finite number, got ${String(internals.learningRate)}`);
  if (kind.name === 'adamax' && internals.decay !== 0)
    throw new ScheduleSpecError(
      'optimizer.decay',
      `tf.train.adamax's decay is ${String(internals.decay)}: tfjs would divide every scheduled rate by (1 + decay * step); make it with decay 0 and let the schedule decay the rate`,
    );
  // The fields below are tfjs internals: check them once, here, rather than fail (or do nothing) mid-fit
  // under a tfjs version that moved them.
  const expected =
    kind.name === 'momentum' ? internals.m instanceof Tensor && typeof internals.momentum === 'number'
    : kind.momentum === 'momentum' ? typeof internals.momentum === 'number'
    : kind.momentum === 'beta1' ? typeof internals.beta1 === 'number' && typeof internals.beta2 === 'number'
    : true;
  if (!expected)
    throw new Error(`tf.train.${kind.name} does not keep its momentum where tfjs-core 4.22 does; @lrkit/tfjs cannot drive this tfjs version`);
  const group = { lr: 0 } as TfjsParamGroup;
  Object.defineProperty(group, 'lr', {
    enumerable: true,
    get: () => internals.learningRate,
    set: (v: number) => writeRate(optimizer, kind.name, v),
  });
  if (kind.momentum === 'momentum') {
    Object.defineProperty(group, 'momentum', {
      enumerable: true,
      get: () => internals.momentum,
      set: (v: number) => writeMomentum(optimizer, kind.name, v),
    });
  } else if (kind.momentum === 'beta1') {
    // A real array (createScheduler checks Array.isArray) whose elements are the optimizer's live betas:
    // schedulers write betas[0] in place.
    const betas = [0, 0] as [number, number];
    Object.defineProperty(betas, 0, { enumerable: true, get: () => internals.beta1, set: (v: number) => writeMomentum(optimizer, kind.name, v) });
    Object.defineProperty(betas, 1, { enumerable: true, get: () => internals.beta2 });
    group.betas = betas;
  }
  return { paramGroups: [group], kind: kind.name, hasMomentum: kind.momentum !== null, optimizer };
}
