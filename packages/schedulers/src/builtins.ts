import { chainedSchedule } from './composite/chained.js';
import { sequentialSchedule } from './composite/sequential.js';
import { cosineWithRestartsSchedule } from './extra/cosine-with-restarts.js';
import { inverseSqrtSchedule } from './extra/inverse-sqrt.js';
import { exponentialDecaySchedule, inverseTimeSchedule, piecewiseConstantSchedule } from './extra/keras.js';
import { timmCosineSchedule } from './extra/timm-cosine.js';
import { warmupSchedule } from './extra/warmup.js';
import { warmupCosineSchedule } from './extra/warmup-cosine.js';
import { warmupStableDecaySchedule } from './extra/warmup-stable-decay.js';
import type { BuiltinSchedule } from './node.js';
import { constantFactorSchedule } from './pytorch/constant.js';
import { constantSchedule } from './extra/constant.js';
import { cosineAnnealingSchedule } from './pytorch/cosine-annealing.js';
import { cyclicSchedule } from './pytorch/cyclic.js';
import { exponentialSchedule } from './pytorch/exponential.js';
import { lambdaSchedule, multiplicativeSchedule } from './pytorch/lambda.js';
import { linearSchedule } from './pytorch/linear.js';
import { multiStepSchedule } from './pytorch/multi-step.js';
import { oneCycleSchedule } from './pytorch/one-cycle.js';
import { plateauSchedule } from './pytorch/plateau.js';
import { polynomialSchedule } from './pytorch/polynomial.js';
import { stepSchedule } from './pytorch/step.js';
import { swaSchedule } from './pytorch/swa.js';
import { warmRestartsSchedule } from './pytorch/warm-restarts.js';

/** lrkit's built-in schedules, in the order `lrkit schedulers` lists them. */
export const builtinSchedules: readonly BuiltinSchedule[] = [
  stepSchedule,
  multiStepSchedule,
  constantSchedule,
  constantFactorSchedule,
  linearSchedule,
  exponentialSchedule,
  polynomialSchedule,
  cosineAnnealingSchedule,
  warmRestartsSchedule,
  cyclicSchedule,
  oneCycleSchedule,
  plateauSchedule,
  sequentialSchedule,
  chainedSchedule,
  swaSchedule,
  lambdaSchedule,
  multiplicativeSchedule,
  warmupSchedule,
  warmupCosineSchedule,
  cosineWithRestartsSchedule,
  inverseSqrtSchedule,
  warmupStableDecaySchedule,
  timmCosineSchedule,
  exponentialDecaySchedule,
  piecewiseConstantSchedule,
  inverseTimeSchedule,
];
