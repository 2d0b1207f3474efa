import { describe, expect, it } from 'vitest';
import { compileSchedule, preview, ScheduleSpecError } from '../index.js';

const sgd = () => ({ paramGroups: [{ lr: 0.1, momentum: 0 }, { lr: 0.05, momentum: 0 }] });

describe("'constant'", () => {
  it('holds the rate as given, every step', () => {
    const rows = preview({ type: 'constant' }, { steps: 8, lrs: [0.1, 0.05] }).lrs;
    expect(rows).toEqual(Array.from({ length: 9 }, () => [0.1, 0.05]));
  });

  it("keeps PyTorch's ConstantLR as 'constant-factor', defaults and all (a third of the rate for 5 steps)", () => {
    const rows = preview({ type: 'constant-factor' }, { steps: 6, lrs: [0.3] }).lrs.map((r) => r[0]);
    expect(rows).toEqual([...Array<number>(5).fill(0.3 * (1 / 3)), 0.3, 0.3]);
  });

  it("refuses ConstantLR's options, naming the field and the new name", () => {
    for (const key of ['factor', 'totalIters']) {
      const run = () => compileSchedule({ type: 'sequential', milestones: [2], schedulers: [{ type: 'constant', [key]: 0.5 }, { type: 'step', stepSize: 1 }] });
      expect(run).toThrow(ScheduleSpecError);
      expect(run).toThrow(new RegExp(`^schedule\\.schedulers\\[0\\]\\.${key}: 'constant' is a constant rate; PyTorch's ConstantLR .* is now 'constant-factor'`));
    }
  });

  it("refuses a ConstantLR state saved under the name 'constant' (an older checkpoint), naming the new name", () => {
    // What a checkpoint written while `constant` meant ConstantLR holds: a ConstantLR state, typed 'constant'.
    const old = compileSchedule({ type: 'constant-factor' }).create(sgd());
    old.step();
    const state = { ...old.stateDict(), type: 'constant' };
    const now = compileSchedule({ type: 'constant' }).create(sgd());
    expect(() => now.loadStateDict(state)).toThrow(/^state\.schedule: is a ConstantLR state: .*rename the type to 'constant-factor' to resume it/);
    // Its own state loads.
    const own = compileSchedule({ type: 'constant' }).create(sgd());
    own.step();
    expect(() => now.loadStateDict(own.stateDict())).not.toThrow();
  });
});
