/**
 * Resolves once everything written to `stream` so far has been taken by its destination. In the work thread,
 * process.stdout hands each chunk to the main thread only when the main thread asks for more, so a command
 * that ends right after a burst of writes still holds most of them; the main thread stops the work thread
 * soon after it is done (index.ts), and whatever the work thread held then would be lost. An empty write's
 * callback comes after those of every earlier write: it says they were all taken.
 */
export function flushed(stream: NodeJS.WritableStream): Promise<void> {
  // A stream that failed (a closed pipe) calls back with its error: there is nothing left to wait for.
  return new Promise((resolve) => stream.write('', () => resolve()));
}
