import type { tf } from '@lrkit/core';
import { optimizerNames } from '../config/names';
import { TrainConfigError } from '../errors';
import type { Optimizer, OptimizerName, OptimizerOptions } from '../types';
import { createAdam } from './adam';
import { createScheduleFree } from './schedule-free';
import { createSgd } from './sgd';

/** An optimizer by name over `params` (updated in place); defaults are PyTorch's. */
export function createOptimizer(name: OptimizerName, params: tf.Variable[], options: OptimizerOptions = {}): Optimizer {
  switch (name) {
    case 'adam':
      return createAdam(params, options, false);
    case 'adamw':
      return createAdam(params, options, true);
    case 'sgd':
      return createSgd(params, options);
    case 'sgd-schedule-free':
      return createScheduleFree(params, options, false);
    case 'adamw-schedule-free':
      return createScheduleFree(params, options, true);
    default:
      throw new TrainConfigError('optimizer', `unknown optimizer '${String(name)}' (expected ${optimizerNames.join(', ')})`);
  }
}
