// `lrkit sweep` on this machine, end to end: each trial equals `lrkit train` with the same flags, resume,
// status, the HTML report, sweep serve, and bad input.
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, fixtureDir, hasStackTrace, lines, lrkit } from '../test-support';

const fx = fixtureDir('lrkit-cli-sweep-');
afterAll(() => fx.remove());
const state = `${fx.dir}/state`;

const schedule = { type: 'exponential', gamma: 0.9 };
const file = fx.file(
  'small.json',
  JSON.stringify({ name: 'small', train: { epochs: 4 }, grid: { lr: [0.01, 0.003], seed: [5], schedule: [schedule] }, metric: 'f1' }),
);

interface Trial {
  id: string;
  params: { lr: number; seed: number; schedule: unknown };
  metrics: Record<string, unknown>;
  status: string;
  history: unknown[];
}

// The trials of the first test, which the report and serve tests after it read.
let trials: Trial[] = [];

describe('lrkit sweep run (embedded)', () => {

  it('--json: every trial once, ranked by the metric, each with the numbers `lrkit train` gives for its flags', () => {
    const r = lrkit(['sweep', 'run', file, '--workers', '2', '--state-dir', state, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(lines(r.stdout).at(-1)!) as { name: string; metric: string; trials: Trial[]; best: Trial };
    trials = out.trials;
    expect(out.name).toBe('small');
    expect(out.metric).toBe('f1');
    expect(trials).toHaveLength(2);
    expect(out.best).toEqual(trials[0]);
    expect((trials[0]!.metrics.f1 as number) >= (trials[1]!.metrics.f1 as number)).toBe(true);
    for (const t of trials) {
      expect(t.status).toBe('done');
      expect(t.history).toHaveLength(4);
      const train = lrkit(['train', '--epochs', '4', '--lr', String(t.params.lr), '--seed', String(t.params.seed), '--schedule', JSON.stringify(t.params.schedule), '--json']);
      expect(train.status, train.stderr).toBe(0);
      const summary = JSON.parse(lines(train.stdout)[0]!) as Record<string, unknown>;
      for (const key of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'confusion', 'loss', 'testLoss']) expect(t.metrics[key], key).toEqual(summary[key]);
    }
  });

  it('resumes from its state on disk: a second run trains nothing and prints the same ranking', () => {
    const r = lrkit(['sweep', 'run', file, '--state-dir', state]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^sweep: 2 trials, 2 already finished$/m);
    expect(r.stdout).not.toMatch(/^\[\d\/2\]/m);
    const table = lines(r.stdout).filter((l) => /^\d+ +[0-9a-f]{16} /.test(l));
    expect(table.map((l) => l.split(/ +/)[1])).toEqual(trials.map((t) => t.id));
    expect(r.stdout).toMatch(new RegExp(`^best: ${trials[0]!.id} \\(lr=[0-9.]+ seed=5 schedule=.*\\) f1 \\d\\.\\d{4}$`, 'm'));
  });

  it('status and report read the state', () => {
    const s = lrkit(['sweep', 'status', 'small', '--state-dir', state, '--json']);
    expect(s.status, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ name: 'small', total: 2, done: 2, failed: 0, pending: 0 });
    const out = `${fx.dir}/report.html`;
    const r = lrkit(['sweep', 'report', 'small', '--state-dir', state, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    // lr is the one setting searched: its slice; the rates per step from the schedule each trial ran; no
    // validation split, so no validation curves.
    expect([...html.matchAll(/<figure data-chart="([\w-]+)">/g)].map((m) => m[1])).toEqual(['history', 'slice-lr', 'parallel', 'importance', 'lr', 'loss']);
    expect(html).toMatch(/optimization history: f1 by trial/);
    expect(html).toMatch(/learning rate per optimizer step/);
    expect(html).not.toMatch(/Not drawn:/);
    for (const t of trials) expect(html).toContain(`<code>${t.id}</code>`);
    // One page, nothing fetched: no script or style from elsewhere.
    expect(html).not.toMatch(/<script [^>]*src=|<link |https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('lrkit sweep serve', () => {
  it('serves the report on 127.0.0.1, tells the page when it changes, and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [cliPath, 'sweep', 'serve', 'small', '--state-dir', state, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed in 30 s: ${stdout}`)), 30_000);
        child.stdout.on('data', () => {
          const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const page = await (await fetch(url)).text();
      expect(page).toMatch(/<main data-version="1">/);
      for (const t of trials) expect(page).toContain(`<code>${t.id}</code>`);
      expect(await (await fetch(`${url}body`)).text()).toMatch(/^<h1>Sweep <code>small<\/code><\/h1>/);
      expect((await fetch(`${url}nothing`)).status).toBe(404);
      expect((await fetch(url, { method: 'POST' })).status).toBe(405);
      // The event stream says the version at once (a page that connects late catches up).
      const events = await fetch(`${url}events`);
      const reader = events.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: update\ndata: 1\n\n');
      await reader.cancel();
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('refuses a port in use: exit 2 naming --port, one line', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cliPath, 'sweep', 'serve', 'small', '--state-dir', state, '--port', port], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (status) => resolve({ status, stderr }));
      });
      expect(r.status, r.stderr).toBe(2);
      expect(lines(r.stderr)).toEqual([`lrkit: --port: 127.0.0.1:${port} is in use; choose another port, or --port 0 for any free one`]);
    } finally {
      taken.close();
    }
  });
});

describe('lrkit sweep: bad input exits 2 with one line', () => {
  const cases: [string, string[], RegExp][] = [
    ['not JSON', ['run', fx.file('bad.json', '{\n "name": "x",\n "grid": {"lr": [0.1,]}\n}')], /bad\.json: not JSON \(line 3, column \d+/],
    ['an unknown train field', ['run', fx.file('f.json', '{"name":"x","train":{"learningRate":0.1},"grid":{"lr":[0.1]}}')], /train: unknown field 'learningRate'/],
    ['an empty grid', ['run', fx.file('e.json', '{"name":"x","grid":{}}')], /grid: empty/],
    ['a logUniform bound <= 0', ['run', fx.file('l.json', '{"name":"x","random":{"samples":2,"lr":{"logUniform":[0,0.1]}}}')], /l\.json: random\.lr\.logUniform: a log range must lie above 0/],
    ['an empty range', ['run', fx.file('r.json', '{"name":"x","tpe":{"trials":5,"lr":{"uniform":[0.1,0.01]}}}')], /r\.json: tpe\.lr\.uniform: an empty range/],
    ['a TPE budget of 0', ['run', fx.file('b.json', '{"name":"x","tpe":{"trials":0,"lr":{"logUniform":[0.001,0.1]}}}')], /b\.json: tpe\.trials: a budget of at least 1 trial/],
    ['TPE over a pure grid', ['run', fx.file('g.json', '{"name":"x","tpe":{"trials":9,"optimizer":{"choice":["sgd","adam"]}}}')], /g\.json: tpe: every setting is a choice, a pure grid/],
    [
      'a condition on a field that does not exist',
      ['run', fx.file('c.json', '{"name":"x","tpe":{"trials":9,"lr":{"logUniform":[0.001,0.1]},"momentum":{"uniform":[0,0.9],"if":{"optimiser":"sgd"}}}}')],
      /c\.json: tpe\.momentum\.if: a condition on 'optimiser', which is not a train field/,
    ],
    ['TPE on a queue', ['run', fx.file('q.json', '{"name":"x","tpe":{"trials":9,"lr":{"logUniform":[0.001,0.1]}}}'), '--queue', 'redis://127.0.0.1:1'], /tpe on a queue needs "batch": n/],
    ['a missing file', ['run', `${fx.dir}/none.json`], /no such sweep file/],
    ['--workers 0 without a queue', ['run', file, '--workers', '0'], /--workers 0 runs no trials here: it needs --queue/],
    ['an unreachable queue', ['run', file, '--queue', 'redis://127.0.0.1:1'], /--queue: cannot reach redis:\/\/127\.0\.0\.1:1.*ECONNREFUSED/],
    ['a queue URL of another kind', ['run', file, '--queue', 'amqp://x'], /--queue: unsupported scheme 'amqp:'/],
    ['status of an unknown sweep', ['status', 'nope', '--state-dir', `${fx.dir}/none`], /no sweep 'nope'/],
    ['a path for a sweep name', ['status', '../../etc', '--state-dir', state], /^lrkit: '\.\.\/\.\.\/etc' is not a sweep name: letters, digits/],
    ['serve: an unknown sweep', ['serve', 'nope', '--state-dir', state, '--port', '0'], /no sweep 'nope'/],
    ['serve: a port out of range', ['serve', 'small', '--state-dir', state, '--port', '70000'], /--port must be a port number from 0 to 65535, got '70000'/],
    ['a path for a sweep name (report)', ['report', '../small', '--state-dir', `${state}/x`, '--out', `${fx.dir}/r.html`], /is not a sweep name/],
    ['a pruner on a metric the task does not measure', ['run', fx.file('rmse.json', '{"name":"rmse","train":{"epochs":2},"grid":{"lr":[0.1]},"metric":"rmse","prune":{"median":{}}}'), '--workers', '1', '--state-dir', state], /^lrkit: metric: the sweep prunes on 'rmse', which this task does not measure/],
    ['bad pruner settings', ['run', fx.file('eta.json', '{"name":"x","grid":{"lr":[0.1]},"prune":{"asha":{"reductionFactor":1}}}')], /eta\.json: prune\.asha\.reductionFactor: /],
    ['--wait 0', ['worker', '--queue', 'redis://127.0.0.1:1', '--wait', '0'], /--wait/],
    [
      'a 1000^4 grid, refused before it is expanded',
      ['run', fx.file('huge.json', JSON.stringify({ name: 'huge', grid: Object.fromEntries(['lr', 'seed', 'epochs', 'batchSize'].map((f, k) => [f, Array.from({ length: 1000 }, (_, i) => (k === 0 ? (i + 1) / 1e4 : i + 1))])) }))],
      /huge\.json: 1000000000000 trials \(lr 1000 x seed 1000 x epochs 1000 x batchSize 1000\): a sweep has at most 10000/,
    ],
  ];
  it.each(cases)('%s', (_, args, message) => {
    const t0 = Date.now();
    const r = lrkit(['sweep', ...args]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('writes no report for an unknown sweep', () => {
    const out = `${fx.dir}/nope.html`;
    expect(lrkit(['sweep', 'report', 'nope', '--state-dir', state, '--out', out]).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('lrkit sweep run: pruning', () => {
  it('shows a pruned trial as pruned, with the epoch and the comparison, never as an error', () => {
    const pruning = fx.file(
      'prune.json',
      JSON.stringify({ name: 'pruning', train: { epochs: 3 }, grid: { lr: [0.05, 0.02, 1e-7] }, metric: 'f1', prune: { median: { startupTrials: 2 } } }),
    );
    const r = lrkit(['sweep', 'run', pruning, '--workers', '2', '--state-dir', state]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/pruned +[0-9a-f]{16} +lr=1e-7 +pruned at epoch 1 \(median\): best f1 so far [0-9.e-]+, the median of 2 earlier trials at that epoch [0-9.]+/);
    const out = `${fx.dir}/pruning.html`;
    expect(lrkit(['sweep', 'report', 'pruning', '--state-dir', state, '--out', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toMatch(/<h2>Errors/);
  });
});

describe('lrkit sweep run: a sweep that came to nothing', () => {
  it('exits 1 when every trial failed, after the table, saying why and how to run them again', () => {
    const data = `${fx.dir}/later.csv`;
    const none = fx.file('none.json', JSON.stringify({ name: 'none', train: { epochs: 1, data, target: 'y' }, grid: { lr: [0.01, 0.003] } }));
    const r = lrkit(['sweep', 'run', none, '--workers', '1', '--state-dir', state]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/best: none \(no trial finished\)/);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^lrkit: every trial of sweep 'none' failed \(2; the first: .*later\.csv.*\); once the cause is fixed, --retry-failed runs them again$/)]);
  });
});
