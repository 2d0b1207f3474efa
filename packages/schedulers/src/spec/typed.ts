// ScheduleSpec: the TypeScript type of a spec, derived from the same field lists that validate specs at run
// time (so a typo'd option is a compile error, and the two can never disagree).
import type { chainedFields } from '../composite/chained.js';
import type { sequentialFields } from '../composite/sequential.js';
import type { cosineWithRestartsFields } from '../extra/cosine-with-restarts.js';
import type { inverseSqrtFields } from '../extra/inverse-sqrt.js';
import type { kerasDecayFields, piecewiseConstantFields } from '../extra/keras.js';
import type { timmCosineFields } from '../extra/timm-cosine.js';
import type { warmupFields } from '../extra/warmup.js';
import type { warmupCosineFields } from '../extra/warmup-cosine.js';
import type { warmupStableDecayFields } from '../extra/warmup-stable-decay.js';
import type { constantFactorFields } from '../pytorch/constant.js';
import type { cosineAnnealingFields } from '../pytorch/cosine-annealing.js';
import type { cyclicFields } from '../pytorch/cyclic.js';
import type { exponentialFields } from '../pytorch/exponential.js';
import type { lambdaFields } from '../pytorch/lambda.js';
import type { linearFields } from '../pytorch/linear.js';
import type { multiStepFields } from '../pytorch/multi-step.js';
import type { oneCycleFields } from '../pytorch/one-cycle.js';
import type { plateauFields } from '../pytorch/plateau.js';
import type { polynomialFields } from '../pytorch/polynomial.js';
import type { stepFields } from '../pytorch/step.js';
import type { swaFields } from '../pytorch/swa.js';
import type { warmRestartsFields } from '../pytorch/warm-restarts.js';
import type { StepInterval } from '../types.js';
import type { Field } from './schema.js';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** A function of the programmatic API (lambda's lrLambda: epoch => factor; cyclic's scaleFn). */
export type ScheduleFunction = (x: number) => number;

// Child specs go through interfaces: their members resolve lazily, which keeps the recursion through
// ScheduleSpecs from being evaluated eagerly (a "circularly references itself" error in some checkers).
/**
 * A child spec (warmup's `schedule`): ScheduleSpecNode's union without its flattening. Flattening (Simplify)
 * resolves each member's options while the union is built, and warmup's `schedule`, this union again, then
 * reads as circular (TS2615) in whichever program first meets it through an overload such as
 * createScheduler's; intersections resolve lazily.
 */
export type NestedSpec = { [T in keyof ScheduleSpecs]: { type: T } & ScheduleSpecs[T] }[keyof ScheduleSpecs];
/** Child specs (sequential's and chained's `schedulers`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface on purpose: see above
export interface NestedSpecList extends ReadonlyArray<ScheduleSpecNode> {}

/** The value an option of this field takes in a spec. */
export type FieldValue<F extends Field> =
  | (F['type'] extends 'number' | 'integer'
      ? number
      : F['type'] extends 'boolean'
        ? boolean
        : F['type'] extends 'enum'
          ? F extends { values: readonly (infer V)[] }
            ? V
            : string
          : F['type'] extends 'perGroup'
            ? number | readonly number[]
            : F['type'] extends 'integerList' | 'numberList'
              ? readonly number[]
              : F['type'] extends 'spec'
                ? NestedSpec
                : F['type'] extends 'specList'
                  ? NestedSpecList
                  : F['type'] extends 'function'
                    ? ScheduleFunction
                    : F['type'] extends 'functionPerGroup'
                      ? ScheduleFunction | readonly ScheduleFunction[]
                      : never)
  | (F extends { nullable: true } ? null : never);

/** What a spec may say for these fields: required ones must be there, the others may be. */
export type SpecOptions<Fs extends readonly Field[]> = Simplify<
  { [F in Fs[number] as F extends { required: true } ? F['name'] : never]: FieldValue<F> } & {
    [F in Fs[number] as F extends { required: true } ? never : F['name']]?: FieldValue<F>;
  }
>;

