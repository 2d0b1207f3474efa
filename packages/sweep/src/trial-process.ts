// The script the trial pool forks: it runs the trials it is sent, one at a time, off the parent's event
// loop (training is synchronous work), and reports each epoch and each result back over IPC. Its trials
// share one table cache: the data file is parsed once, not once per trial.
import { tableCache } from '@lrkit/train/internal';
import { runTrial } from './run-trial';
import type { TrialRequest } from './trial';
import type { ChildMessage } from './pool';

function send(message: ChildMessage): void {
  // A parent gone mid-trial (killed, or stopped by a second Ctrl-C) leaves no one to tell: the write fails
  // with EPIPE, which the callback takes (no 'error' event, no stack trace on the terminal), and the trial
  // ends with the process.
  if (process.connected) process.send?.(message, undefined, undefined, (err: Error | null) => err && process.exit(0));
}

const tables = tableCache();

process.on('message', (request: TrialRequest) => {
  void runTrial(request, (log) => send({ type: 'epoch', id: request.id, log }), tables).then((record) => send({ type: 'result', record }));
});
// The parent went away (it ended, or was killed): nothing left to report to.
process.on('disconnect', () => process.exit(0));
