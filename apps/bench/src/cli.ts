// lrkit-bench: runs the chosen suites, prints the table (and --json / --md / --svg), exits 0, 2 on a bad
// flag (the message names it), 1 on an internal error.
import { isInputError, reportError } from '@lrkit/app-kit';
import { writeOutput } from '@lrkit/io';
import { reasonOf } from './errors';
import { renderJson } from './format/json';
import { renderMarkdown } from './format/markdown';
import { renderSvg } from './format/svg';
import { renderTable } from './format/table';
import { alignOpenBlasKernels } from './backends';
import { describeMachine } from './machine';
import { parseOptions } from './options';
import { createProgress } from './progress';
import { findPython, type PythonInfo } from './python';
import { NEEDS_PYTHON, SUITES } from './suites';
import { checkTargets } from './targets';
import type { BenchDocument, BenchOptions, BenchResult } from './types';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

export async function runBench(options: BenchOptions, command: string): Promise<BenchDocument> {
  const progress = createProgress();
  const started = new Date();
  const python: PythonInfo = options.suites.some((s) => NEEDS_PYTHON.includes(s))
    ? findPython(options.python)
    : { absent: 'not needed by the chosen suites' };
  if ('absent' in python) progress.note(`PyTorch peers: ${python.absent}`);
  const openblasCore = await alignOpenBlasKernels();
  const results: BenchResult[] = [];
  for (const suite of options.suites) {
    progress.note(`suite ${suite}`);
    const t0 = performance.now();
    try {
      results.push(...(await SUITES[suite]({ options, python, progress })));
    } catch (err) {
      if (isInputError(err)) throw err;
      // One broken suite must not take the others' numbers with it: its row says what went wrong.
      results.push({ suite, impl: 'lrkit', metric: 'suite', value: null, unit: '', status: 'failed', reason: reasonOf(err) });
      progress.note(`suite ${suite} failed: ${reasonOf(err)}`);
    } finally {
      progress.end();
      progress.note(`suite ${suite}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  const { json: _j, md: _m, svg: _s, ...plain } = options;
  return {
    machine: { ...describeMachine(python, started), ...(openblasCore ? { openblasCore } : {}) },
    command,
    options: plain,
    results,
    targets: checkTargets(options.suites, results),
  };
}

export function emit(doc: BenchDocument, options: BenchOptions, io: Io): void {
  const outputs: [string, BenchOptions['json'], (d: BenchDocument) => string][] = [
    ['--json', options.json, renderJson],
    ['--md', options.md, renderMarkdown],
    ['--svg', options.svg, renderSvg],
  ];
  let stdoutTaken = false;
  for (const [flag, target, render] of outputs) {
    if (target === undefined) continue;
    if (target === true) {
      io.stdout(render(doc));
      stdoutTaken = true;
    } else writeOutput(target, render(doc), { flag });
  }
  // The table is for people: on stdout unless a machine format took it, then on stderr.
  (stdoutTaken ? io.stderr : io.stdout)(renderTable(doc, { wide: options.wide === true }));
}

export async function main(args: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const options = parseOptions(args);
    if (!options) return 0;
    const doc = await runBench(options, ['lrkit-bench', ...args].join(' '));
    emit(doc, options, io);
    return 0;
  } catch (err) {
    return reportError('lrkit-bench', err, { write: io.stderr });
  }
}
