import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EpochLog } from '@lrkit/train';
import type { TrialRecord, TrialRequest } from './trial';

export type ChildMessage = { type: 'epoch'; id: string; log: EpochLog } | { type: 'result'; record: TrialRecord };

/** The forked script, beside this module in dist/. Tests running the sources pass dist's path. */
export const defaultTrialScript = fileURLToPath(new URL('./trial-process.js', import.meta.url));

/** A process that died mid-trial gives the trial back; after this many tries it is reported failed. */
export const MAX_ATTEMPTS = 3;

export interface PoolOptions {
  workers: number;
  trialScript?: string;
  onEpoch?: (id: string, log: EpochLog) => void;
  onStart?: (id: string) => void;
}

/**
 * Runs trials in `workers` child processes, one trial at a time each, processes reused from trial to
 * trial. `next()` hands out the next request (or undefined when none is left), so the caller can shape
 * each request when it starts (pruning thresholds from the trials finished so far). Resolves when every
 * handed-out trial has a record.
 */
export async function runInProcesses(
  next: () => TrialRequest | undefined,
  onRecord: (record: TrialRecord) => void,
  options: PoolOptions,
): Promise<void> {
  const script = options.trialScript ?? defaultTrialScript;
  const retries: TrialRequest[] = [];
  const attempts = new Map<string, number>();
  const take = () => retries.shift() ?? next();

  await new Promise<void>((resolveAll, rejectAll) => {
    let live = 0;
    let failed = false;
    const startWorker = (): void => {
      const first = take();
      if (!first) {
        if (live === 0) resolveAll();
        return;
      }
      live += 1;
      const child: ChildProcess = fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      let current: TrialRequest | undefined;
      const run = (request: TrialRequest) => {
        current = request;
        attempts.set(request.id, (attempts.get(request.id) ?? 0) + 1);
        options.onStart?.(request.id);
        child.send(request);
      };
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'epoch') options.onEpoch?.(message.id, message.log);
        else {
          current = undefined;
          try {
            onRecord(message.record);
          } catch (e) {
            failed = true;
            rejectAll(e);
          }
          const request = failed ? undefined : take();
          if (request) run(request);
          else child.disconnect();
        }
      });
      child.on('error', (e) => {
        failed = true;
        rejectAll(e);
      });
      child.on('exit', (code, signal) => {
        live -= 1;
        if (current) {
          const lost = current;
          current = undefined;
          if ((attempts.get(lost.id) ?? 0) >= MAX_ATTEMPTS) {
            onRecord({ id: lost.id, params: lost.params, status: 'failed', history: [], error: `the trial process died ${MAX_ATTEMPTS} times (last: ${signal ?? `exit code ${code}`})` });
          } else retries.push(lost);
        }
        if (!failed) startWorker();
        if (live === 0 && !failed && retries.length === 0) resolveAll();
      });
      run(first);
    };
    for (let i = 0; i < Math.max(1, options.workers); i++) startWorker();
  });
}
