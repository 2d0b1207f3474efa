// The data's fingerprint is a SHA-256 over every value: train() asks prepareData for it only where the run
// checkpoints, and a checkpointed run records it as it always has.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import * as prepare from '../data/prepare';
import { irisPath } from '../test-data';
import { train } from './train';

vi.mock('../data/prepare', async (original) => {
  const actual = await original<typeof prepare>();
  return { ...actual, prepareData: vi.fn(actual.prepareData) };
});

describe('train and the data fingerprint', () => {
  it('asks for it where the run checkpoints, and only there', async () => {
    const prepareData = vi.mocked(prepare.prepareData);
    const config = { data: irisPath, target: 'species', epochs: 1, seed: 3 };
    await train(config);
    const parent = mkdtempSync(join(tmpdir(), 'lrkit-fingerprint-'));
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    const dir = join(parent, 'ck');
    await train({ ...config, checkpoint: { dir } });
    const [plain, checkpointed] = prepareData.mock.results.map((r) => r.value as Promise<prepare.PreparedData>);
    expect((await plain!).fingerprint).toBeUndefined();
    const recorded = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as { data: string };
    expect(recorded.data).toMatch(/^[0-9a-f]{64}$/);
    expect((await checkpointed!).fingerprint).toBe(recorded.data);
  });
});
