// The script the trial pool forks: it runs the trials it is sent, one at a time, off the parent's event
// loop (training is synchronous work), and reports each epoch and each result back over IPC. Where the
// sweep prunes, it waits after each epoch for the parent's verdict (the parent sees every trial). Its
// trials share one table cache: the data file is parsed once, not once per trial.
import { tableCache } from '@lrkit/train/internal';
import type { PruneVerdict } from './prune/rules';
import { runTrial } from './run-trial';
import type { ParentMessage } from './trial';
import type { ChildMessage } from './pool';

function send(message: ChildMessage): void {
  // A parent gone mid-trial (killed, or stopped by a second Ctrl-C) leaves no one to tell: the write fails
  // with EPIPE, which the callback takes (no 'error' event, no stack trace on the terminal), and the trial
  // ends with the process.
  if (process.connected) process.send?.(message, undefined, undefined, (err: Error | null) => err && process.exit(0));
}

const tables = tableCache();
let answer: ((verdict: PruneVerdict | null) => void) | undefined;

process.on('message', (message: ParentMessage) => {
  if (message.type === 'verdict') {
    const a = answer;
    answer = undefined;
    a?.(message.verdict);
    return;
  }
  const { request } = message;
  void runTrial(request, (log, values) => {
    if (!values) return send({ type: 'epoch', id: request.id, log });
    return new Promise<PruneVerdict | null>((resolve) => {
      answer = resolve;
      send({ type: 'epoch', id: request.id, log, values: [...values] });
    });
  }, tables).then((record) => send({ type: 'result', record }));
});
// The parent went away (it ended, or was killed): nothing left to report to.
process.on('disconnect', () => process.exit(0));
