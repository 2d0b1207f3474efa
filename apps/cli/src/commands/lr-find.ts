// `lrkit lr-find`: fastai's learning-rate range test on the model and data `lrkit train` would use with the
// same flags, and a suggested rate; a terminal plot by default, --json for programs, --format svg to draw.
import type { Command } from 'commander';
import type { LrFindConfig, LrFindResult, SuggestMethod } from '@lrkit/train';
import type { TrainField } from '@lrkit/train/config';
import { oneOf, positiveInt, UsageError } from '@lrkit/app-kit';
import { checkOutputPath, refuseInputAsOutput, writeOutput } from '@lrkit/io';
import { addConfigFlags, trainConfigOf } from '../config-flags';
import { positiveNumber } from '../number-flags';
import type { CliContext } from '../context';

// Written here as well as in @lrkit/train (SUGGEST_METHODS): importing train to check a flag would load
// tfjs before the flags are checked. The lr-find test asserts the two lists agree.
export const suggestMethods: readonly SuggestMethod[] = ['valley', 'slide', 'minimum', 'steep'];
const formats = ['text', 'svg'] as const;

/** The train config fields that choose the data and the model: the range test runs the model train would build. */
const LR_FIND_FIELDS = ['data', 'target', 'categorical', 'ignore', 'features', 'na', 'delimiter', 'task', 'backend', 'threads', 'batchSize', 'optimizer', 'hidden', 'seed'] as const satisfies readonly (TrainField & keyof LrFindConfig)[];

export interface LrFindFlags extends Record<string, unknown> {
  startLr?: number;
  endLr?: number;
  iterations?: number;
  suggest: SuggestMethod;
  json?: boolean;
  format: (typeof formats)[number];
  out?: string;
}

function configFromFlags(flags: LrFindFlags): LrFindConfig {
  if (flags.json && flags.format !== 'text') throw new UsageError('--json and --format svg do not go together: pick one');
  if (flags.startLr !== undefined && flags.endLr !== undefined && flags.endLr <= flags.startLr) {
    throw new UsageError(`--end-lr (${flags.endLr}) must be above --start-lr (${flags.startLr})`);
  }
  if (flags.iterations !== undefined && flags.iterations < 6) throw new UsageError(`--iterations must be at least 6, got '${flags.iterations}'`);
  const config: LrFindConfig = { suggest: flags.suggest, ...trainConfigOf(flags, LR_FIND_FIELDS) };
  for (const key of ['startLr', 'endLr', 'iterations'] as const) if (flags[key] !== undefined) config[key] = flags[key];
  return config;
}

export function formatRate(lr: number): string {
  return lr.toExponential(2);
}

/**
 * The points drawn: fastai's plot leaves out the last five (the divergence that stopped the run, which
 * would squash the rest of the curve), as its suggestions do.
 */
function plotted(result: LrFindResult): { lrs: number[]; losses: number[] } {
  const n = result.lrs.length > 10 ? result.lrs.length - 5 : result.lrs.length;
  return { lrs: result.lrs.slice(0, n), losses: result.losses.slice(0, n) };
}

/** The terminal plot: the smoothed loss over the rates (log scale: the rates grow geometrically per column). */
export async function plotText(result: LrFindResult): Promise<string> {
  const { plot } = await import('asciichart');
  const { lrs, losses } = plotted(result);
  const n = lrs.length;
  const width = Math.min(72, n);
  const picked = Array.from({ length: width }, (_, c) => Math.round((c * (n - 1)) / Math.max(1, width - 1)));
  const chart = plot(picked.map((i) => losses[i]!), { height: 12, format: (v: number) => v.toFixed(4).padStart(9) });
  const first = chart.split('\n')[0]!;
  const pad = ' '.repeat(Math.max(first.indexOf('┤'), first.indexOf('┼')) + 1);
  // Each rule's column: where its rate falls between the first and last plotted rates, in log space. One
  // line per rule (fastai marks every suggest_func on its plot), the chosen one said so.
  const marks = Object.values(result.suggestions).map((s) => {
    const ratio = Math.log(s.point.lr / lrs[0]!) / Math.log(lrs[n - 1]! / lrs[0]!);
    const mark = Math.min(width - 1, Math.max(0, Math.round(ratio * (width - 1))));
    const chosen = s.method === result.suggestion.method ? ' (suggested)' : '';
    return `${pad}${' '.repeat(mark)}^ ${s.method} ${formatRate(s.lr)}${chosen}`;
  });
  const lo = formatRate(lrs[0]!);
  const hi = formatRate(lrs[n - 1]!);
  return [
    `smoothed loss by learning rate (log scale), ${n} of ${result.lrs.length} minibatches (the last 5 left out, as fastai plots)`,
    chart,
    ...marks,
    `${pad}${lo}${' '.repeat(Math.max(1, width - lo.length - hi.length))}${hi}`,
  ].join('\n');
}

