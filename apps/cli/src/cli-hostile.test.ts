// Hostile input, signals and pipes, end to end: the built CLI as a user (or a shell) drives it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDataPath } from '@lrkit/data';
import { cliPath, fixtureDir, hasStackTrace, lines, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-hostile-');
afterAll(() => fx.remove());

interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns lrkit and drives it: `closeStdout` closes the read end of its stdout at once (`| head -0`), so its
 * first write meets EPIPE; `signal` is sent once stdout has shown `after`.
 */
function drive(args: string[], how: { closeStdout?: boolean; signal?: NodeJS.Signals; after?: RegExp; nodeArgs?: string[]; env?: Record<string, string> }): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(how.nodeArgs ?? []), cliPath, ...args], { env: { ...process.env, ...how.env } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lrkit ${args.join(' ')} did not end within 60 s\nstdout: ${stdout.slice(-500)}\nstderr: ${stderr}`));
    }, 60_000);
    if (how.closeStdout) child.stdout.destroy();
    else {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (how.signal && !sent && how.after?.test(stdout)) {
          sent = true;
          child.kill(how.signal);
        }
      });
    }
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

describe('a closed stdout ends any command quietly with SIGPIPE\'s 141', () => {
  let model: string;
  beforeAll(() => {
    model = join(fx.dir, 'model.onnx');
    const r = lrkit(['train', '--epochs', '2', '--export', model]);
    expect(r.status, r.stderr).toBe(0);
  });

  it.each([
    ['schedule', ['schedule', '--spec', '{"type":"step","stepSize":3}', '--steps', '1000', '--format', 'csv']],
    ['train (stopped at the first epoch line, not after 100000 epochs)', ['train', '--epochs', '100000']],
    ['predict', ['predict', '--model', 'MODEL', '--data', 'EMBEDDED']],
  ])('%s', async (_, args) => {
    const argv = args.map((a) => (a === 'MODEL' ? model : a === 'EMBEDDED' ? embeddedDataPath : a));
    const r = await drive(argv, { closeStdout: true });
    expect(r.stderr).toBe(''); // no "Error: write EPIPE" stack
    expect(r.status).toBe(141);
  });
});

// lrkit dies of the signal after cleaning up (a shell shows 130 or 143): spawn reports the signal.
describe('SIGINT and SIGTERM stop a run with one line, die of the signal, and leave no temporary file', () => {
  it('SIGINT during training stops it at the next epoch', async () => {
    const r = await drive(['train', '--epochs', '100000'], { signal: 'SIGINT', after: /Epoch \[3\// });
    expect([r.status, r.signal]).toEqual([null, 'SIGINT']);
    expect(r.stderr).toBe('lrkit: stopped by SIGINT\n');
    expect(r.stdout).not.toMatch(/Epoch \[100000\//);
  });

  it('SIGTERM in the export window removes the .tmp file and writes no model', async () => {
    const out = join(fx.dir, 'interrupted');
    mkdirSync(out);
    // A preload hook holds the rename of the export's temporary file and signals the process there: the
    // moment a kill would otherwise leave `.model.onnx.<hex>.tmp` behind.
    const hook = join(fx.dir, 'hold-rename.mjs');
    writeFileSync(
      hook,
      [
        "import fsp from 'node:fs/promises';",
        "import { syncBuiltinESMExports } from 'node:module';",
        'const rename = fsp.rename;',
        'fsp.rename = async (from, to) => {',
        "  if (String(from).endsWith('.tmp')) { process.kill(process.pid, 'SIGTERM'); await new Promise((r) => setTimeout(r, 10000)); }",
        '  return rename(from, to);',
        '};',
        'syncBuiltinESMExports();',
      ].join('\n'),
    );
    const r = await drive(['train', '--epochs', '1', '--export', join(out, 'model.onnx')], { nodeArgs: ['--import', hook] });
    expect(r.stderr).toBe('lrkit: stopped by SIGTERM\n');
    expect([r.status, r.signal]).toEqual([null, 'SIGTERM']);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('Ctrl-C on a terminal', () => {
  it('shows the cursor the progress bar hid, then says it stopped, exit 130', async (ctx) => {
    if (spawnSync('script', ['--version']).error) {
      console.log('skipped: no `script` command (util-linux) to run lrkit on a pseudo-terminal');
      ctx.skip();
    }
    // script(1) gives lrkit a pseudo-terminal (so it draws the bar); a ^C written to it is a real Ctrl-C.
    const command = `'${process.execPath}' '${cliPath}' train --epochs 100000`;
    const r = await new Promise<{ status: number | null; out: string }>((resolve, reject) => {
      const child = spawn('script', ['-qefc', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let sent = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no exit within 60 s: ${out.slice(-300)}`));
      }, 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (!sent && /Epoch \[3\//.test(out)) {
          sent = true;
          child.stdin.write('\x03');
        }
      });
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, out });
      });
    });
    expect(r.status).toBe(130);
    const hidden = r.out.lastIndexOf('\x1b[?25l');
    expect(hidden).toBeGreaterThanOrEqual(0); // the bar was drawn, and hid the cursor
    expect(r.out.indexOf('\x1b[?25h', hidden)).toBeGreaterThan(hidden);
    expect(r.out).toMatch(/lrkit: stopped by SIGINT\r?\n/);
  });
});

