import type { SuiteName } from '../types';
import type { Suite } from './context';
import { dataSuite } from './data';
import { inferenceSuite } from './inference';
import { mlpSuite } from './mlp';
import { schedulersSuite } from './schedulers';
import { seedSuite } from './seed';

export const SUITES: Record<SuiteName, Suite> = {
  seed: seedSuite,
  mlp: mlpSuite,
  schedulers: schedulersSuite,
  inference: inferenceSuite,
  data: dataSuite,
};

/** Suites that compare against PyTorch (and so look for a Python with torch). */
export const NEEDS_PYTHON: readonly SuiteName[] = ['seed', 'mlp', 'schedulers'];