export function describeRun(result: LrFindResult): string {
  const c = result.config;
  const stop =
    result.stopped === 'diverged'
      ? `; stopped at ${formatRate(result.lrs.at(-1)!)}: the smoothed loss passed 4x its best`
      : result.stopped === 'nan'
        ? `; stopped at ${formatRate(result.lrs.at(-1)!)}: the loss turned NaN`
        : '';
  return `LR range test: ${result.lrs.length} of ${result.iterations} minibatches from ${formatRate(result.startLr)} to ${formatRate(result.endLr)} (${c.optimizer}, batch ${c.batchSize}, hidden ${c.hidden.join(',')}, seed ${c.seed}, ${result.backend})${stop}`;
}

export async function svgChart(result: LrFindResult): Promise<string> {
  const { lineChart } = await import('@lrkit/charts');
  const { lrs, losses } = plotted(result);
  return `${lineChart([{ name: 'smoothed loss', points: lrs.map((lr, i) => [lr, losses[i]!]) }], {
    title: `LR range test (${result.config.optimizer}, batch ${result.config.batchSize}, seed ${result.config.seed})`,
    xLabel: 'learning rate (log scale)',
    yLabel: 'smoothed training loss',
    xLog: true,
    marks: Object.values(result.suggestions).map((s) => ({
      x: s.point.lr,
      y: s.point.loss,
      label: `${s.method}: ${formatRate(s.lr)}${s.method === result.suggestion.method ? ' (suggested)' : ''}`,
    })),
  })}\n`;
}

function toJson(result: LrFindResult): Record<string, unknown> {
  return {
    lrs: result.lrs,
    losses: result.losses,
    rawLosses: result.rawLosses,
    suggestion: result.suggestion.lr,
    method: result.suggestion.method,
    point: result.suggestion.point,
    // Every rule at once (fastai's suggest_funcs): its rate and the point it marks.
    suggestions: Object.fromEntries(Object.values(result.suggestions).map((s) => [s.method, { lr: s.lr, point: s.point }])),
    stopped: result.stopped,
    startLr: result.startLr,
    endLr: result.endLr,
    iterations: result.iterations,
    backend: result.backend,
    ...result.config,
  };
}

async function runLrFind(flags: LrFindFlags, context: CliContext): Promise<void> {
  const config = configFromFlags(flags);
  // Checked before the test runs, not found unwritable (or to be the data) after it.
  if (flags.out !== undefined) {
    checkOutputPath(flags.out, '--out');
    if (config.data !== undefined) refuseInputAsOutput([{ path: flags.out, name: '--out' }], [{ path: config.data, name: '--data' }]);
  }
  // lrFind registers the optional backends and applies the same rule as train(): the same backend.
  const { lrFind } = await import('@lrkit/train');
  const result = await lrFind(config);
  let text: string;
  if (flags.json) text = `${JSON.stringify(toJson(result))}\n`;
  else if (flags.format === 'svg') text = await svgChart(result);
  else text = `${describeRun(result)}\n${await plotText(result)}\nSuggested lr (${result.suggestion.method}): ${formatRate(result.suggestion.lr)}\n`;
  if (flags.out !== undefined) {
    writeOutput(flags.out, text, { flag: '--out', temp: context.temp });
    if (!flags.json) process.stdout.write(`${describeRun(result)}\nSuggested lr (${result.suggestion.method}): ${formatRate(result.suggestion.lr)}\nWrote ${flags.out}\n`);
  } else process.stdout.write(text);
}

export function register(program: Command, context: CliContext): void {
  addConfigFlags(
    program
      .command('lr-find')
      .description("fastai's learning-rate range test: train a copy of the model with an exponentially growing rate and suggest one"),
    LR_FIND_FIELDS,
  )
    .option('--start-lr <rate>', 'first rate (default: 1e-7)', positiveNumber('--start-lr'))
    .option('--end-lr <rate>', 'last rate (default: 10)', positiveNumber('--end-lr'))
    .option('--iterations <n>', 'minibatches to run (default: 100)', positiveInt('--iterations'))
    .option('--suggest <method>', `${suggestMethods.join(' | ')}`, oneOf('--suggest', suggestMethods), 'valley' as SuggestMethod)
    .option('--format <format>', `${formats.join(' | ')}: a terminal plot or an SVG chart`, oneOf('--format', formats), 'text' as (typeof formats)[number])
    .option('--out <file>', 'write the plot, chart or JSON to this file (replaced atomically; a device or FIFO is written in place) instead of stdout')
    .option('--json', 'print one JSON document: the whole curve (smoothed losses), the suggestion and the settings')
    .action(async (flags: LrFindFlags) => runLrFind(flags, context));
}
