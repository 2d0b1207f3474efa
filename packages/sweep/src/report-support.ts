// A sweep's records made up for the report's tests: 15 trials over lr (log range), schedule (three types,
// one with a step-wise warmup) and hidden sizes, some pruned, one failed. Curves are shaped like real ones
// (the loss falls faster at a better rate), so the screenshots show what a person would see; the rates
// per step come from the real schedules through the records' LrSchedule. Each record has the `validation`
// values a pruning sweep's records carry.
import { outcomeOf, type SweepOutcome } from './embedded';
import { parseSweep } from './parse';
import type { TrialRecord } from './trial';

const SCHEDULES = [
  { type: 'warmup-cosine', warmupSteps: 60, totalSteps: 400 },
  { type: 'step', stepSize: 4, gamma: 0.3 },
  { type: 'one-cycle', maxLr: 0.05, totalSteps: 400 },
];
const STEPS_PER_EPOCH = 40;
export const EPOCHS = 10;

/** Trial `i` of `n`: settings, and how well it does (best near lr 0.01 with warmup-cosine). */
export function madeUpRecord(i: number, status: TrialRecord['status'] = 'done'): TrialRecord & { validation: { metric: string; values: number[] } } {
  const lr = 10 ** (-4 + (3 * ((i * 7) % 15)) / 14);
  const schedule = SCHEDULES[i % 3]!;
  const hidden = [[16], [32], [64, 32]][(i * 5) % 3]!;
  const quality = Math.exp(-((Math.log10(lr) + 2) ** 2)) * (i % 3 === 0 ? 1 : 0.85);
  const epochs = status === 'pruned' ? 3 + (i % 3) : status === 'failed' ? 1 : EPOCHS;
  const history = Array.from({ length: epochs }, (_, e) => {
    const loss = 0.05 + 2.2 * Math.exp(-(e + 1) * (0.1 + quality * 0.5));
    return { epoch: e + 1, loss, lr, valLoss: loss * 1.1 + 0.02 };
  });
  const id = `${(i + 1).toString(16).padStart(2, '0')}${'c0ffee12'.repeat(2)}`;
  // What a pruning sweep's pruner compares: the ranking metric on the validation split, per epoch.
  const validation = { metric: 'accuracy', values: history.map((h) => 0.5 + (0.47 * quality) * (1 - Math.exp(-h.epoch / 3))) };
  const base = { id, params: { lr, schedule, hidden }, history, validation };
  if (status === 'failed') return { ...base, status, error: 'train: the loss diverged at epoch 1 (lr too large?)' };
  const lrSchedule = { lr, schedule: schedule.type === 'one-cycle' ? { ...schedule, maxLr: lr * 5 } : schedule, stepsPerEpoch: STEPS_PER_EPOCH };
  if (status === 'pruned') return { ...base, status, lrSchedule, error: `pruned after epoch ${epochs}: validation loss ${history.at(-1)!.valLoss.toFixed(3)} worse than the median 0.41 of 4 trials` };
  const accuracy = 0.6 + 0.37 * quality + ((i * 13) % 7) * 0.002;
  return { ...base, status, lrSchedule, metrics: { accuracy, f1: accuracy - 0.01, loss: history.at(-1)!.valLoss }, trainMs: 1000 + i };
}

/** Which of the 15 trials are pruned and which failed. */
export const PRUNED = [4, 8, 13];
export const FAILED = [11];

/** The made-up sweep's records for the first `count` trials, and the order of all 15. */
export function madeUpSweep(count = 15): { outcome: SweepOutcome; order: string[]; records: TrialRecord[] } {
  const all = Array.from({ length: 15 }, (_, i) => madeUpRecord(i, PRUNED.includes(i) ? 'pruned' : FAILED.includes(i) ? 'failed' : 'done'));
  const records = all.slice(0, count);
  const spec = parseSweep(JSON.stringify({ name: 'made-up', metric: 'accuracy', train: { epochs: EPOCHS }, grid: { lr: [0.01] } }), 'made-up.json');
  const outcome = outcomeOf(spec, all, new Map(records.map((r) => [r.id, r])));
  return { outcome, order: all.map((r) => r.id), records };
}
