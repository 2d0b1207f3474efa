// `lrkit train`: the seed job by default (embedded breast-cancer data, 30-64-ReLU-1-Sigmoid, Adam 1e-3,
// StepLR(10, 0.1), 50 epochs of 32), every part of it a flag; any tabular CSV, classification or regression.
// The config flags come from @lrkit/train/config's field table (config-flags.ts), without loading tfjs.
import type { Command } from 'commander';
import type { Registry } from '@lrkit/schedulers';
import type { TrainConfig } from '@lrkit/train';
import { collect, nonEmpty, positiveInt, UsageError } from '@lrkit/app-kit';
import { checkOutputPath, refuseInputAsOutput, type RunPath } from '@lrkit/io';
import { addConfigFlags, ALL_FIELDS, trainConfigOf } from '../config-flags';
import { flagInputFiles, loadPluginFlag, UNKNOWN_SCHEDULE_HINT } from '../flag-files';
import type { CliContext } from '../context';
import { createEpochReporter } from '../progress';
import { formatResult, resultJson } from '../report';
import { yieldToEventLoop } from '../shutdown';

/** The flags of `lrkit train` beyond the config's own (those are by field name: `batchSize`, `checkpointDir`). */
export interface TrainFlags extends Record<string, unknown> {
  json?: boolean;
  plugin?: string[];
  export?: string;
  opset?: number;
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
async function runSettings(flags: TrainFlags): Promise<{ config: TrainConfig; registry: Registry }> {
  if (flags.opset !== undefined && flags.export === undefined) throw new UsageError('--opset needs --export <model.onnx>');
  if (flags.opset !== undefined) await checkOpset(flags.opset);
  if (flags.export !== undefined) checkOutputPath(flags.export, '--export');
  const config = trainConfigOf(flags, ALL_FIELDS);
  // Each run its own registry: a --schedule may name a type that a --plugin registers.
  const { createRegistry } = await loadSchedulers();
  const registry = createRegistry({ unknownHint: UNKNOWN_SCHEDULE_HINT });
  for (const specifier of flags.plugin ?? []) await loadPluginFlag(specifier, registry);
  return { config, registry };
}

/**
 * Refuses outputs that are the run's inputs, before any work: --export or the checkpoint (`checkpoint`, the
 * file in --checkpoint-dir) being the --data, the --schedule file or a --plugin file, or --export being the
 * checkpoint (which a resume reads and every run writes).
 */
export function refuseInputsAsOutputs(flags: TrainFlags, checkpoint: string | undefined): void {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const data = text(flags.data);
  const inputs: RunPath[] = [...(data !== undefined ? [{ path: data, name: '--data' }] : []), ...flagInputFiles({ arg: text(flags.schedule), flag: '--schedule' }, flags.plugin)];
  const saved = checkpoint !== undefined ? [{ path: checkpoint, name: '--checkpoint-dir' }] : [];
  if (flags.export !== undefined) refuseInputAsOutput([{ path: flags.export, name: '--export' }], [...inputs, ...saved]);
  refuseInputAsOutput(saved, inputs);
}

async function runTrain(flags: TrainFlags, context: CliContext): Promise<void> {
  const { config, registry } = await runSettings(flags);
  const [{ checkpointPath, exportOnnx, train }, { formatPlanSummary }] = await Promise.all([loadTrain(), import('@lrkit/data')]);
  refuseInputsAsOutputs(flags, config.checkpoint ? checkpointPath(config.checkpoint.dir) : undefined);
  // With --json, stdout carries only the JSON line: the epoch lines go to stderr, and there is no bar.
  const human = !flags.json;
  const reporter = await createEpochReporter(human ? process.stdout : process.stderr, human && process.stdout.isTTY === true);
  let result;
  try {
    // Yielding after each epoch lets Ctrl-C and a closed stdout stop the run there (see shutdown.ts).
    result = await train(config, {
      registry,
      // A signal's clean-up removes the checkpoint's temporary file and the folder's lock.
      tempFiles: context.temp,
      // The column plan, before the first epoch: what each column became (stdout; stderr under --json).
      onPlan: (plan) => void (human ? process.stdout : process.stderr).write(`${formatPlanSummary(plan)}\n`),
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
  const command = program
    .command('train')
    .description('train an MLP on a tabular CSV: classification or regression (default: the seed job on the embedded breast-cancer data)');
  addConfigFlags(command, ALL_FIELDS)
    .option('--plugin <module>', 'load scheduler plugins from a module (repeatable)', collect('--plugin'))
    .option('--export <model.onnx>', 'write the trained model (with its scaling) as ONNX (replaced atomically; a device or FIFO is written in place)', nonEmpty('--export'))
    .option('--opset <n>', 'ONNX opset for --export (default: 17)', positiveInt('--opset'))
    .option('--json', 'end with one JSON line of metrics and settings; epoch lines go to stderr')
    .action(async (flags: TrainFlags) => runTrain(flags, context));
}
