/** A short sleep without an event loop: the writers and locks here are synchronous (they run inside training's epochs). */
export function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
