// Real checkpoints for the reader's tests: written by train() itself, cut part-way, so every field is as
// the writer makes it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { train } from '../loop/train';
import type { TrainConfig } from '../types';

/** Small runs: Adam with a step schedule; SGD with one-cycle per batch and early stopping. */
export const fixtureConfigs = {
  adam: { seed: 3, epochs: 5, hidden: [3], backend: 'cpu' },
  sgd: { seed: 3, epochs: 5, hidden: [3], backend: 'cpu', optimizer: 'sgd', earlyStopping: 2, schedule: { type: 'one-cycle', maxLr: 0.05, totalSteps: 5 * 13, interval: 'step' } },
} satisfies Record<string, TrainConfig>;

/** The checkpoint directory (made inside `under`, which the caller removes) and text of `name`'s run stopped after epoch 2. */
export async function writeFixture(name: keyof typeof fixtureConfigs, under: string): Promise<{ dir: string; text: string }> {
  const dir = mkdtempSync(join(under, `${name}-`));
  await train({ ...fixtureConfigs[name], checkpoint: { dir } }, { hooks: [{ onEpoch: (log) => (log.epoch === 2 ? 'stop' : undefined) }] });
  return { dir, text: readFileSync(join(dir, 'checkpoint.json'), 'utf8') };
}
