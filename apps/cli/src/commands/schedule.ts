// `lrkit schedule`: preview a learning-rate schedule (rates after each step()) as json, csv, an ASCII
// plot or an SVG chart.
import type { Command } from 'commander';
import { parseDecimal } from '@lrkit/data';
import { checkOutputPath, InputFileError, readInputFile, refuseInputAsOutput, writeOutput, type RunPath } from '@lrkit/io';
import { compileSchedule, createRegistry, PREVIEW_FORMATS, renderPreview, type PreviewFormat, type Registry } from '@lrkit/schedulers';
import { collect, nonNegativeInt, oneOf, UsageError } from '@lrkit/app-kit';
import { numberList } from '../number-flags';
import { MAX_METRICS_FILE_BYTES, MAX_PREVIEW_RATES } from '../limits';
import type { CliContext } from '../context';
import { flagInputFiles, loadPluginFlag, readSpecFlag, UNKNOWN_SCHEDULE_HINT } from '../flag-files';

export interface ScheduleOptions {
  spec: string;
  steps: number;
  lr: number[];
  momentum?: number[];
  metrics?: string;
  plugin?: string[];
  format: PreviewFormat;
  out?: string;
}

const INLINE_NUMBERS = /^[\s0-9eE.+\-,]+$/;

/** Whether `--metrics` is numbers given inline (else it names a file). */
function inlineMetrics(arg: string): boolean {
  return INLINE_NUMBERS.test(arg) && (arg.includes(',') || (!arg.includes('/') && parseDecimal(arg.trim()) !== undefined));
}

/** `--metrics`: inline `0.9,0.8,...` or a file of numbers (commas or newlines); errors name the line. */
export function readMetrics(arg: string): number[] {
  if (INLINE_NUMBERS.test(arg) && arg.includes(',')) return numberList('--metrics', 'numbers')(arg);
  if (inlineMetrics(arg)) return [parseDecimal(arg.trim())!];
  let text: string;
  try {
    text = readInputFile(arg, { what: '--metrics file', maxBytes: MAX_METRICS_FILE_BYTES }).toString('utf8');
  } catch (e) {
    if (e instanceof InputFileError && e.reason === 'not found') {
      throw new UsageError(`--metrics: no such file '${arg}' (give numbers separated by commas, or a file)`);
    }
    throw e;
  }
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const cell of line.split(',')) {
      const t = cell.trim();
      if (t === '') continue;
      const n = parseDecimal(t);
      if (n === undefined) throw new UsageError(`--metrics: ${arg} line ${i + 1}: '${t}' is not a number`);
      out.push(n);
    }
  });
  return out;
}

/** Refuses a preview larger than MAX_PREVIEW_RATES rates before anything is computed. */
export function checkPreviewSize(steps: number, groups: number): void {
  const rates = (steps + 1) * groups;
  if (rates > MAX_PREVIEW_RATES) {
    const of = groups === 1 ? '' : ` for ${groups} param groups`;
    throw new UsageError(
      `--steps: ${steps} steps${of} would be ${rates} rates, more than the ${MAX_PREVIEW_RATES} a preview computes ` +
        `(about 260 bytes each in memory); ask for fewer steps`,
    );
  }
}

/** Registry with lrkit's built-ins plus every `--plugin` module. */
export async function registryWithPlugins(plugins: readonly string[] | undefined): Promise<Registry> {
  const registry = createRegistry({ unknownHint: UNKNOWN_SCHEDULE_HINT });
  for (const p of plugins ?? []) await loadPluginFlag(p, registry);
  return registry;
}

/** Refuses an --out that cannot be written, or that is one of the files this preview reads, before any work. */
export function checkScheduleOut(out: string, options: Pick<ScheduleOptions, 'spec' | 'metrics' | 'plugin'>): void {
  checkOutputPath(out, '--out');
  const inputs: RunPath[] = flagInputFiles({ arg: options.spec, flag: '--spec' }, options.plugin);
  if (options.metrics !== undefined && !inlineMetrics(options.metrics)) inputs.push({ path: options.metrics, name: '--metrics' });
  refuseInputAsOutput([{ path: out, name: '--out' }], inputs);
}

/** Run `lrkit schedule` and return the rendered output. */
export async function runSchedule(options: ScheduleOptions): Promise<string> {
  checkPreviewSize(options.steps, options.lr.length);
  const spec = readSpecFlag(options.spec, '--spec');
  const registry = await registryWithPlugins(options.plugin);
  const metrics = options.metrics === undefined ? undefined : readMetrics(options.metrics);
  const momentum = options.momentum === undefined ? undefined : options.momentum.length === 1 ? options.momentum[0]! : options.momentum;
  if (Array.isArray(momentum) && momentum.length !== options.lr.length)
    throw new UsageError(`--momentum: expected 1 value or ${options.lr.length} (one per --lr group), got ${momentum.length}`);
  // --steps is the run: it fills the lengths the spec leaves out (cosine-annealing's tMax...).
  const schedule = compileSchedule(spec, { registry }).forRun({ steps: options.steps });
  // Checked here so the message names the flag (preview would name its own `steps` option).
  const misfit = schedule.checkRun({ steps: options.steps });
  if (misfit) throw new UsageError(`--steps: ${misfit.message}`);
  const result = schedule.preview({ steps: options.steps, lrs: options.lr, momentum, metrics });
  return renderPreview(result, options.format, { title: `${schedule.type} (${options.steps} steps)` });
}

export function register(program: Command, context: CliContext): void {
  program
    .command('schedule')
    .description('preview a learning-rate schedule: each param group\'s rate after each step() (row 0 right after construction)')
    .requiredOption('--spec <json|file>', 'schedule spec as JSON, e.g. \'{"type":"step","stepSize":3,"gamma":0.5}\', or a JSON file')
    .requiredOption('--steps <n>', 'number of step() calls (the output has n+1 rows)', nonNegativeInt('--steps'))
    .option('--lr <list>', 'initial rate of each param group, comma-separated', numberList('--lr', 'rates >= 0', 0), [0.1])
    .option('--momentum <list>', 'initial momentum (one value, or one per group); the preview optimizer is SGD-like, momentum 0 by default', numberList('--momentum', 'numbers'))
    .option('--metrics <list|file>', 'validation losses fed to step() (needed by reduce-on-plateau): v1,v2,... or a file of numbers')
    .option('--plugin <module>', 'scheduler plugin module (package name or file) to load; repeatable', collect('--plugin'))
    .option('--format <format>', `output format: ${PREVIEW_FORMATS.join(', ')}`, oneOf('--format', PREVIEW_FORMATS), 'json' as PreviewFormat)
    .option('--out <file>', 'write to this file (replaced atomically; a device or FIFO is written in place) instead of stdout')
    .action(async (options: ScheduleOptions) => {
      if (options.out) checkScheduleOut(options.out, options);
      const text = await runSchedule(options);
      if (options.out) writeOutput(options.out, text, { flag: '--out', temp: context.temp });
      else process.stdout.write(text);
    });
}
