// Flag parsing with commander; every bad flag becomes a UsageError whose message names the flag.
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './errors';
import { BACKEND_NAMES, SUITE_NAMES, type BackendName, type BenchOptions, type SuiteName } from './types';

function listOf<T extends string>(flag: string, allowed: readonly T[]) {
  return (value: string): T[] => {
    const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    if (items.length === 0) throw new UsageError(`${flag}: give at least one of ${allowed.join(', ')}`);
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) {
        throw new UsageError(`${flag}: unknown '${item}' (choose from ${allowed.join(', ')})`);
      }
    }
    return [...new Set(items)] as T[];
  };
}

function positiveInt(flag: string, { allowZero = false } = {}) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < (allowZero ? 0 : 1)) {
      throw new UsageError(`${flag}: expected ${allowZero ? 'a whole number >= 0' : 'a whole number >= 1'}, got '${value}'`);
    }
    return n;
  };
}

function sizes(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  const toInt = positiveInt('--mlp-sizes');
  const out = parts.map((p) => {
    try {
      return toInt(p);
    } catch {
      throw new UsageError(`--mlp-sizes: expected comma-separated whole numbers >= 1, got '${value}'`);
    }
  });
  if (out.length < 2) throw new UsageError(`--mlp-sizes: give at least an input and an output size, got '${value}'`);
  if (out[out.length - 1]! < 2) throw new UsageError('--mlp-sizes: the last size is the class count and must be >= 2');
  return out;
}

export function buildProgram(): Command {
  return new Command('lrkit-bench')
    .description('lrkit against PyTorch, tfjs-layers and onnxruntime, side by side in one run')
    .addOption(new Option('--suite <list>', `suites to run: ${SUITE_NAMES.join(',')}`).argParser(listOf('--suite', SUITE_NAMES)))
    .addOption(new Option('--backends <list>', `lrkit backends: ${BACKEND_NAMES.join(',')}`).argParser(listOf('--backends', BACKEND_NAMES)))
    .option('--python <path>', 'a Python that imports torch (default: the first of python3, /usr/bin/python3 that does)')
    .option('--quick', 'fewer, shorter rounds and no cpu backend unless --backends names it: about a minute', false)
    .addOption(new Option('--repeats <n>', 'measured rounds (default 7, quick 3)').argParser(positiveInt('--repeats')))
    .addOption(new Option('--warmup <n>', 'unmeasured warm-up runs per contender (default 2, quick 1)').argParser(positiveInt('--warmup', { allowZero: true })))
    .addOption(new Option('--mlp-sizes <list>', 'MLP layer sizes, input first, classes last').default([784, 512, 512, 10], '784,512,512,10').argParser(sizes))
    .addOption(new Option('--mlp-batch <n>', 'MLP batch size').default(256).argParser(positiveInt('--mlp-batch')))
    .addOption(new Option('--threads <n>', 'threads for PyTorch, onnxruntime and lrkit/native (lrkit wasm is single-threaded under Node)').default(1).argParser(positiveInt('--threads')))
    .option('--json [file]', 'the results as one JSON document (stdout, or the file)')
    .option('--md [file]', 'the results as a markdown table (stdout, or the file)')
    .option('--svg [file]', 'a bar chart of the ratios (stdout, or the file)')
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
}

/** Parses `args` (without node and the script). Returns null where commander printed help or a version. */
export function parseOptions(args: readonly string[]): BenchOptions | null {
  const program = buildProgram();
  try {
    program.parse([...args], { from: 'user' });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return null;
      throw new UsageError(err.message.replace(/^error: /, ''));
    }
    throw err;
  }
  const raw = program.opts<RawOptions>();
  const toStdout = (['json', 'md', 'svg'] as const).filter((k) => raw[k] === true);
  if (toStdout.length > 1) {
    throw new UsageError(`--${toStdout.join(', --')}: only one output can go to stdout; give the others a file`);
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
  return options;
}
