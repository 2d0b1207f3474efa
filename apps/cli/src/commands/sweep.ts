// `lrkit sweep`: run a sweep file on this machine (the embedded default: child processes, state on disk)
// or across machines on a BullMQ queue (--queue), and look at it: status, ranked table, HTML report.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { SweepEvent, SweepOutcome, TrialRecord } from '@lrkit/sweep';
import { nonEmpty, port, positiveInt, UsageError } from '@lrkit/app-kit';
import { checkOutputPath, refuseInputAsOutput, writeOutput } from '@lrkit/io';
import type { CliContext } from '../context';

const loadSweep = () => import('@lrkit/sweep');

interface CommonFlags {
  stateDir?: string;
  queue?: string;
  json?: boolean;
}

interface RunFlags extends CommonFlags {
  workers?: number;
  lockMs?: number;
  retryFailed?: boolean;
}

/** `--workers`: 0 (a pure coordinator, with --queue) or more. */
function workerCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`--workers must be a non-negative integer, got '${value}'`);
  return n;
}

const fmt = (v: number | undefined) => (v === undefined ? '' : Number.isFinite(v) ? v.toFixed(4) : String(v));

/** The trials ranked, as a text table: rank, id, each param, the metric, status (with `note`: @lrkit/sweep's trialNote). */
export function rankedTable(outcome: Pick<SweepOutcome, 'trials' | 'metric'>, note: (t: TrialRecord) => string): string {
  const keys = [...new Set(outcome.trials.flatMap((t) => Object.keys(t.params)))];
  const rows = [
    ['#', 'trial', ...keys, outcome.metric, 'epochs', 'status'],
    ...outcome.trials.map((t, i) => [
      String(i + 1),
      t.id,
      ...keys.map((k) => (t.params[k] === undefined ? '' : typeof t.params[k] === 'number' ? String(Number((t.params[k] as number).toPrecision(4))) : JSON.stringify(t.params[k]))),
      fmt(t.metrics?.[outcome.metric]),
      String(t.history.length),
      t.status === 'done' ? 'done' : `${t.status}: ${note(t)}`,
    ]),
  ];
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (j === rows[0]!.length - 1 ? 0 : r[j]!.length))));
  return rows.map((r) => r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(widths[j]!))).join('  ').trimEnd()).join('\n');
}

/** The `--json` document: every trial once, ranked, and the best. */
export function outcomeJson(outcome: SweepOutcome): Record<string, unknown> {
  return { name: outcome.name, metric: outcome.metric, mode: outcome.mode, trials: outcome.trials, best: outcome.best ?? null };
}

/**
 * Progress for people. On a terminal, a table redrawn in place (trial, settings, epoch, loss, metric);
 * otherwise one line per finished trial. With --json the lines go to stderr, as `lrkit train`'s do.
 */
