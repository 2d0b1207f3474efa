import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { EXIT_SIGPIPE, GracefulStop, installShutdown, stopOnOutputError, stopOnSignal, TempFiles, type ShutdownIo } from './shutdown';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(stdoutTTY: boolean): ShutdownIo & { out: string; err: string; code?: number; raised?: string } {
  const io = {
    out: '',
    err: '',
    code: undefined as number | undefined,
    raised: undefined as string | undefined,
    raise: (signal: string) => void (io.raised = signal),
    stdout: { isTTY: stdoutTTY, write: (s: string) => (io.out += s) },
    stderr: { isTTY: false, write: (s: string) => (io.err += s) },
    exit: (code: number) => void (io.code = code),
  };
  return io;
}

describe('stopOnSignal', () => {
  it('removes every registered temporary file, shows the cursor again, says so in one line, dies of the signal', () => {
    const temp = new TempFiles();
    const tmp = join(dir, '.model.onnx.abc123.tmp');
    writeFileSync(tmp, 'partial');
    temp.add(tmp);
    const io = fakeIo(true);
    stopOnSignal('SIGINT', temp, io);
    expect(existsSync(tmp)).toBe(false);
    expect(temp.list()).toEqual([]);
    expect(io.out).toBe('\x1b[?25h\n'); // the progress bar hid it
    expect(io.err).toBe('lrkit: stopped by SIGINT\n');
    expect([io.raised, io.code]).toEqual(['SIGINT', undefined]);

    const piped = fakeIo(false);
    stopOnSignal('SIGTERM', new TempFiles(), piped);
    expect(piped.out).toBe(''); // no escape codes into a pipe or file
    expect(piped.raised).toBe('SIGTERM');
  });
});

describe('stopOnOutputError', () => {
  it('ends quietly with 141 on EPIPE, and says what failed otherwise', () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const io = fakeIo(false);
    stopOnOutputError(epipe, 'stdout', new TempFiles(), io);
    expect([io.out, io.err, io.code]).toEqual(['', '', EXIT_SIGPIPE]);
    const eio = Object.assign(new Error('write EIO'), { code: 'EIO' });
    const other = fakeIo(false);
    stopOnOutputError(eio, 'stdout', new TempFiles(), other);
    expect([other.err, other.code]).toEqual(['lrkit: cannot write the output: write EIO\n', 1]);
  });
});

describe('GracefulStop', () => {
  it('gives the first stop signal to a command that claimed it, and no later one', () => {
    const g = new GracefulStop();
    expect(g.take('SIGTERM')).toBe(false); // nothing claimed: the process stops as usual
    const signal = g.claim();
    expect(signal.aborted).toBe(false);
    expect(g.take('SIGTERM')).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('SIGTERM');
    expect(g.take('SIGINT')).toBe(false); // a second signal stops at once
  });
});

describe('installShutdown', () => {
  // A stand-in for the process: signals are events, kill() records what the process would die of.
  function fakeProcess() {
    const proc = Object.assign(new EventEmitter(), {
      pid: 4242,
      killed: [] as string[],
      err: '',
      stdout: Object.assign(new EventEmitter(), { isTTY: false, write: () => true }),
      stderr: Object.assign(new EventEmitter(), { isTTY: false, write: (s: string) => ((proc.err += s), true) }),
      kill(_pid: number, signal: string) {
        proc.killed.push(signal);
        return true;
      },
      exit: () => undefined,
    });
    return proc;
  }

  it('halts the work before it looks: a file the work creates while the signal is handled is removed too', async () => {
    const temp = new TempFiles();
    const late = join(dir, '.checkpoint.json.late.tmp');
    const proc = fakeProcess();
    const order: string[] = [];
    let halted!: () => void;
    // The work thread registers and creates its temporary file only after the signal arrived: the
    // registration reaches this thread through catchUp once the work is halted.
    let pending: string | undefined;
    const halt = () =>
      new Promise<void>((resolve) => {
        order.push('halt');
        halted = () => {
          pending = late;
          writeFileSync(late, 'partial');
          resolve();
        };
      });
    const catchUp = () => {
      order.push('catchUp');
      if (pending) temp.add(pending);
      pending = undefined;
    };
    installShutdown(temp, new GracefulStop(), catchUp, halt, proc as unknown as NodeJS.Process);
    proc.emit('SIGTERM');
    expect(proc.killed).toEqual([]); // not before the work is halted
    halted();
    await new Promise((resolve) => setImmediate(resolve));
    expect(existsSync(late)).toBe(false);
    expect(proc.killed).toEqual(['SIGTERM']);
    expect(proc.err).toBe('lrkit: stopped by SIGTERM\n');
    expect(order).toEqual(['catchUp', 'halt', 'catchUp']);
  });

  it('a second signal while the work is halting stops at once', () => {
    const proc = fakeProcess();
    installShutdown(new TempFiles(), new GracefulStop(), undefined, () => new Promise<void>(() => undefined), proc as unknown as NodeJS.Process);
    proc.emit('SIGINT');
    expect(proc.killed).toEqual([]);
    proc.emit('SIGINT');
    expect(proc.killed).toEqual(['SIGINT']);
  });
});
