// How a run ends when the user or the pipe ends it: Ctrl-C (SIGINT), `kill` (SIGTERM), or a reader that
// closed stdout (`lrkit schedule ... | head -1`). Like a well-made Unix tool: one line on stderr for a
// signal and silence for a closed pipe, every temporary file removed, the cursor shown again, and the
// status a shell expects: after cleaning up, lrkit dies of the signal itself (the shell shows 130 or 143,
// and a calling script sees that its child was interrupted, so its own loop stops too); a closed pipe
// exits 141, SIGPIPE's number.
import { TempFiles } from '@lrkit/io';

// index.ts and program.ts take TempFiles from here, beside the rest of the way out.
export { TempFiles };

/**
 * A command that stops on its own terms (a queue worker finishing the trials it runs) claims the stop
 * signals: the first SIGINT or SIGTERM then aborts its AbortSignal instead of ending the process, and the
 * command winds down and returns; a second signal ends the process as usual.
 */
export class GracefulStop {
  private controller: AbortController | undefined;
  /** `onClaim` runs once, at the first claim (the work thread tells the main thread, which keeps the signals). */
  constructor(private readonly onClaim: () => void = () => undefined) {}
  claim(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      this.onClaim();
    }
    return this.controller.signal;
  }
  /** Hands `signal` to the claimant, if there is one that has not had one yet. */
  take(signal: StopSignal): boolean {
    if (!this.controller || this.controller.signal.aborted) return false;
    this.controller.abort(signal);
    return true;
  }
}

export const EXIT_SIGPIPE = 128 + 13;
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** ESC [ ? 25 h: the progress bar hides the cursor while it draws; a stopped run must show it again. */
const SHOW_CURSOR = '\x1b[?25h';

interface Terminal {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ShutdownIo {
  stdout: Terminal;
  stderr: Terminal;
  exit(code: number): void;
  /** Ends the process by `signal` with its default action. */
  raise(signal: StopSignal): void;
}

/**
 * The way out on SIGINT or SIGTERM: clean up, restore the terminal, say so in one line, then die of the
 * signal. Not process.exit(): Node's exit waits for its thread pool, and a thread blocked in a system call
 * (an open() of a FIFO, a read of a slow device) would hold the process after the message.
 */
export function stopOnSignal(signal: StopSignal, temp: TempFiles, io: ShutdownIo): void {
  temp.removeAll();
  // The bar is drawn on a terminal stdout; its line is left as it was and the message starts below it.
  const terminal = io.stdout.isTTY ? io.stdout : io.stderr.isTTY ? io.stderr : undefined;
  terminal?.write(`${SHOW_CURSOR}\n`);
  io.stderr.write(`lrkit: stopped by ${signal}\n`);
  io.raise(signal);
}

/**
 * The way out when writing stdout or stderr fails: a closed pipe (EPIPE) ends the run quietly with
 * SIGPIPE's 141, as `seq 1e9 | head -1` does; anything else is said on stderr, if stderr still works.
 */
export function stopOnOutputError(err: NodeJS.ErrnoException, stream: 'stdout' | 'stderr', temp: TempFiles, io: ShutdownIo): void {
  temp.removeAll();
  if (err.code === 'EPIPE') {
    io.exit(EXIT_SIGPIPE);
    return;
  }
  if (stream === 'stdout') io.stderr.write(`lrkit: cannot write the output: ${err.message}\n`);
  io.exit(1);
}

/**
 * Installs the handlers on this process. Node runs a signal handler only when the event loop turns: this is
 * the main thread's, which runs no command (the work is in a worker thread: work-link.ts), so the handlers
 * run at once whatever the work is doing. The work thread runs on meanwhile, though: between registering a
 * temporary file and creating it, or while it fsyncs one, the clean-up could look, find nothing yet, and the
 * file would appear after it. So `halt` stops the work thread first, then `catchUp` takes in what it said
 * and the main thread has not read yet (a temporary file just registered), and only then are the files
 * removed.
 */
export function installShutdown(
  temp: TempFiles,
  graceful: GracefulStop,
  catchUp: () => void = () => undefined,
  halt: () => Promise<void> = () => Promise.resolve(),
  proc: NodeJS.Process = process,
): void {
  const io: ShutdownIo = {
    stdout: proc.stdout,
    stderr: proc.stderr,
    exit: (code) => proc.exit(code),
    raise: (signal) => {
      // With no listener left Node restores the default action, which the kernel carries out at once.
      proc.removeAllListeners(signal);
      proc.kill(proc.pid, signal);
    },
  };
  let leaving = false;
  // A second signal while the work thread is being halted does not wait for it a second time.
  const leave = (way: () => void): void => {
    if (leaving) {
      catchUp();
      way();
      return;
    }
    leaving = true;
    void halt().then(() => {
      catchUp();
      way();
    });
  };
  for (const signal of STOP_SIGNALS) {
    proc.on(signal, () => {
      catchUp();
      if (!leaving && graceful.take(signal)) proc.stderr.write(`lrkit: ${signal}: finishing what is running, then stopping (${signal} again to stop at once)\n`);
      else leave(() => stopOnSignal(signal, temp, io));
    });
  }
  proc.stdout.on('error', (err: NodeJS.ErrnoException) => leave(() => stopOnOutputError(err, 'stdout', temp, io)));
  proc.stderr.on('error', (err: NodeJS.ErrnoException) => leave(() => stopOnOutputError(err, 'stderr', temp, io)));
}

/** Lets messages from the main thread (a claimed stop signal) be handled: a macrotask, so the event loop turns once. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