/** Runs lrkit, expects exit 2 with exactly one stderr line and no stack; returns that line. */
function refused(args: string[]): string {
  const r = lrkit(args);
  expect(r.status, `lrkit ${args.join(' ')}\nstderr: ${r.stderr}`).toBe(2);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(lines(r.stderr)).toHaveLength(1);
  return lines(r.stderr)[0]!;
}

describe('bounded, decimal, checked up front', () => {
  it('refuses --lr 0x10 as --epochs 0x10 is: numeric flags take decimal literals only', () => {
    expect(refused(['train', '--lr', '0x10'])).toBe("lrkit: --lr must be a positive decimal number (e.g. 0.001 or 1e-3) or find, got '0x10'");
  });

  it('refuses devices at once: --data /dev/zero, --spec /dev/zero, --model /dev/zero', () => {
    expect(refused(['train', '--data', '/dev/zero'])).toBe('lrkit: data file is a device: /dev/zero');
    expect(refused(['schedule', '--spec', '/dev/zero', '--steps', '3'])).toBe('lrkit: --spec file is a device: /dev/zero');
    expect(refused(['predict', '--model', '/dev/zero', '--data', '/dev/null'])).toBe('lrkit: /dev/zero: is a device');
  });

  it('refuses schedule --steps 2000000000 with the numbers, instead of exhausting the heap', () => {
    expect(refused(['schedule', '--spec', '{"type":"step","stepSize":3}', '--steps', '2000000000'])).toMatch(
      /^lrkit: --steps: 2000000000 steps would be 2000000001 rates, more than the 1000000 a preview computes/,
    );
  });

  it('checks the --export path before training: a self-symlink, a directory that takes no files', () => {
    const loop = join(fx.dir, 'self.onnx');
    symlinkSync(loop, loop);
    expect(refused(['train', '--export', loop])).toBe(`lrkit: --export: '${loop}' is a symbolic link that loops (it points back to itself)`);
    // /proc takes no new files, even for root (a chmod'ed directory would not stop root).
    expect(refused(['train', '--export', '/proc/model.onnx'])).toMatch(/^lrkit: --export: cannot create a file in the directory '\/proc' \(/);
    expect(existsSync('/proc/model.onnx')).toBe(false);
  });

  it('trains --seed 4294967296 differently from --seed 0 (seeds past 32 bits are their own streams)', () => {
    const run = (seed: string) => {
      const r = lrkit(['train', '--epochs', '3', '--seed', seed, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as { seed: number; loss: number; accuracy: number };
      return j;
    };
    const high = run('4294967296');
    expect(high.seed).toBe(4294967296);
    expect(high.loss).not.toBe(run('0').loss);
  });
});
