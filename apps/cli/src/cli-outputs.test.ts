// Outputs never destroy anything: a device, a FIFO or a symbolic link given as an output is written (in
// place, or through the link), never replaced by a regular file; an output that is one of the run's inputs
// is refused before any work; a checkpoint folder in use by a running process is refused to a second one.
// The devices are nodes made in a temporary folder (root only) or links to /dev/stdout: no test here can
// replace a real /dev entry, even run against code that would.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseSweep } from '@lrkit/sweep';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, fixtureDir, hasStackTrace, lines, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-outputs-');
afterAll(() => fx.remove());

const schedule = ['schedule', '--spec', '{"type":"step","stepSize":2}', '--steps', '3'];

function mknodNull(path: string): boolean {
  try {
    execFileSync('mknod', [path, 'c', '1', '3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** One line on stderr, exit 2, no stack trace. */
function refused(args: string[]): string {
  const r = lrkit(args);
  expect(r.status, r.stderr).toBe(2);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(lines(r.stderr)).toHaveLength(1);
  return r.stderr;
}

describe('an output that is a link, a device or a FIFO is written, never replaced', () => {
  it('writes through a symbolic link: the link stays, its file gets the output', () => {
    const target = fx.file('rates.json', 'old');
    const link = join(fx.dir, 'rates-link.json');
    symlinkSync(target, link);
    const r = lrkit([...schedule, '--out', link]);
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toHaveProperty('lrs');
  });

  it('streams to a link to /dev/stdout (a shell pipe here), which stays a link', () => {
    const link = join(fx.dir, 'stdout-link');
    symlinkSync('/dev/stdout', link);
    // Through sh: Node gives a child's stdout as a socket, which cannot be opened by name; a shell's | is a pipe.
    const quoted = [process.execPath, cliPath, ...schedule, '--out', link].map((a) => `'${a}'`).join(' ');
    const out = execFileSync('sh', ['-c', `${quoted} | cat`], { encoding: 'utf8' });
    expect(JSON.parse(out)).toHaveProperty('lrs');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('writes a character device in place: it is still the device after (lr-find and schedule)', (ctx) => {
    const node = join(fx.dir, 'null-device');
    if (!mknodNull(node)) ctx.skip();
    const r = lrkit([...schedule, '--out', node]);
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(node).isCharacterDevice()).toBe(true);
    expect(lstatSync(node).rdev).toBe(statSync('/dev/null').rdev);
    const f = lrkit(['lr-find', '--iterations', '30', '--json', '--out', node]);
    expect(f.status, f.stderr).toBe(0);
    expect(lstatSync(node).isCharacterDevice()).toBe(true);
  });

  it('streams into a FIFO with a reader, which stays a FIFO; one nobody reads is refused, not waited on', () => {
    const fifo = join(fx.dir, 'rates.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const r = lrkit([...schedule, '--out', fifo]);
      expect(r.status, r.stderr).toBe(0);
      const buf = Buffer.alloc(1 << 16);
      expect(JSON.parse(buf.subarray(0, readSync(reader, buf)).toString())).toHaveProperty('lrs');
    } finally {
      closeSync(reader);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(refused([...schedule, '--out', fifo])).toBe(`lrkit: --out: cannot write '${fifo}': a named pipe that nobody reads (start its reader first)\n`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe("an output that is one of the run's inputs is refused before any work", () => {
  const csv = 'a,b,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 5},${i % 2 ? 'p' : 'q'}`).join('\n') + '\n';

  it('train --data own.csv --export own.csv (or a hard link to it): exit 2 naming both, the CSV untouched', () => {
    const data = fx.file('own.csv', csv);
    const hard = join(fx.dir, 'own-hard.onnx');
    linkSync(data, hard);
    for (const out of [data, hard]) {
      expect(refused(['train', '--data', data, '--target', 'y', '--epochs', '1', '--export', out])).toMatch(
        new RegExp(`^lrkit: --export: '${out}' is the same file as --data '${data}'; an output never overwrites`),
      );
      expect(readFileSync(data, 'utf8')).toBe(csv);
    }
  });

  it('train --export <dir>/checkpoint.json during a resume: refused, the checkpoint kept', () => {
    const dir = join(fx.dir, 'ckpt');
    expect(lrkit(['train', '--epochs', '1', '--checkpoint-dir', dir]).status).toBe(0);
    const before = readFileSync(join(dir, 'checkpoint.json'), 'utf8');
    const out = join(dir, 'checkpoint.json');
    expect(refused(['train', '--epochs', '2', '--checkpoint-dir', dir, '--resume', '--export', out])).toMatch(/^lrkit: --export: '.*checkpoint\.json' is the same file as --checkpoint-dir/);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('schedule --spec file --out the same file: refused, the spec untouched', () => {
    const spec = fx.file('spec.json', '{"type":"step","stepSize":2}');
    expect(refused(['schedule', '--spec', spec, '--steps', '3', '--out', spec])).toMatch(/^lrkit: --out: '.*spec\.json' is the same file as --spec /);
    expect(readFileSync(spec, 'utf8')).toBe('{"type":"step","stepSize":2}');
  });

  it("sweep report --out into the sweep's state: refused, the state untouched", () => {
    const root = join(fx.dir, 'sweeps');
    const state = join(root, 'tiny');
    mkdirSync(state, { recursive: true });
    const spec = parseSweep(JSON.stringify({ name: 'tiny', train: { epochs: 1 }, grid: { lr: [0.01] }, metric: 'accuracy' }), 'tiny.json');
    const manifest = `${JSON.stringify({ spec, trials: [] })}\n`;
    writeFileSync(join(state, 'sweep.json'), manifest);
    expect(refused(['sweep', 'report', 'tiny', '--state-dir', root, '--out', join(state, 'sweep.json')])).toMatch(/^lrkit: --out: '.*sweep\.json' is inside the state of sweep 'tiny'/);
    expect(readFileSync(join(state, 'sweep.json'), 'utf8')).toBe(manifest);
  });

  it("sweep run of a file inside the sweep's own state folder: refused, the file untouched", () => {
    const root = join(fx.dir, 'sweeps-run');
    mkdirSync(join(root, 'inside'), { recursive: true });
    const text = JSON.stringify({ name: 'inside', train: { epochs: 1 }, grid: { lr: [0.01] }, metric: 'accuracy' });
    const file = join(root, 'inside', 'sweep.json');
    writeFileSync(file, text);
    expect(refused(['sweep', 'run', file, '--state-dir', root, '--workers', '1'])).toMatch(/^lrkit: the state of sweep 'inside': '.*inside' holds the sweep file '.*sweep\.json'/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('a checkpoint folder is one run\'s at a time', () => {
  it('refuses a second run into a folder a running one holds, naming its pid; a stopped run releases it', async () => {
    const dir = join(fx.dir, 'shared');
    const args = ['train', '--hidden', '256,256', '--epochs', '200', '--checkpoint-dir', dir, '--json'];
    const first = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => first.on('exit', (_code, signal) => resolve(signal)));
    // Wait for its first checkpoint: from then on a resume would have raced it.
    await new Promise<void>((resolve, reject) => {
      let out = '';
      first.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (/^Epoch \[2\//m.test(out)) resolve();
      });
      first.on('exit', () => reject(new Error(`the first run ended early: ${out}`)));
    });
    try {
      expect(refused([...args, '--resume'])).toBe(`lrkit: checkpoint.dir: '${dir}' is in use by another lrkit run (process ${first.pid}); wait for it to finish, or use another folder\n`);
    } finally {
      first.kill('SIGTERM');
    }
    expect(await exited).toBe('SIGTERM');
    // The signal's clean-up removed the lock: the folder holds the checkpoint alone, and resumes.
    expect(readdirSync(dir)).toEqual(['checkpoint.json']);
  });

  it('takes over the lock of a run that was killed', () => {
    const dir = join(fx.dir, 'stale');
    mkdirSync(dir);
    // A pid that ran and is gone.
    const gone = spawnSync('true').pid!;
    writeFileSync(join(dir, '.lrkit.lock'), `${JSON.stringify({ pid: gone, start: '1', host: hostname() })}\n`);
    const r = lrkit(['train', '--epochs', '1', '--checkpoint-dir', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['checkpoint.json']);
  });
});
