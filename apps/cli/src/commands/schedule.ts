// `lrkit schedule`: preview a learning-rate schedule (rates after each step()) as json, csv, an ASCII
// plot or an SVG chart.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import {
  createRegistry,
  PREVIEW_FORMATS,
  preview,
  renderPreview,
  type PreviewFormat,
  type Registry,
  validateSpec,
} from '@lrkit/schedulers';
import { loadPluginModule, readSpecArg } from '@lrkit/schedulers/node';
import { UsageError } from '../errors';
import { collect, nonNegativeInt, oneOf } from '../options';

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

/** Comma-separated finite numbers, each checked, the flag named in errors. */
function numberList(flag: string, what: string, min?: number): (value: string) => number[] {
  return (value) => {
    const parts = value.split(',').map((p) => p.trim());
    return parts.map((p, i) => {
      const n = p === '' ? Number.NaN : Number(p);
      if (!Number.isFinite(n) || (min !== undefined && n < min))
        throw new UsageError(`${flag} must be ${what} separated by commas, got '${p}'${parts.length > 1 ? ` (item ${i + 1})` : ''}`);
      return n;
    });
  };
}

const INLINE_NUMBERS = /^[\s0-9eE.+\-,]+$/;

/** `--metrics`: inline `0.9,0.8,...` or a file of numbers (commas or newlines); errors name the line. */
export function readMetrics(arg: string): number[] {
  if (INLINE_NUMBERS.test(arg) && arg.includes(',')) return numberList('--metrics', 'numbers')(arg);
  if (INLINE_NUMBERS.test(arg) && !arg.includes('/') && Number.isFinite(Number(arg))) return [Number(arg)];
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`--metrics: ${code === 'ENOENT' ? `no such file '${arg}' (give numbers separated by commas, or a file)` : `cannot read '${arg}': ${(e as Error).message}`}`);
  }
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const cell of line.split(',')) {
      const t = cell.trim();
      if (t === '') continue;
      const n = Number(t);
      if (!Number.isFinite(n)) throw new UsageError(`--metrics: ${arg} line ${i + 1}: '${t}' is not a number`);
      out.push(n);
    }
  });
  return out;
}

/** Write through a temporary file in the same folder, then rename: no partial output on failure. */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`--out: cannot write '${path}': ${(e as Error).message}`);
  }
}

/** Registry with lrkit's built-ins plus every `--plugin` module. */
export async function registryWithPlugins(plugins: readonly string[] | undefined): Promise<Registry> {
  const registry = createRegistry();
  for (const p of plugins ?? []) await loadPluginModule(p, registry);
  return registry;
}

/** Run `lrkit schedule` and return the rendered output. */
export async function runSchedule(options: ScheduleOptions): Promise<string> {
  const spec = readSpecArg(options.spec, '--spec');
  const registry = await registryWithPlugins(options.plugin);
  const metrics = options.metrics === undefined ? undefined : readMetrics(options.metrics);
  const momentum = options.momentum === undefined ? undefined : options.momentum.length === 1 ? options.momentum[0]! : options.momentum;
  if (Array.isArray(momentum) && momentum.length !== options.lr.length)
    throw new UsageError(`--momentum: expected 1 value or ${options.lr.length} (one per --lr group), got ${momentum.length}`);
  // Checked here so the message names the flag (preview would name its own `steps` option).
  const { maxSteps } = validateSpec(spec, {}, registry);
  if (maxSteps !== null && options.steps > maxSteps)
    throw new UsageError(`--steps: ${options.steps} asked, but this schedule allows at most ${maxSteps} (e.g. one-cycle's totalSteps)`);
  const result = preview(spec, { steps: options.steps, lrs: options.lr, momentum, metrics }, registry);
  const type = (spec as { type?: unknown }).type;
  return renderPreview(result, options.format, { title: typeof type === 'string' ? `${type} (${options.steps} steps)` : undefined });
}

export function register(program: Command): void {
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
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .action(async (options: ScheduleOptions) => {
      const text = await runSchedule(options);
      if (options.out) writeAtomic(options.out, text);
      else process.stdout.write(text);
    });
}
