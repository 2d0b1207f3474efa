// What the suites call in @lrkit/train, @lrkit/data and @lrkit/schedulers, typed from the packages
// themselves; api.ts checks at load time that each export is there, so a package still being written
// (or not built) yields a row that says so rather than a crash.
import type * as Train from '@lrkit/train';
import type * as Data from '@lrkit/data';
import type * as Schedulers from '@lrkit/schedulers';

export type TrainApi = Pick<typeof Train, 'train'>;
export type LowLevelTrainApi = Pick<typeof Train, 'Mlp' | 'createOptimizer' | 'createTrainer'>;
export type InferenceApi = Pick<typeof Train, 'train' | 'exportOnnx' | 'loadOnnxModel' | 'Mlp'>;
export type DataApi = Pick<typeof Data, 'loadCsv' | 'trainTestSplit' | 'fitStandardScaler' | 'applyScaler'>;
export type SchedulersApi = Pick<typeof Schedulers, 'createScheduler'> & Partial<Pick<typeof Schedulers, 'defaultRegistry'>>;

export type { MlpJSON, Preprocessing, TrainResult } from '@lrkit/train';