async function progressReporter(metric: string, out: NodeJS.WriteStream): Promise<{ onEvent: (e: SweepEvent) => void; stop: () => void }> {
  const tty = out === process.stdout && process.stdout.isTTY === true;
  const { paramText, trialNote } = await loadSweep();
  const rows = new Map<string, { params: Record<string, unknown>; state: string; epoch: string; loss: string; metric: string; order?: number }>();
  let total = 0;
  let finished = 0;
  const draw = tty ? (await import('log-update')).default : undefined;
  const render = () => {
    if (!draw) return;
    const lines = [`sweep: ${finished}/${total} trials finished`];
    // The running trials and the last few finished: a sweep of hundreds would not fit a screen.
    const shown = [...rows].filter(([, r]) => r.state !== 'queued');
    const done = shown.filter(([, r]) => r.order !== undefined).sort(([, a], [, b]) => a.order! - b.order!);
    const recent = new Set(done.slice(-3).map(([id]) => id));
    for (const [id, r] of shown) {
      if (r.state !== 'running' && !recent.has(id)) continue;
      lines.push(`  ${id}  ${r.state.padEnd(8)} ${r.epoch.padStart(7)}  loss ${r.loss.padEnd(7)} ${metric} ${r.metric.padEnd(7)} ${paramText(r.params)}`);
    }
    draw(lines.join('\n'));
  };
  return {
    onEvent(e) {
      if (e.type === 'start') {
        total = e.total ?? e.trials.length;
        finished = e.finished;
        for (const t of e.trials) rows.set(t.id, { params: t.params, state: 'queued', epoch: '', loss: '', metric: '' });
        if (!tty) out.write(`sweep: ${total} trials, ${finished} already finished\n`);
      } else if (e.type === 'trial-start') {
        // A TPE trial is known only when it starts (chosen from the ones finished before it).
        if (!rows.has(e.id) && e.params) rows.set(e.id, { params: e.params, state: 'queued', epoch: '', loss: '', metric: '' });
        const r = rows.get(e.id);
        if (r) r.state = 'running';
      } else if (e.type === 'requeued') {
        for (const id of e.ids) {
          const r = rows.get(id);
          if (r) Object.assign(r, { state: 'queued', epoch: '', loss: '' });
        }
        // On a terminal the table is wiped first: the line stays above it, where the redraw leaves it alone.
        const line = `sweep: ${e.ids.length} trial${e.ids.length === 1 ? '' : 's'} enqueued again: ${e.reason}`;
        if (draw) draw.clear();
        out.write(`${line}\n`);
      } else if (e.type === 'epoch') {
        const r = rows.get(e.id);
        if (r) Object.assign(r, { epoch: `${e.log.epoch}/${e.log.epochs}`, loss: fmt(e.log.loss) });
      } else {
        finished += 1;
        const t: TrialRecord = e.record;
        const r = rows.get(t.id);
        if (r) Object.assign(r, { state: t.status, metric: fmt(t.metrics?.[metric as 'accuracy']), order: finished });
        if (!tty) {
          out.write(`[${finished}/${total}] ${t.status.padEnd(6)} ${t.id}  ${paramText(t.params)}  ${t.status === 'done' ? `${metric} ${fmt(t.metrics?.[metric as 'accuracy'])}` : trialNote(t)}\n`);
        }
      }
      render();
    },
    stop: () => draw?.done(),
  };
}

