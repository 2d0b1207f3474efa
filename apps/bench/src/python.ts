// The PyTorch peers: finding a Python that imports torch, and talking to a long-lived peer process.
// A peer imports torch once, warms up, then answers one JSON request per line on stdin with one JSON
// line on stdout, so the ~2 s import is never measured and lrkit and PyTorch can be interleaved.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@lrkit/app-kit';
import type { Machine } from './types';

export type PythonInfo = Machine['python'];

const PROBE = 'import torch, json; print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}))';

function probe(path: string): { ok: true; torch: string; threads: number } | { ok: false; why: string } {
  const r = spawnSync(path, ['-c', PROBE], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) return { ok: false, why: `${path}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}` };
  if (r.status !== 0) {
    const last = (r.stderr ?? '').trim().split('\n').pop() ?? `exit ${r.status}`;
    return { ok: false, why: `${path} cannot import torch (${last})` };
  }
  try {
    const info = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { torch: string; threads: number };
    return { ok: true, torch: info.torch, threads: info.threads };
  } catch {
    return { ok: false, why: `${path} printed something unexpected for the torch probe` };
  }
}

/**
 * `--python PATH` (which must exist), else the first of `python3` and `/usr/bin/python3` that imports
 * torch. Absent: the reason, naming every candidate tried.
 */
export function findPython(explicit?: string): PythonInfo {
  if (explicit !== undefined) {
    if (explicit.includes('/') && !existsSync(explicit)) throw new UsageError(`--python: no such file: ${explicit}`);
    const p = probe(explicit);
    return p.ok ? { path: explicit, torch: p.torch, threads: p.threads } : { absent: `--python ${p.why}` };
  }
  const whys: string[] = [];
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const p = probe(candidate);
    if (p.ok) return { path: candidate, torch: p.torch, threads: p.threads };
    whys.push(p.why);
  }
  return { absent: `no Python that imports torch: ${whys.join('; ')}` };
}

/** apps/bench/python, from src/ (tests) or dist/ (the built bin). */
export function peerScript(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, '..', 'python', name);
}

export class PythonPeer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly pending: ((line: string | undefined) => void)[] = [];
  private stderrTail = '';
  private exited: string | undefined;

  private constructor(python: string, script: string, args: string[]) {
    this.child = spawn(python, [script, ...args], {
      env: { ...process.env, PYTHONWARNINGS: 'ignore', PYTHONUNBUFFERED: '1' },
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d: string) => {
      this.stderrTail = (this.stderrTail + d).slice(-2000);
    });
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    this.child.on('error', (err) => this.fail(`could not start: ${err.message}`));
    this.child.on('exit', (code, signal) => this.fail(`peer exited (${signal ?? `code ${code}`})`));
  }

  private fail(why: string): void {
    this.exited ??= `${why}${this.stderrTail ? `: ${this.stderrTail.trim().split('\n').slice(-1)[0]}` : ''}`;
    for (const resolve of this.pending.splice(0)) resolve(undefined);
  }

  /** Starts the peer and waits for its first line (it prints one when set up and warmed up). */
  static async start(python: string, script: string, args: string[] = []): Promise<{ peer: PythonPeer; hello: Record<string, unknown> }> {
    const peer = new PythonPeer(python, script, args);
    const hello = await peer.next();
    return { peer, hello };
  }

  private async next(): Promise<Record<string, unknown>> {
    const line = await new Promise<string | undefined>((resolve) => {
      if (this.exited) resolve(undefined);
      else this.pending.push(resolve);
    });
    if (line === undefined) throw new Error(`PyTorch peer: ${this.exited ?? 'no answer'}`);
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`PyTorch peer printed a line that is not JSON: ${line.slice(0, 200)}`);
    }
    if (typeof msg.error === 'string') throw new Error(`PyTorch peer: ${msg.error}`);
    return msg;
  }

  async request(msg: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.exited) throw new Error(`PyTorch peer: ${this.exited}`);
    this.child.stdin.write(`${JSON.stringify(msg)}\n`);
    return this.next();
  }

  /** A numeric field of an answer, or an error naming it. */
  static num(msg: Record<string, unknown>, key: string): number {
    const v = msg[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`PyTorch peer answer lacks a number '${key}'`);
    return v;
  }

  close(): void {
    if (!this.exited) {
      this.child.stdin.end();
      this.child.kill();
    }
    this.lines.close();
  }
}
