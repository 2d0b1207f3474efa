// Flag parsing with commander and @lrkit/app-kit's parsers (the CLI's: the same messages); every bad flag
// becomes a UsageError whose message names the flag.
import { Command, CommanderError, Option } from 'commander';
import { layerSizes, nameList, nonNegativeInt, positiveInt, UsageError } from '@lrkit/app-kit';
import { checkOutputPath } from '@lrkit/io';
import { BACKEND_NAMES, SUITE_NAMES, type BackendName, type BenchOptions, type SuiteName } from './types';

/** --mlp-sizes: layer sizes, input first, classes last (at least two of them). */
function sizes(value: string): number[] {
  const out = layerSizes('--mlp-sizes')(value);
  if (out.length < 2) throw new UsageError(`--mlp-sizes must give at least an input and an output size, got '${value}'`);
  if (out[out.length - 1]! < 2) throw new UsageError(`--mlp-sizes must end with the class count, at least 2, got '${value}'`);
  return out;
}

export function buildProgram(): Command {
  return new Command('lrkit-bench')
    .description('lrkit against PyTorch, tfjs-layers and onnxruntime, side by side in one run')
    .addOption(new Option('--suite <list>', `suites to run: ${SUITE_NAMES.join(',')}`).argParser(nameList('--suite', SUITE_NAMES)))
    .addOption(new Option('--backends <list>', `lrkit backends: ${BACKEND_NAMES.join(',')}`).argParser(nameList('--backends', BACKEND_NAMES)))
    .option('--python <path>', 'a Python that imports torch (default: the first of python3, /usr/bin/python3 that does)')
    .option('--quick', 'fewer, shorter rounds and no cpu backend unless --backends names it: about a minute', false)
    .addOption(new Option('--repeats <n>', 'measured rounds (default 7, quick 3)').argParser(positiveInt('--repeats')))
    .addOption(new Option('--warmup <n>', 'unmeasured warm-up runs per contender (default 2, quick 1)').argParser(nonNegativeInt('--warmup')))
    .addOption(new Option('--mlp-sizes <list>', 'MLP layer sizes, input first, classes last').default([784, 512, 512, 10], '784,512,512,10').argParser(sizes))
    .addOption(new Option('--mlp-batch <n>', 'MLP batch size').default(256).argParser(positiveInt('--mlp-batch')))
    .addOption(new Option('--threads <n>', 'threads for PyTorch, onnxruntime and lrkit/native (lrkit wasm is single-threaded under Node)').default(1).argParser(positiveInt('--threads')))
    .option('--json [file]', 'the results as one JSON document (stdout, or the file)')
    .option('--md [file]', 'the results as a markdown table (stdout, or the file)')
    .option('--svg [file]', 'a bar chart of the ratios (stdout, or the file)')
    .option('--wide', 'the terminal table with the ratios in a column, however wide (default: it fits 120 columns)', false)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

interface RawOptions {
  suite?: SuiteName[];
  backends?: BackendName[];
  python?: string;
  quick: boolean;
  repeats?: number;
  warmup?: number;
  mlpSizes: number[];
  mlpBatch: number;
  threads: number;
  json?: string | true;
  md?: string | true;
  svg?: string | true;
  wide: boolean;
}

/**
 * Parses `args` (without node and the script). Returns null where commander printed help or a version;
 * throws a UsageError, or commander's own error for an unknown flag or a missing value (reportError makes
 * either one line and exit 2).
 */
export function parseOptions(args: readonly string[]): BenchOptions | null {
  const program = buildProgram();
  try {
    program.parse([...args], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return null;
    throw err;
  }
  const raw = program.opts<RawOptions>();
  const toStdout = (['json', 'md', 'svg'] as const).filter((k) => raw[k] === true);
  if (toStdout.length > 1) {
    throw new UsageError(`--${toStdout.join(', --')}: only one output can go to stdout; give the others a file`);
  }
  // A file that cannot be written fails now, not after minutes of measuring.
  for (const k of ['json', 'md', 'svg'] as const) {
    const target = raw[k];
    if (typeof target === 'string') checkOutputPath(target, `--${k}`);
  }
  // --quick leaves the plain-JS cpu backend out unless --backends names it: its compute-bound runs alone
  // take longer than the minute --quick promises. Its rows stay, saying so.
  const skipped = raw.quick && !raw.backends ? (['cpu'] as BackendName[]) : [];
  const options: BenchOptions = {
    suites: raw.suite ?? [...SUITE_NAMES],
    backends: raw.backends ?? [...BACKEND_NAMES],
    skippedBackends: skipped,
    quick: raw.quick,
    warmup: raw.warmup ?? (raw.quick ? 1 : 2),
    repeats: raw.repeats ?? (raw.quick ? 3 : 7),
    mlpSizes: raw.mlpSizes,
    mlpBatch: raw.mlpBatch,
    threads: raw.threads,
  };
  if (raw.python !== undefined) options.python = raw.python;
  if (raw.json !== undefined) options.json = raw.json;
  if (raw.md !== undefined) options.md = raw.md;
  if (raw.svg !== undefined) options.svg = raw.svg;
  if (raw.wide) options.wide = true;
  return options;
}
