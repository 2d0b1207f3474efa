// What the suites call in @lrkit/train, @lrkit/data and @lrkit/schedulers: the signatures they rely on,
// checked at load time (api.ts) so a package still being written yields a row that says so.
import type { MlpJSON, Preprocessing, TrainConfig, TrainResult } from '@lrkit/train';
import type { Dataset, SplitOptions, Split, StandardScaler } from '@lrkit/data';

export interface TrainApi {
  train(config: TrainConfig): Promise<TrainResult>;
}

export interface DataApi {
  loadCsv(path?: string): Dataset;
  trainTestSplit(ds: Dataset, options: SplitOptions): Split;
  fitStandardScaler(ds: Dataset): StandardScaler;
  applyScaler(ds: Dataset, scaler: StandardScaler): Dataset;
}

export type { MlpJSON, Preprocessing, TrainResult };
