// The script the trial pool forks: it runs the trials it is sent, one at a time, off the parent's event
// loop (training is synchronous work), and reports each epoch and each result back over IPC.
import { runTrial } from './run-trial';
import type { TrialRequest } from './trial';
import type { ChildMessage } from './pool';

function send(message: ChildMessage): void {
  // A parent killed mid-trial leaves no one to tell.
  if (process.connected) process.send?.(message);
}

process.on('message', (request: TrialRequest) => {
  void runTrial(request, (log) => send({ type: 'epoch', id: request.id, log })).then((record) => send({ type: 'result', record }));
});
// The parent went away (it ended, or was killed): nothing left to report to.
process.on('disconnect', () => process.exit(0));
