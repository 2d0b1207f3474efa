import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EpochLog } from '@lrkit/train';
import type { EpochReport } from './run-trial';
import type { ParentMessage, TrialRecord, TrialRequest } from './trial';

/** What a trial process says: an epoch (with the trial's values so far where the sweep prunes: it then waits for a verdict), or its result. */
export type ChildMessage = { type: 'epoch'; id: string; log: EpochLog; values?: number[] } | { type: 'result'; record: TrialRecord };

/** The forked script, beside this module in dist/. Tests running the sources pass dist's path. */
export const defaultTrialScript = fileURLToPath(new URL('./trial-process.js', import.meta.url));

/** A process that died mid-trial gives the trial back; after this many tries it is reported failed. */
export const MAX_ATTEMPTS = 3;

/** The trial process died (killed, out of memory...) before it reported a result. */
export class TrialProcessDied extends Error {}

/**
 * A child process that runs trials one at a time, kept from trial to trial. Training is synchronous work:
 * in a child it leaves the parent's event loop free (for a queue worker, to renew its job locks).
 */
export class TrialProcess {
  private readonly child: ChildProcess;
  private pending: { resolve: (r: TrialRecord) => void; reject: (e: Error) => void; onEpoch: EpochReport } | undefined;
  private exited = false;

  constructor(script: string = defaultTrialScript) {
    this.child = fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.child.on('message', (message: ChildMessage) => {
      if (message.type === 'epoch') {
        const asked = this.pending?.onEpoch(message.log, message.values);
        // The trial waits for its verdict; a board that cannot answer (a lost queue) ends the attempt.
        if (message.values) {
          Promise.resolve(asked).then(
            (verdict) => this.send({ type: 'verdict', verdict: verdict ?? null }),
            () => this.kill(),
          );
        }
      } else {
        const p = this.pending;
        this.pending = undefined;
        p?.resolve(message.record);
      }
    });
    const died = (why: string) => {
      this.exited = true;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new TrialProcessDied(`the trial process died (${why})`));
    };
    this.child.on('exit', (code, signal) => died(signal ?? `exit code ${code}`));
    this.child.on('error', (e) => died(e.message));
  }

  get alive(): boolean {
    return !this.exited;
  }

  run(request: TrialRequest, onEpoch: EpochReport = () => undefined): Promise<TrialRecord> {
    if (this.pending) throw new Error('a TrialProcess runs one trial at a time');
    if (this.exited) return Promise.reject(new TrialProcessDied('the trial process had already exited'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, onEpoch };
      this.send({ type: 'run', request });
    });
  }

  private send(message: ParentMessage): void {
    if (!this.exited && this.child.connected) this.child.send(message);
  }

  /** Lets the child end (it exits when the IPC channel closes). */
  close(): void {
    if (!this.exited && this.child.connected) this.child.disconnect();
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

export interface PoolOptions {
  workers: number;
  trialScript?: string;
  /** Each epoch of each trial; where the sweep prunes, with the trial's values so far, answered with a verdict. */
  onEpoch?: (id: string, ...report: Parameters<EpochReport>) => ReturnType<EpochReport>;
  onStart?: (id: string, params: Record<string, unknown>) => void;
}

/**
 * Runs trials in `workers` child processes. `next()` hands out the next request (undefined when none is
 * left; a promise where the next request waits on results: TPE's batches)
 * left), so the caller can shape each one when it starts (pruning thresholds from the trials finished so
 * far). A trial whose process dies is given back and run again, at most MAX_ATTEMPTS times in all.
 */
export async function runInProcesses(
  next: () => TrialRequest | undefined | Promise<TrialRequest | undefined>,
  onRecord: (record: TrialRecord) => void,
  options: PoolOptions,
): Promise<void> {
  const retries: TrialRequest[] = [];
  const attempts = new Map<string, number>();
  // A lane whose trial's process died takes the retry itself, first: a lane waiting in next() never holds it up.
  const take = async () => retries.shift() ?? (await next());

  const lane = async (): Promise<void> => {
    let proc: TrialProcess | undefined;
    try {
      for (let request = await take(); request; request = await take()) {
        if (!proc?.alive) proc = new TrialProcess(options.trialScript);
        const tries = (attempts.get(request.id) ?? 0) + 1;
        attempts.set(request.id, tries);
        options.onStart?.(request.id, request.params);
        const id = request.id;
        try {
          onRecord(await proc.run(request, (log, values) => options.onEpoch?.(id, log, values)));
        } catch (e) {
          if (!(e instanceof TrialProcessDied)) throw e;
          if (tries >= MAX_ATTEMPTS) onRecord({ id, params: request.params, status: 'failed', history: [], error: `${e.message}, ${MAX_ATTEMPTS} times` });
          else retries.push(request);
        }
      }
    } finally {
      proc?.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, lane));
}
