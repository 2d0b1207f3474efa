import { describe, expect, it } from 'vitest';
import { prepareData } from '../data/prepare';
import { headFor } from '../nn/head';
import { Mlp } from '../nn/mlp';
import { friedmanPath, irisPath } from '../test-data';
import { evaluate } from './evaluate';
import { epochRecord } from './summary';
import { train } from './train';

describe('the validation split in every epoch', () => {
  it("carries the task's metric, as the test metrics compute it for the model of that epoch", async () => {
    for (const [config, metric] of [
      [{ data: irisPath, target: 'species', seed: 2, epochs: 3, lr: 0.01, valFraction: 0.2 }, 'accuracy'],
      [{ data: friedmanPath, target: 'y', seed: 2, epochs: 3, lr: 0.005, valFraction: 0.2 }, 'rmse'],
    ] as const) {
      const r = await train(config);
      const data = await prepareData(config.data, r.config);
      const model = Mlp.fromJSON(r.model);
      const m = evaluate(model, data.val!, data.preprocessing, headFor(data.task, data.classes.length).loss);
      model.dispose();
      const last = r.history.at(-1)!;
      expect(last.valLoss).toBe(m.loss);
      if (metric === 'accuracy') {
        expect(m.kind).toBe('multiclass');
        expect(last.valAccuracy).toBe((m as { accuracy: number }).accuracy);
        expect(last.valRmse).toBeUndefined();
      } else {
        expect(last.valRmse).toBe((m as { rmse: number }).rmse);
        expect(last.valAccuracy).toBeUndefined();
      }
      // The history entry: the log without the run's length, the validation fields where measured.
      expect(Object.keys(epochRecord(last))).toEqual(['epoch', 'loss', 'lr', 'valLoss', metric === 'accuracy' ? 'valAccuracy' : 'valRmse']);
    }
  });

  it('is absent without a validation split: the seed job logs what it always has', async () => {
    const r = await train({ seed: 3, epochs: 2 });
    for (const log of r.history) expect(Object.keys(log)).toEqual(['epoch', 'epochs', 'loss', 'lr']);
  });
});
