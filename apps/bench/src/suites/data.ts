// The data-loading suite: one seeded numeric CSV (1M rows x 20 columns, 170 MB; 200k rows with --quick),
// written to a temporary folder and removed after, read by pandas.read_csv, by csv-parse alone (the CSV
// library lrkit's reader builds on), by lrkit's readTable, and trained on by lrkit up to its first step.
// Each sample is a fresh process, so a cold start and module loading count as they do for a user.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contender, Sample } from '../measure';
import { ratiosAgainst } from '../measure';
import { measuredRow, unavailableRow, type MetricSpec } from '../rows';
import type { BenchResult } from '../types';
import { measure, type Suite } from './context';

export const DATA_COLUMNS = 20;
export const DATA_SEED = 12345;
export const PANDAS = 'pandas.read_csv';
export const FIRST_STEP = 'lrkit train';

/** A row's metric, short so the table stays within 120 columns; the file's size is in the row's note. */
export function dataMetric(what: 'read' | 'to first step'): MetricSpec {
  return { key: 'ms', metric: what, unit: 'ms', better: 'lower' };
}

/** The file, for the rows' notes: "1M x 20 CSV". */
function fileLabel(rows: number): string {
  return `${(rows / 1e6).toLocaleString('en-US')}M x ${DATA_COLUMNS} CSV`;
}

/**
 * Writes the suite's CSV to `path`: a header f0..f18,y, then `rows` lines of 19 numbers in [-100, 100) to 4
 * decimals and a 0/1 target, from a seeded linear congruential generator (the same bytes every run).
 */
export function writeNumericCsv(path: string, rows: number, seed: number = DATA_SEED): void {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${Array.from({ length: DATA_COLUMNS - 1 }, (_, j) => `f${j}`).join(',')},y\n`);
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const cells = Array.from({ length: DATA_COLUMNS - 1 }, () => ((next() - 0.5) * 200).toFixed(4));
      lines.push(`${cells.join(',')},${next() < 0.5 ? 0 : 1}`);
      if (lines.length === 10_000 || i === rows - 1) writeSync(fd, `${lines.splice(0).join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Runs a command; its last stdout line is the sample (JSON), and `wallMs` is added: spawn to exit. */
function runSample(command: string, args: readonly string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${command} exited ${code}: ${err.trim().split('\n').pop() ?? ''}`));
      else resolve({ ...(JSON.parse(last) as Sample), wallMs });
    });
  });
}

// What each child prints: the milliseconds it measured, its CPU time and its peak RSS.
const NODE_REPORT = `console.log(JSON.stringify({ ms, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024 }))`;

/** pandas.read_csv to a float32 array, timed without `import pandas` (read_csv alone is the bar). */
const PANDAS_CODE = `
import resource, sys, time
import pandas as pd
t, c = time.perf_counter(), time.process_time()
x = pd.read_csv(sys.argv[1]).to_numpy(dtype='float32')
print('{"ms": %f, "cpuMs": %f, "rssMb": %f}' % ((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
`;

function nodeContender(impl: string, code: string, file: string): Contender {
  return { impl, sample: () => runSample(process.execPath, ['-e', code, file]) };
}

/** The contenders; lrkit's modules and csv-parse resolved here, where they are installed. */
function contenders(file: string, python: string | undefined): Contender[] {
  const require = createRequire(import.meta.url);
  const data = JSON.stringify(require.resolve('@lrkit/data'));
  const trainModule = JSON.stringify(require.resolve('@lrkit/train'));
  const csvParse = JSON.stringify(createRequire(require.resolve('@lrkit/data')).resolve('csv-parse/sync'));
  const out: Contender[] = [];
  if (python) out.push({ impl: PANDAS, sample: () => runSample(python, ['-c', PANDAS_CODE, file]) });
  out.push(
    nodeContender(
      'csv-parse alone',
      `const t = performance.now(); const { parse } = require(${csvParse}); let n = 0;
       parse(require('fs').readFileSync(process.argv[1]), { trim: true, skip_empty_lines: true, on_record: () => (n++, null) });
       const ms = performance.now() - t; ${NODE_REPORT}`,
      file,
    ),
    nodeContender(
      'lrkit readTable',
      `const t = performance.now(); require(${data}).readTable(process.argv[1]).then(() => { const ms = performance.now() - t; ${NODE_REPORT} })`,
      file,
    ),
    // From the process's start (performance.now() counts from it) to the end of the first training step.
    nodeContender(
      FIRST_STEP,
      `require(${trainModule}).train({ data: process.argv[1], target: 'y', epochs: 1 }, { hooks: [{ onStep() {
         const ms = performance.now(); ${NODE_REPORT}; process.exit(0); } }] })`,
      file,
    ),
  );
  return out;
}

/** A Python that imports pandas: `--python`, else python3, else /usr/bin/python3 (Debian's python3-pandas). */
async function pandasPython(explicit: string | undefined): Promise<{ path: string } | { why: string }> {
  const tried: string[] = [];
  for (const path of explicit ? [explicit] : ['python3', '/usr/bin/python3']) {
    try {
      await runSample(path, ['-c', 'import pandas; print("{}")']);
      return { path };
    } catch (err) {
      tried.push(`${path}: ${(err as Error).message}`);
    }
  }
  return { why: `no Python that imports pandas (${tried.join('; ')})` };
}

export const dataSuite: Suite = async (ctx) => {
  const rows = ctx.options.quick ? 200_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-bench-data-'));
  const file = join(dir, 'numeric.csv');
  const results: BenchResult[] = [];
  try {
    ctx.progress.note(`data: writing ${rows.toLocaleString('en-US')} rows x ${DATA_COLUMNS} columns (seed ${DATA_SEED}) to ${file}`);
    writeNumericCsv(file, rows);
    const python = await pandasPython(ctx.options.python);
    if ('why' in python) results.push(unavailableRow('data', PANDAS, dataMetric('read').metric, 'ms', python.why));
    const runs = await measure(ctx, 'data: reading the CSV', contenders(file, 'path' in python ? python.path : undefined));
    for (const run of runs) {
      const spec = dataMetric(run.impl === FIRST_STEP ? 'to first step' : 'read');
      const ratios = run.impl === PANDAS ? [] : ratiosAgainst(run, runs, [PANDAS], 'ms', 'lower');
      const cpu = run.samples.map((s) => s?.cpuMs).filter((v): v is number => v !== undefined);
      const rss = run.samples.map((s) => s?.rssMb).filter((v): v is number => v !== undefined);
      const usage = cpu.length > 0 ? `, CPU ${Math.round(Math.min(...cpu))} ms, peak RSS ${Math.round(Math.max(...rss))} MB` : '';
      results.push(measuredRow('data', run, spec, { ratios, note: `${fileLabel(rows)}${usage}` }));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
};