/** The options after validation: every field present, defaults filled in (what a plugin's create gets). */
export type ParsedOptions<Fs extends readonly Field[]> = Simplify<{
  [F in Fs[number] as F['name']]: F extends { required: true } ? FieldValue<F> : F extends { default: null } ? FieldValue<F> | null : FieldValue<F>;
}>;

/**
 * The options of every schedule a spec may name, by type. Plugins add theirs by declaration merging:
 *
 *     declare module '@lrkit/schedulers' {
 *       interface ScheduleSpecs { rex: SpecOptions<typeof rexSchema> }
 *     }
 */
export interface ScheduleSpecs {
  step: SpecOptions<typeof stepFields>;
  'multi-step': SpecOptions<typeof multiStepFields>;
  constant: SpecOptions<readonly []>;
  'constant-factor': SpecOptions<typeof constantFactorFields>;
  linear: SpecOptions<typeof linearFields>;
  exponential: SpecOptions<typeof exponentialFields>;
  polynomial: SpecOptions<typeof polynomialFields>;
  'cosine-annealing': SpecOptions<typeof cosineAnnealingFields>;
  'cosine-annealing-warm-restarts': SpecOptions<typeof warmRestartsFields>;
  cyclic: SpecOptions<typeof cyclicFields>;
  'one-cycle': SpecOptions<typeof oneCycleFields>;
  'reduce-on-plateau': SpecOptions<typeof plateauFields>;
  sequential: SpecOptions<typeof sequentialFields>;
  chained: SpecOptions<typeof chainedFields>;
  swa: SpecOptions<typeof swaFields>;
  lambda: SpecOptions<typeof lambdaFields>;
  multiplicative: SpecOptions<typeof lambdaFields>;
  warmup: SpecOptions<typeof warmupFields>;
  'warmup-cosine': SpecOptions<typeof warmupCosineFields>;
  'cosine-with-restarts': SpecOptions<typeof cosineWithRestartsFields>;
  'inverse-sqrt': SpecOptions<typeof inverseSqrtFields>;
  'warmup-stable-decay': SpecOptions<typeof warmupStableDecayFields>;
  'cosine-timm': SpecOptions<typeof timmCosineFields>;
  'exponential-decay': SpecOptions<ReturnType<typeof kerasDecayFields>>;
  'inverse-time': SpecOptions<ReturnType<typeof kerasDecayFields>>;
  'piecewise-constant': SpecOptions<typeof piecewiseConstantFields>;
}

/** A spec inside a composite: `{type, ...options}` of one schedule. */
export type ScheduleSpecNode = { [T in keyof ScheduleSpecs]: Simplify<{ type: T } & ScheduleSpecs[T]> }[keyof ScheduleSpecs];

/**
 * A schedule spec, as `createScheduler` takes it: a discriminated union on `type`, so editors complete the
 * options of each type and a misspelt option is a compile error. The top level may also set `interval`
 * and name its JSON Schema (`$schema`).
 */
export type ScheduleSpec = ScheduleSpecNode & { interval?: StepInterval; $schema?: string };

/** The name of a schedule a spec may name (`ScheduleSpec['type']`). */
export type ScheduleType = keyof ScheduleSpecs;

/** true where a spec literal names a type that is not a built-in (or only a string) anywhere in its tree. */
type HasForeignType<T, Depth extends unknown[] = []> = Depth['length'] extends 8
  ? false
  : T extends readonly (infer E)[]
    ? HasForeignType<E, [...Depth, unknown]>
    : T extends object
      ?
          | (T extends { type: infer K } ? (string extends K ? true : K extends keyof ScheduleSpecs ? false : true) : false)
          | { [P in keyof T]: HasForeignType<T[P], [...Depth, unknown]> }[keyof T]
      : false;

/**
 * What the second overload lets through unchecked: `unknown`, `object`, string-keyed records, and specs that
 * name a type statically unknown (only a string, or a plugin's not declared in ScheduleSpecs) anywhere in
 * their tree. A spec of built-in types written as a literal must match ScheduleSpec.
 */
export type UncheckedSpec<T> = unknown extends T
  ? unknown
  : object extends T
    ? unknown
    : string extends keyof T
      ? unknown
      : true extends HasForeignType<T>
        ? unknown
        : never;