async function runSweepCommand(file: string, flags: RunFlags, context: CliContext): Promise<void> {
  const sweep = await loadSweep();
  const spec = sweep.readSweepFile(file);
  sweep.checkTrialCount(spec, file);
  if (flags.workers === 0 && !flags.queue) throw new UsageError('--workers 0 runs no trials here: it needs --queue URL (workers elsewhere run them)');
  const stateDir = new sweep.SweepState(flags.stateDir ?? sweep.DEFAULT_STATE_ROOT, spec.name).dir;
  refuseInputAsOutput([{ path: stateDir, name: `the state of sweep '${spec.name}'`, folder: true }], [{ path: file, name: 'the sweep file' }]);
  const progress = await progressReporter(spec.metric, flags.json ? process.stderr : process.stdout);
  let outcome: SweepOutcome;
  try {
    const common = {
      workers: flags.workers ?? availableParallelism(),
      onEvent: progress.onEvent,
      tempFiles: context.temp,
      ...(flags.stateDir ? { stateRoot: flags.stateDir } : {}),
      ...(flags.retryFailed ? { retryFailed: true } : {}),
    };
    outcome = flags.queue
      ? await sweep.runDistributed(spec, { ...common, queue: flags.queue, ...(flags.lockMs ? { lockMs: flags.lockMs } : {}) })
      : await sweep.runEmbedded(spec, common);
  } finally {
    progress.stop();
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(outcomeJson(outcome))}\n`);
  else process.stdout.write(`\n${rankedTable(outcome, sweep.trialNote)}\n${outcome.best ? `best: ${outcome.best.id} (${sweep.paramText(outcome.best.params)}) ${outcome.metric} ${fmt(outcome.best.metrics?.[outcome.metric])}` : 'best: none (no trial finished)'}\n`);
  // A sweep that produced nothing is not a success, whatever the table says.
  const failed = sweep.allFailed(outcome);
  if (failed) throw new sweep.SweepFailure(`${failed}${flags.retryFailed ? '' : '; once the cause is fixed, --retry-failed runs them again'}`);
}

/**
 * A sweep's trials as far as they got: from the queue with --queue, else from the state on disk; `order`
 * (the trials' ids in the sweep's order) from the state's manifest where this machine has one.
 */
async function readOutcome(name: string, flags: CommonFlags): Promise<{ outcome: SweepOutcome; pending: number; running: number; order?: string[] }> {
  const sweep = await loadSweep();
  sweep.checkSweepName(name);
  const state = new sweep.SweepState(flags.stateDir ?? sweep.DEFAULT_STATE_ROOT, name);
  if (flags.queue) {
    const found = await sweep.distributedStatus(name, { queue: flags.queue, ...(flags.stateDir ? { stateRoot: flags.stateDir } : {}) });
    return state.exists() ? { ...found, order: state.readManifest().trials.map((t) => t.id) } : found;
  }
  const manifest = state.readManifest();
  const records = state.records();
  const outcome = sweep.outcomeOf(manifest.spec, manifest.trials, records);
  return { outcome, pending: manifest.trials.length - outcome.trials.length, running: 0, order: manifest.trials.map((t) => t.id) };
}

async function statusCommand(name: string, flags: CommonFlags): Promise<void> {
  const { outcome, pending, running } = await readOutcome(name, flags);
  const { trialNote } = await loadSweep();
  const count = (s: string) => outcome.trials.filter((t) => t.status === s).length;
  const summary = { name, total: outcome.trials.length + pending, done: count('done'), pruned: count('pruned'), failed: count('failed'), running, pending: pending - running };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, ...outcomeJson(outcome) })}\n`);
    return;
  }
  process.stdout.write(
    `sweep ${name}: ${summary.total} trials: ${summary.done} done, ${summary.pruned} pruned, ${summary.failed} failed, ${summary.running} running, ${summary.pending} waiting\n` +
      (outcome.trials.length ? `${rankedTable(outcome, trialNote)}\n` : ''),
  );
}

async function reportCommand(name: string, flags: CommonFlags & { out: string }, context: CliContext): Promise<void> {
  checkOutputPath(flags.out, '--out');
  const sweep = await loadSweep();
  const state = new sweep.SweepState(flags.stateDir ?? sweep.DEFAULT_STATE_ROOT, name);
  refuseInputAsOutput([{ path: flags.out, name: '--out' }], [{ path: state.dir, name: `the state of sweep '${name}'`, folder: true }]);
  const { outcome, pending, order } = await readOutcome(name, flags);
  writeOutput(flags.out, sweep.renderReport(outcome, { pending, ...(order ? { order } : {}) }), { flag: '--out', temp: context.temp });
  process.stdout.write(`Wrote ${flags.out} (${outcome.trials.length} trials${pending ? `, ${pending} not finished` : ''})\n`);
}

interface ServeFlags extends CommonFlags {
  port: number;
  interval?: number;
}

async function serveCommand(name: string, flags: ServeFlags, context: CliContext): Promise<void> {
  const sweep = await loadSweep();
  const read = async () => {
    const { outcome, pending, order } = await readOutcome(name, flags);
    return { outcome, pending, ...(order ? { order } : {}) };
  };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // The first read is checked here: a sweep that does not exist is refused before any server starts.
  const server = await sweep.serveReport({ read, port: flags.port, intervalMs: flags.interval ?? (flags.queue ? 2000 : 1000), log });
  process.stdout.write(`Serving sweep '${name}' at ${server.url} (updates as trials finish; Ctrl-C stops)\n`);
  const stop = context.graceful.claim();
  await new Promise<void>((resolve) => (stop.aborted ? resolve() : stop.addEventListener('abort', () => resolve(), { once: true })));
  await server.close();
}

interface WorkerFlags {
  queue: string;
  concurrency?: number;
  lockMs?: number;
  /** --wait: true (until Ctrl-C) or its bound in seconds. */
  wait?: true | number;
}

