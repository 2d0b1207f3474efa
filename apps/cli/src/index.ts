// The `lrkit` executable. The main thread keeps what must answer at once: SIGINT, SIGTERM, a closed stdout,
// the temporary files to remove then. The command runs in a worker thread (work.ts), so no work, however
// long its synchronous stretches, delays a stop (work-link.ts says why and how).
import { MessageChannel, receiveMessageOnPort, SHARE_ENV, Worker } from 'node:worker_threads';
import { lookOf, type MainMessage, type WorkData, type WorkMessage } from './work-link';

/** How long the work thread may linger after its command is done. */
const DONE_GRACE_MS = 2000;
/**
 * How long a stop waits for the work thread's JavaScript to halt: a write or fsync in progress finishes
 * first (milliseconds), but a thread blocked in a system call (an open() of a FIFO) never halts, and the
 * stop must not hang on it.
 */
const HALT_MS = 1000;

// The work thread first: its start (a V8 isolate, Node's bootstrap) runs beside this thread's loading of
// the clean-up. Its messages wait in the port until the listener below is attached.
const { port1: link, port2: workEnd } = new MessageChannel();
const data: WorkData = { argv: process.argv, stdout: lookOf(process.stdout), stderr: lookOf(process.stderr), link: workEnd };
// SHARE_ENV: the command's process.env is the process's own, as in a program without the thread. A worker's
// default is a copy that native code never sees, so a variable set for a native module it loads
// (onnxruntime-node's ORT_DISABLE_TELEMETRY, which @lrkit/train sets) would not reach that module's getenv.
const work = new Worker(new URL('./work.js', import.meta.url), { workerData: data, transferList: [workEnd], env: SHARE_ENV });

const { GracefulStop, installShutdown, TempFiles } = await import('./shutdown');
const temp = new TempFiles();
const graceful = new GracefulStop();
let code: number | undefined;

function take(message: WorkMessage): void {
  if (message.type === 'temp-add') temp.add(message.path);
  else if (message.type === 'temp-delete') temp.delete(message.path);
  else if (message.type === 'done') {
    code = message.code;
    // The command is over; a handle it left open (a lost server's client still reconnecting) must not hold
    // the process. The grace lets the work thread's last output through first.
    setTimeout(() => void work.terminate(), DONE_GRACE_MS).unref();
  } else {
    // A command that winds down on its own (a sweep worker): the first signal goes to it.
    graceful.claim().addEventListener('abort', (e) => {
      const signal = (e.target as AbortSignal).reason as MainMessage['signal'];
      link.postMessage({ type: 'stop', signal } satisfies MainMessage);
    });
  }
}
link.on('message', take);
link.unref();

/** What the work thread said that this one has not read yet: read before acting on a signal. */
function catchUp(): void {
  for (let m = receiveMessageOnPort(link); m; m = receiveMessageOnPort(link)) take(m.message as WorkMessage);
}

/** Stops the work thread, so that it registers and creates no file once the clean-up has looked. */
function halt(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, HALT_MS);
    work.terminate().then(() => resolve(), () => resolve());
  });
}

installShutdown(temp, graceful, catchUp, halt);

work.on('error', (err) => {
  // An exception the command did not catch (it catches its own): a bug, said as every other one is.
  void import('./errors').then(({ reportError }) => {
    process.exitCode = reportError(err, process.stderr);
  });
});
work.on('exit', () => {
  catchUp();
  // Writers remove their own temporary files; this catches one the work thread left registered.
  temp.removeAll();
  // exitCode, not exit(): a piped stdout gets flushed before the process ends.
  process.exitCode ??= code ?? 1;
});
