import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE, TempFiles } from '@lrkit/io';
import { afterAll, describe, expect, it } from 'vitest';
import { runEmbedded } from './embedded';
import { SweepState } from './state';
import { spec, tempDir, trialScript } from './test-support';

const tmp = tempDir('lrkit-sweep-state-');
afterAll(() => tmp.remove());

describe("a sweep's state folder is one run's at a time", () => {
  it('refuses a run while another holds the folder, naming its pid, and writes nothing', async () => {
    const state = new SweepState(tmp.dir, 'held');
    const lock = state.lock();
    try {
      await expect(runEmbedded(spec({ name: 'held', train: { epochs: 1 }, grid: { seed: [1] } }), { workers: 1, stateRoot: tmp.dir, trialScript })).rejects.toMatchObject({
        exitCode: 2,
        message: `sweep 'held': '${state.dir}' is in use by another lrkit run (process ${process.pid}); wait for it to finish, or use another folder`,
      });
      expect(readdirSync(state.dir)).toEqual([LOCK_FILE]);
    } finally {
      lock.release();
    }
  });

  it('holds the lock while it runs and registers it for a signal\'s clean-up, then releases it', async () => {
    const temp = new TempFiles();
    const registered: string[][] = [];
    const out = await runEmbedded(spec({ name: 'runs', train: { epochs: 1 }, grid: { seed: [1] } }), {
      workers: 1,
      stateRoot: tmp.dir,
      trialScript,
      tempFiles: temp,
      onEvent: () => registered.push(temp.list()),
    });
    expect(out.trials).toHaveLength(1);
    expect(registered[0]).toContain(join(tmp.dir, 'runs', LOCK_FILE));
    expect(temp.list()).toEqual([]);
    expect(existsSync(join(tmp.dir, 'runs', LOCK_FILE))).toBe(false);
  });
});

describe("a sweep's state files are read bounded and checked", () => {
  const damaged = (name: string) => {
    const state = new SweepState(tmp.dir, name);
    mkdirSync(join(state.dir, 'trials'), { recursive: true });
    return state;
  };

  it('refuses a trial record that is a FIFO at once (no read that never ends), naming it', () => {
    const state = damaged('fifo');
    const fifo = join(state.dir, 'trials', 'abc.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => state.records()).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining(fifo) }));
  });

  it('refuses a record that is not JSON, or not this trial\'s, and a manifest that is not one, naming the file', () => {
    const state = damaged('bad');
    writeFileSync(join(state.dir, 'trials', 'abc.json'), '{"id": "abc", "stat');
    expect(() => state.records()).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/abc\.json is not JSON/) }));
    writeFileSync(join(state.dir, 'trials', 'abc.json'), '{"id": "other"}');
    expect(() => state.records()).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/abc\.json is not a trial record/) }));
    writeFileSync(join(state.dir, 'sweep.json'), '[1, 2]');
    expect(() => state.readManifest()).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/sweep\.json is not a sweep manifest/) }));
  });
});
