// The work thread: runs the command line it is given, as the whole process once did, and tells the main
// thread (index.ts) what it needs to clean up after a signal. See work-link.ts.
import { workerData } from 'node:worker_threads';
import { reportError } from './errors';
import { flushed } from './flush';
import { createProgram } from './program';
import { GracefulStop, TempFiles } from './shutdown';
import type { LinkEnd, MainMessage, StreamLook, WorkData, WorkMessage } from './work-link';

/**
 * The work thread's registry of temporary files, mirrored on the main thread as each is added or deleted,
 * so that the main thread's signal handler removes exactly what the work left (it reads the messages not
 * yet delivered first: receiveMessageOnPort).
 */
export class LinkedTempFiles extends TempFiles {
  constructor(private readonly link: LinkEnd) {
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

const { argv, link, stdout, stderr } = workerData as WorkData;

// The commands ask process.stdout whether it is a terminal (a progress bar, a redrawn table) and how wide.
const look = (stream: NodeJS.WriteStream, as: StreamLook) => {
  if (as.isTTY) Object.assign(stream, as);
};
look(process.stdout, stdout);
look(process.stderr, stderr);

const temp = new LinkedTempFiles(link);
const graceful = new GracefulStop(() => link.postMessage({ type: 'claim' } satisfies WorkMessage));
link.on('message', (message: MainMessage) => {
  if (message.type === 'stop') graceful.take(message.signal);
});
// The link alone must not keep the thread alive once the command is done.
link.unref();

let code: number;
try {
  await createProgram({ temp, graceful }).parseAsync(argv);
  code = 0;
} catch (err) {
  code = reportError(err, process.stderr);
} finally {
  // Writers remove their own temporary files; this catches one a bug left registered.
  temp.removeAll();
}
// Done only once the main thread has every byte of the output: it stops this thread soon after.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
link.postMessage({ type: 'done', code } satisfies WorkMessage);
