import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { flushed } from './flush';

describe('flushed', () => {
  it('resolves only once every earlier write has been taken, as the work thread must before it says it is done', async () => {
    // A destination that takes a chunk only when asked to (as the main thread takes the work thread's output).
    const pending: (() => void)[] = [];
    const taken: string[] = [];
    const stream = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _encoding, callback) {
        pending.push(() => {
          taken.push(chunk.toString());
          callback();
        });
      },
    });
    for (const part of ['one ', 'two ', 'three']) stream.write(part);
    let done = false;
    const flush = flushed(stream).then(() => (done = true));
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(done).toBe(false);
      pending.shift()!();
    }
    // The empty write itself.
    await new Promise((resolve) => setImmediate(resolve));
    pending.shift()?.();
    await flush;
    expect(taken.join('')).toBe('one two three');
  });

  it('resolves on a stream that failed', async () => {
    const stream = new Writable({ write: (_c, _e, callback) => callback(new Error('EPIPE')) });
    stream.on('error', () => undefined);
    stream.write('lost');
    await flushed(stream);
  });
});
