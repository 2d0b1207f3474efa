// `lrkit train`: the seed job by default (embedded breast-cancer data, 30-64-ReLU-1-Sigmoid, Adam 1e-3,
// StepLR(10, 0.1), 50 epochs of 32), every part of it a flag; any tabular CSV, classification or regression.
// The defaults and name lists come from @lrkit/train/config (written once there, without loading tfjs).
import type { Command } from 'commander';
import type { Registry } from '@lrkit/schedulers';
import type { TrainConfig } from '@lrkit/train';
import { trainDefaults } from '@lrkit/train/config';
import { parseDecimal } from '@lrkit/data';
import { checkOutputPath, collect, nonEmpty, positiveInt, UsageError } from '@lrkit/app-kit';
import { positiveNumber } from '../number-flags';
import { loadPluginFlag, readSpecFlag } from '../flag-files';
import { addModelDataFlags, MODEL_DATA_FIELDS, type ModelDataFlags } from '../model-flags';
import type { CliContext } from '../context';
import { createEpochReporter } from '../progress';
import { formatResult, resultJson } from '../report';
import { yieldToEventLoop } from '../shutdown';

export interface TrainFlags extends ModelDataFlags {
  epochs?: number;
  lr?: number;
  json?: boolean;
  schedule?: string;
  plugin?: string[];
  export?: string;
  opset?: number;
  testFraction?: number;
  valFraction?: number;
  earlyStopping?: number;
  checkpointDir?: string;
  checkpointEvery?: number;
  resume?: boolean;
}

/** A fraction in (0, 1), or [0, 1) where `zero` allows none: '0.2'. */
function fractionFlag(flag: string, zero: boolean): (value: string) => number {
  return (value) => {
    const n = parseDecimal(value.trim()) ?? Number.NaN;
    if (!(n < 1 && (zero ? n >= 0 : n > 0))) {
      throw new UsageError(`${flag} must be a number ${zero ? 'from 0' : 'above 0'} and below 1, got '${value}'`);
    }
    return n;
  };
}

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

/**
 * The TrainConfig the flags ask for (unset flags stay unset so @lrkit/train's defaults apply) and the
 * scheduler registry this run's plugins are loaded into (its own: nothing process-wide is changed).
 */
export async function configFromFlags(flags: TrainFlags): Promise<{ config: TrainConfig; registry: Registry }> {
  if (flags.opset !== undefined && flags.export === undefined) throw new UsageError('--opset needs --export <model.onnx>');
  if (flags.opset !== undefined) await checkOpset(flags.opset);
  if (flags.export !== undefined) checkOutputPath(flags.export, '--export');
  if (flags.resume && flags.checkpointDir === undefined) throw new UsageError('--resume needs --checkpoint-dir <dir> (the directory to resume from)');
  if (flags.checkpointEvery !== undefined && flags.checkpointDir === undefined) throw new UsageError('--checkpoint-every needs --checkpoint-dir <dir>');
  const { createRegistry } = await loadSchedulers();
  const registry = createRegistry();
  // Plugins first: a --schedule may name a type that a plugin registers.
  for (const specifier of flags.plugin ?? []) await loadPluginFlag(specifier, registry);
  const config: TrainConfig = {};
  for (const key of MODEL_DATA_FIELDS) if (flags[key] !== undefined) (config as Record<string, unknown>)[key] = flags[key];
  if (flags.epochs !== undefined) config.epochs = flags.epochs;
  if (flags.lr !== undefined) config.lr = flags.lr;
  if (flags.schedule !== undefined) config.schedule = readSpecFlag(flags.schedule, '--schedule');
  if (flags.testFraction !== undefined) config.testFraction = flags.testFraction;
  if (flags.valFraction !== undefined) config.valFraction = flags.valFraction;
  if (flags.earlyStopping !== undefined) config.earlyStopping = flags.earlyStopping;
  if (flags.checkpointDir !== undefined) {
    config.checkpoint = { dir: flags.checkpointDir, ...(flags.checkpointEvery !== undefined ? { every: flags.checkpointEvery } : {}) };
  }
  if (flags.resume) config.resume = true;
  return { config, registry };
}

