// The line between lrkit's two threads. The main thread keeps the signals, the terminal and the clean-up;
// the command runs in a worker thread (work.ts). Whatever the work does, even JavaScript that never returns
// (a plugin's endless lr(), a loop of a billion steps), the main thread's event loop stays free, so a
// SIGINT or SIGTERM is handled at once: it removes the temporary files the work registered, and the
// process dies of the signal, taking the worker with it.
import type { MessagePort } from 'node:worker_threads';
import { TempFiles } from './shutdown';

/** What the work thread tells the main thread, in order. */
export type WorkMessage =
  | { type: 'temp-add'; path: string }
  | { type: 'temp-delete'; path: string }
  /** The command stops on its own terms: hand it the first stop signal (GracefulStop). */
  | { type: 'claim' }
  | { type: 'done'; code: number };

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

/**
 * The work thread's registry of temporary files, mirrored on the main thread as each is added or deleted,
 * so that the main thread's signal handler removes exactly what the work left (it reads the messages not
 * yet delivered first: receiveMessageOnPort).
 */
export class LinkedTempFiles extends TempFiles {
  constructor(private readonly link: Pick<MessagePort, 'postMessage'>) {
    super();
  }
  override add(path: string): void {
    super.add(path);
    this.link.postMessage({ type: 'temp-add', path } satisfies WorkMessage);
  }
  override delete(path: string): void {
    super.delete(path);
    this.link.postMessage({ type: 'temp-delete', path } satisfies WorkMessage);
  }
  override removeAll(): void {
    const paths = this.list();
    super.removeAll();
    for (const path of paths) this.link.postMessage({ type: 'temp-delete', path } satisfies WorkMessage);
  }
}
