// The default backend ('auto') as train() and lrFind() apply it, checkpoints and resume with it, and the
// threads field. The fallback where native cannot run is auto-fallback.test.ts (a process of its own: the
// backend registry is one per process).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTO_BACKEND } from '@lrkit/core';
import { trainDefaults } from '../config/defaults';
import { resolvePlan } from '../config/resolve';
import { lrFind } from '../lrfind/lr-find';
import { train } from '../loop/train';
import { expectedAutoBackend } from '../test-support';
import { resolveTrainBackend } from './select';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-train-backend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const expected = await expectedAutoBackend();
if (expected === 'wasm') console.warn('the automatic choice is wasm here: the native addon is not built, so native is not tested as the default');

describe("the default backend: 'auto'", () => {
  it('is native where its addon was built, else wasm, and the result, its config and its checkpoint say which', async () => {
    const r = await train({ epochs: 1, checkpoint: { dir: join(dir, 'auto') } });
    expect(r.backend).toBe(expected);
    expect(r.config.backend).toBe(expected);
    expect(await resolveTrainBackend('auto')).toBe(expected);
    expect(trainDefaults.backend).toBe(AUTO_BACKEND);
    const saved = JSON.parse(readFileSync(join(dir, 'auto', 'checkpoint.json'), 'utf8')) as { settings: { backend: string } };
    expect(saved.settings.backend).toBe(expected);
    // Replaying the result's config runs the same backend to the same numbers.
    const again = await train({ ...r.config, checkpoint: null, data: undefined });
    expect(again.model).toEqual(r.model);
  });

  it('lrFind runs where train() would, on the same config', async () => {
    const [found, trained] = [await lrFind({ seed: 5, iterations: 20 }), await train({ seed: 5, epochs: 1 })];
    expect(found.backend).toBe(trained.backend);
    expect(found.backend).toBe(expected);
  });

  it("a resume with 'auto' continues on the checkpoint's backend, and refuses one that cannot run here", async () => {
    const base = { seed: 2, epochs: 4, hidden: [8] };
    const whole = await train({ ...base, backend: 'wasm' });
    const cut = join(dir, 'cut');
    await train({ ...base, backend: 'wasm', checkpoint: { dir: cut } }, { hooks: [{ onEpoch: (log) => (log.epoch === 2 ? 'stop' : undefined) }] });
    const resumed = await train({ ...base, checkpoint: { dir: cut }, resume: true });
    expect(resumed.backend).toBe('wasm');
    expect(resumed.resumedFromEpoch).toBe(2);
    expect(resumed.model).toEqual(whole.model);

    const elsewhere = join(dir, 'elsewhere');
    await train({ ...base, backend: 'wasm', checkpoint: { dir: elsewhere } }, { hooks: [{ onEpoch: (log) => (log.epoch === 2 ? 'stop' : undefined) }] });
    const file = join(elsewhere, 'checkpoint.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"backend":"wasm"', '"backend":"no-such-backend"'));
    await expect(train({ ...base, checkpoint: { dir: elsewhere }, resume: true })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^resume: the checkpoint in '.*' was trained on the no-such-backend backend, which cannot run here \(no such backend; registered: /),
    });
    // Named outright, another backend than the checkpoint's is the settings check's refusal.
    await expect(train({ ...base, backend: 'cpu', checkpoint: { dir: cut }, resume: true })).rejects.toMatchObject({
      message: expect.stringMatching(/^backend: the checkpoint in '.*' was made with backend "wasm", this run has "cpu"/),
    });
  });

  it.skipIf(expected !== 'native')('threads: the same numbers at 1 and 2 threads; checked once, naming the field', async () => {
    const [one, two] = [await train({ epochs: 2, threads: 1 }), await train({ epochs: 2, threads: 2 })];
    expect(two.model).toEqual(one.model);
    expect(two.config.threads).toBe(2);
    expect(() => resolvePlan({ threads: 0 })).toThrow(/^threads: must be a positive integer, got 0/);
    expect(() => resolvePlan({ threads: 5000 })).toThrow(/^threads: 5000 is more than lrkit allows/);
    expect(() => resolvePlan({ backend: '' })).toThrow(/^backend: /);
  });
});
