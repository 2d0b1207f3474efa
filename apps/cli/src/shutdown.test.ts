import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_SIGPIPE, GracefulStop, stopOnOutputError, stopOnSignal, TempFiles, type ShutdownIo } from './shutdown';

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
