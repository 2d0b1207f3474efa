import { describe, expect, it } from 'vitest';
import { main, type Io } from './cli';

function capture(): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (s: string) => {
      io.out += s;
    },
    stderr: (s: string) => {
      io.err += s;
    },
  };
  return io;
}

describe('main', () => {
  it('exits 2 on a bad flag, with one line naming it and no stack trace', async () => {
    const io = capture();
    expect(await main(['--suite', 'speed'], io)).toBe(2);
    expect(io.err).toBe("lrkit-bench: --suite must be one or more of seed, mlp, schedulers, inference, data separated by commas, got 'speed'\n");
    expect(io.out).toBe('');
  });
  it('exits 2 on an unknown option', async () => {
    const io = capture();
    expect(await main(['--nope'], io)).toBe(2);
    expect(io.err).toMatch(/^lrkit-bench: unknown option '--nope'\n$/);
  });
  it('exits 2 when --python names a file that does not exist', async () => {
    const io = capture();
    expect(await main(['--suite', 'schedulers', '--python', '/no/such/python'], io)).toBe(2);
    expect(io.err).toBe('lrkit-bench: --python: no such file: /no/such/python\n');
  });
});
