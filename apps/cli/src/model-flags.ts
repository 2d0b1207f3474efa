// The flags that choose a run's data and model, shared by `lrkit train` and `lrkit lr-find` (which tests the
// model train would build with the same flags): written once, with the defaults and names of @lrkit/train/config.
import type { Command } from 'commander';
import type { OptimizerName, Task } from '@lrkit/train';
import { optimizerNames, taskNames, trainDefaults } from '@lrkit/train/config';
import { layerSizes, nonEmpty, nonNegativeInt, oneOf, positiveInt } from '@lrkit/app-kit';

export interface ModelDataFlags {
  data?: string;
  target?: string;
  task?: Task;
  backend?: string;
  threads?: number;
  batchSize?: number;
  optimizer?: OptimizerName;
  hidden?: number[];
  seed?: number;
}

/** Their names as TrainConfig fields: a set flag is copied over, an unset one leaves train's default. */
export const MODEL_DATA_FIELDS = ['data', 'target', 'task', 'backend', 'threads', 'batchSize', 'optimizer', 'hidden', 'seed'] as const satisfies readonly (keyof ModelDataFlags)[];

/** Adds --data, --target, --task, --backend, --threads, --batch-size, --optimizer, --hidden and --seed to `command`. */
export function addModelDataFlags(command: Command): Command {
  const d = trainDefaults;
  return command
    .option('--data <path>', 'CSV file (default: the embedded Breast Cancer Wisconsin data)', nonEmpty('--data'))
    .option('--target <column>', `target column (default: ${d.target})`, nonEmpty('--target'))
    .option(
      '--task <task>',
      `${taskNames.join(' | ')} (default: from the target: text is classes; a number is regression unless it has few distinct integer values)`,
      oneOf('--task', taskNames),
    )
    .option(
      '--backend <name>',
      `tensor backend: auto (native where its addon was built, else wasm), wasm, native, cpu, cuda; see \`lrkit backends\` (default: ${d.backend})`,
      nonEmpty('--backend'),
    )
    .option('--threads <n>', 'threads for the native backend and its BLAS (default: every core; the numbers are the same at any count)', positiveInt('--threads'))
    .option('--batch-size <n>', `minibatch size (default: ${d.batchSize})`, positiveInt('--batch-size'))
    .option('--optimizer <name>', `${optimizerNames.join(' | ')} (default: ${d.optimizer})`, oneOf('--optimizer', optimizerNames))
    .option('--hidden <sizes>', `hidden layer sizes, e.g. 64 or 64,32 (default: ${d.hidden.join(',')})`, layerSizes('--hidden'))
    .option('--seed <n>', `seed for the split, the initial weights and the shuffling (default: ${d.seed})`, nonNegativeInt('--seed'));
}
