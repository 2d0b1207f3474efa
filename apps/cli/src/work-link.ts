// The line between lrkit's two threads. The main thread keeps the signals, the terminal and the clean-up;
// the command runs in a worker thread (work.ts). Whatever the work does, even JavaScript that never returns
// (a plugin's endless lr(), a loop of a billion steps), the main thread's event loop stays free, so a
// SIGINT or SIGTERM is handled at once: it removes the temporary files the work registered, and the
// process dies of the signal, taking the worker with it.
// Types and one helper only: the main thread loads this before anything else, to start the work thread at once.
import type { MessagePort } from 'node:worker_threads';

/** What the work thread tells the main thread, in order. */
export type WorkMessage =
  | { type: 'temp-add'; path: string }
  | { type: 'temp-delete'; path: string }
  /** The command stops on its own terms: hand it the first stop signal (GracefulStop). */
  | { type: 'claim' }
  | { type: 'done'; code: number };

/** The link's end on the work thread: what LinkedTempFiles and the GracefulStop post to. */
export type LinkEnd = Pick<MessagePort, 'postMessage'>;

/** What the main thread tells the work thread: a claimed stop signal arrived. */
export type MainMessage = { type: 'stop'; signal: 'SIGINT' | 'SIGTERM' };

/** How the terminal looked to the main thread: a worker's stdout and stderr are pipes to it, never TTYs. */
export interface StreamLook {
  isTTY: boolean;
  columns?: number;
  rows?: number;
}

export interface WorkData {
  argv: string[];
  stdout: StreamLook;
  stderr: StreamLook;
  link: MessagePort;
}

export function lookOf(stream: NodeJS.WriteStream): StreamLook {
  return stream.isTTY ? { isTTY: true, columns: stream.columns, rows: stream.rows } : { isTTY: false };
}