async function runTrain(flags: TrainFlags, context: CliContext): Promise<void> {
  const { config, registry } = await configFromFlags(flags);
  const { exportOnnx, train } = await loadTrain();
  // With --json, stdout carries only the JSON line: the epoch lines go to stderr, and there is no bar.
  const human = !flags.json;
  const reporter = await createEpochReporter(human ? process.stdout : process.stderr, human && process.stdout.isTTY === true);
  let result;
  try {
    // Yielding after each epoch lets Ctrl-C and a closed stdout stop the run there (see shutdown.ts).
    result = await train(config, {
      registry,
      hooks: [
        {
          onEpoch: async (log) => {
            reporter.epoch(log);
            await yieldToEventLoop();
          },
        },
      ],
    });
  } finally {
    reporter.stop();
  }
  let exported: string | undefined;
  if (flags.export !== undefined) {
    const written = await exportOnnx(result.model, result.preprocessing, {
      path: flags.export,
      ...(flags.opset !== undefined ? { opset: flags.opset } : {}),
      metadata: { config: result.config, metrics: result.metrics, task_reason: result.taskReason },
      tempFiles: context.temp,
    });
    exported = written.path;
    if (human) process.stdout.write(`${formatResult(result)}\nExported ${written.path} (ONNX opset ${written.opset}, ${written.bytes} bytes)\n`);
  } else if (human) {
    process.stdout.write(`${formatResult(result)}\n`);
  }
  if (!human) process.stdout.write(`${JSON.stringify(resultJson(result, exported ? { exported } : {}))}\n`);
}

export function register(program: Command, context: CliContext): void {
  const d = trainDefaults;
  addModelDataFlags(
    program
      .command('train')
      .description('train an MLP on a tabular CSV: classification or regression (default: the seed job on the embedded breast-cancer data)'),
  )
    .option('--epochs <n>', `epochs (default: ${d.epochs})`, positiveInt('--epochs'))
    .option('--lr <rate>', `learning rate (default: ${d.lr})`, positiveNumber('--lr'))
    .option('--schedule <json|file>', 'learning-rate schedule spec, JSON text or a file (default: StepLR 10, 0.1)')
    .option('--plugin <module>', 'load scheduler plugins from a module (repeatable)', collect('--plugin'))
    .option('--test-fraction <f>', `fraction of the rows held out for testing (default: ${d.testFraction})`, fractionFlag('--test-fraction', false))
    .option(
      '--val-fraction <f>',
      `fraction of the training rows held out for validation, watched by reduce-on-plateau and early stopping (default: ${d.valFractionWhenNeeded} where one of them is used, else 0)`,
      fractionFlag('--val-fraction', true),
    )
    .option('--early-stopping <patience>', 'stop after this many epochs without a better validation loss, restoring the best weights', positiveInt('--early-stopping'))
    .option('--checkpoint-dir <dir>', 'write a checkpoint there after every epoch (or every --checkpoint-every)', nonEmpty('--checkpoint-dir'))
    .option('--checkpoint-every <n>', `epochs between checkpoints (default: ${d.checkpointEvery})`, positiveInt('--checkpoint-every'))
    .option('--resume', "continue from --checkpoint-dir's checkpoint (same settings and data): finishes as the uninterrupted run would")
    .option('--export <model.onnx>', 'write the trained model (with its scaling) as ONNX', nonEmpty('--export'))
    .option('--opset <n>', 'ONNX opset for --export (default: 17)', positiveInt('--opset'))
    .option('--json', 'end with one JSON line of metrics and settings; epoch lines go to stderr')
    .action(async (flags: TrainFlags) => runTrain(flags, context));
}
