// `lrkit train`: the seed job by default (embedded breast-cancer data, 30-64-ReLU-1-Sigmoid, Adam 1e-3,
// StepLR(10, 0.1), 50 epochs of 32), every part of it a flag.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { OptimizerName, TrainConfig } from '@lrkit/train';
import { defaultTrainBackend, registerCliBackends } from '../backends';
import { UsageError } from '../errors';
import { collect, layerSizes, nonEmpty, nonNegativeInt, oneOf, positiveInt, positiveNumber } from '../options';
import { createEpochReporter } from '../progress';
import { formatResult, resultJson } from '../report';

export interface TrainFlags {
  data?: string;
  target?: string;
  backend?: string;
  epochs?: number;
  batchSize?: number;
  optimizer?: OptimizerName;
  lr?: number;
  hidden?: number[];
  seed?: number;
  json?: boolean;
  schedule?: string;
  plugin?: string[];
  export?: string;
  opset?: number;
  threads?: number;
}

const optimizers: readonly OptimizerName[] = ['adam', 'adamw', 'sgd'];

// @lrkit/train and @lrkit/schedulers load tfjs and onnxruntime: imported when a run starts, not before
// the flags are checked.
const loadTrain = () => import('@lrkit/train');
const loadSchedulers = () => import('@lrkit/schedulers');

async function checkOpset(opset: number): Promise<void> {
  const { MIN_OPSET, MAX_OPSET } = await loadTrain();
  if (opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new UsageError(`--opset must be an integer from ${MIN_OPSET} to ${MAX_OPSET}, got '${opset}'`);
  }
}

/** Checks --export's destination before training, so a long run doesn't fail at its last step. */
function checkExportPath(path: string): void {
  const dir = dirname(resolve(path));
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat?.isDirectory()) throw new UsageError(`--export: the directory '${dirname(path)}' does not exist`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--export: '${path}' is a directory; give a file name such as model.onnx`);
  }
}

/** The TrainConfig the flags ask for; unset flags stay unset so @lrkit/train's defaults apply. */
export async function configFromFlags(flags: TrainFlags): Promise<TrainConfig> {
  if (flags.opset !== undefined && flags.export === undefined) throw new UsageError('--opset needs --export <model.onnx>');
  if (flags.opset !== undefined) await checkOpset(flags.opset);
  if (flags.export !== undefined) checkExportPath(flags.export);
  const { defaultRegistry, loadPluginModule, readSpecArg } = await loadSchedulers();
  // Plugins first: a --schedule may name a type that a plugin registers.
  for (const specifier of flags.plugin ?? []) await loadPluginModule(specifier, defaultRegistry);
  const config: TrainConfig = {};
  if (flags.data !== undefined) config.data = flags.data;
  if (flags.target !== undefined) config.target = flags.target;
  config.backend = flags.backend ?? (await defaultTrainBackend());
  if (flags.epochs !== undefined) config.epochs = flags.epochs;
  if (flags.batchSize !== undefined) config.batchSize = flags.batchSize;
  if (flags.optimizer !== undefined) config.optimizer = flags.optimizer;
  if (flags.lr !== undefined) config.lr = flags.lr;
  if (flags.hidden !== undefined) config.hidden = flags.hidden;
  if (flags.seed !== undefined) config.seed = flags.seed;
  if (flags.schedule !== undefined) config.schedule = readSpecArg(flags.schedule, '--schedule');
  return config;
}

async function runTrain(flags: TrainFlags): Promise<void> {
  await registerCliBackends(flags.threads !== undefined ? { threads: flags.threads } : {});
  const config = await configFromFlags(flags);
  const { exportOnnx, train } = await loadTrain();
  // With --json, stdout carries only the JSON line: the epoch lines go to stderr, and there is no bar.
  const human = !flags.json;
  const reporter = createEpochReporter(human ? process.stdout : process.stderr, human && process.stdout.isTTY === true);
  let result;
  try {
    result = await train({ ...config, onEpoch: (log) => reporter.epoch(log) });
  } finally {
    reporter.stop();
  }
  let exported: string | undefined;
  if (flags.export !== undefined) {
    const written = await exportOnnx(result.model, result.preprocessing, {
      path: flags.export,
      ...(flags.opset !== undefined ? { opset: flags.opset } : {}),
      metadata: { config: result.config, metrics: result.metrics },
    });
    exported = written.path;
    if (human) process.stdout.write(`${formatResult(result)}\nExported ${written.path} (ONNX opset ${written.opset}, ${written.bytes} bytes)\n`);
  } else if (human) {
    process.stdout.write(`${formatResult(result)}\n`);
  }
  if (!human) process.stdout.write(`${JSON.stringify(resultJson(result, exported ? { exported } : {}))}\n`);
}

export function register(program: Command): void {
  program
    .command('train')
    .description('train an MLP classifier on a CSV (default: the seed job on the embedded breast-cancer data)')
    .option('--data <path>', 'CSV file (default: the embedded Breast Cancer Wisconsin data)', nonEmpty('--data'))
    .option('--target <column>', 'target column (default: diagnosis)', nonEmpty('--target'))
    .option('--backend <name>', 'tensor backend: see `lrkit backends` (default: native where built, else wasm)', nonEmpty('--backend'))
    .option('--threads <n>', 'threads for the native backend and its BLAS (default: every core)', positiveInt('--threads'))
    .option('--epochs <n>', 'epochs (default: 50)', positiveInt('--epochs'))
    .option('--batch-size <n>', 'minibatch size (default: 32)', positiveInt('--batch-size'))
    .option('--optimizer <name>', `${optimizers.join(' | ')} (default: adam)`, oneOf('--optimizer', optimizers))
    .option('--lr <rate>', 'learning rate (default: 0.001)', positiveNumber('--lr'))
    .option('--hidden <sizes>', 'hidden layer sizes, e.g. 64 or 64,32 (default: 64)', layerSizes('--hidden'))
    .option('--seed <n>', 'seed for the split, the initial weights and the shuffling', nonNegativeInt('--seed'))
    .option('--schedule <json|file>', 'learning-rate schedule spec, JSON text or a file (default: StepLR 10, 0.1)')
    .option('--plugin <module>', 'load scheduler plugins from a module (repeatable)', collect('--plugin'))
    .option('--export <model.onnx>', 'write the trained model (with its scaling) as ONNX', nonEmpty('--export'))
    .option('--opset <n>', 'ONNX opset for --export (default: 17)', positiveInt('--opset'))
    .option('--json', 'end with one JSON line of metrics and settings; epoch lines go to stderr')
    .action(async (flags: TrainFlags) => runTrain(flags));
}