async function workerCommand(flags: WorkerFlags, context: CliContext): Promise<void> {
  const { runQueueWorker } = await loadSweep();
  await runQueueWorker({
    queue: flags.queue,
    // The first SIGINT/SIGTERM lets the running trials finish (or be given back), then the worker exits 0.
    stop: context.graceful.claim(),
    concurrency: flags.concurrency ?? availableParallelism(),
    ...(flags.lockMs ? { lockMs: flags.lockMs } : {}),
    ...(flags.wait !== undefined ? { waitMs: flags.wait === true ? Infinity : flags.wait * 1000 } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
}

export function register(program: Command, context: CliContext): void {
  const sweep = program.command('sweep').description('run hyperparameter sweeps (lr x schedule x seed x ...) here or on a BullMQ queue, and report them');
  const stateDir = ['--state-dir <dir>', 'where sweeps keep their state (default: .lrkit/sweeps)'] as const;
  const queue = ['--queue <url>', 'a BullMQ queue: redis://HOST:PORT or postgres://USER@HOST:PORT/DB'] as const;
  const lockMs = ['--lock-ms <ms>', "how long a trial's job lock lasts unrenewed: a killed worker's trial is given back after about this (default 30000)", positiveInt('--lock-ms')] as const;
  sweep
    .command('run')
    .description('run every trial of a sweep file not yet finished; resumes where a stopped run left off')
    .argument('<file>', 'sweep file (JSON; schema: @lrkit/sweep/sweep.schema.json)')
    .option('--workers <n>', 'trials at once on this machine, each in a child process (default: the cores; 0 with --queue: coordinate only)', workerCount)
    .option(...queue)
    .option(...lockMs)
    .option(...stateDir)
    .option('--retry-failed', 'run the trials that failed before again (a missing file since restored...); without it a failed trial stays failed')
    .option('--json', 'end with one JSON document: every trial (id, params, metrics, status, history) and the best')
    .action(async (file: string, flags: RunFlags) => runSweepCommand(file, flags, context));
  sweep
    .command('status')
    .description("a sweep's trials so far: done, pruned, failed, waiting; ranked")
    .argument('<name>', 'the sweep\'s name (its file\'s "name")')
    .option(...queue)
    .option(...stateDir)
    .option('--json', 'one JSON document')
    .action(async (name: string, flags: CommonFlags) => statusCommand(name, flags));
  sweep
    .command('report')
    .description('one static HTML page: optimization history, the metric by each setting, parallel coordinates, setting importance, lr per step, loss curves with the pruning points, the settings table')
    .argument('<name>', "the sweep's name")
    .requiredOption('--out <file>', 'the HTML file to write (replaced atomically; a device or FIFO is written in place)', nonEmpty('--out'))
    .option(...queue)
    .option(...stateDir)
    .action(async (name: string, flags: CommonFlags & { out: string }) => reportCommand(name, flags, context));
  sweep
    .command('serve')
    .description('the report as a local page (127.0.0.1) that updates as trials finish, for a sweep running here or on a queue')
    .argument('<name>', "the sweep's name")
    .option('--port <n>', 'the port to listen on, on 127.0.0.1 (0: any free port; default 8080)', port('--port'), 8080)
    .option('--interval <ms>', 'how often the sweep is read (default 1000; 2000 with --queue)', positiveInt('--interval'))
    .option(...queue)
    .option(...stateDir)
    .action(async (name: string, flags: ServeFlags) => serveCommand(name, flags, context));
  sweep
    .command('worker')
    .description('run trials from a BullMQ queue until stopped (Ctrl-C finishes the current trials first)')
    .requiredOption(...queue)
    .option('--concurrency <n>', 'trials at once, each in a child process (default: the cores)', positiveInt('--concurrency'))
    .option(...lockMs)
    .option('--wait [seconds]', 'on a queue with no sweep yet, wait for one (at most this long; without a value, until Ctrl-C) instead of refusing', positiveInt('--wait'))
    .action(async (flags: WorkerFlags) => workerCommand(flags, context));
}
