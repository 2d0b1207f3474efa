// A trial's schedule is parsed once in the sweep's process (expanding the file: the trial's id and its
// checks, before anything runs) and once in the trial's own process (train(), from the JSON it is sent):
// a compiled schedule cannot cross a process boundary, so that second parse is the trial's edge.
import { ScheduleRegistry } from '@lrkit/schedulers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expandTrials } from './expand';
import { runTrial } from './run-trial';
import { spec } from './test-support';

// Every parse of a spec is a registry's compile (the schedulers package's own tests hold that).
const compiles = vi.spyOn(ScheduleRegistry.prototype, 'compile');
afterEach(() => compiles.mockClear());

const SCHEDULES = [{ type: 'step', stepSize: 1, gamma: 0.5 }, { type: 'one-cycle', maxLr: 0.01, totalSteps: 30 }];

describe("a sweep trial's schedule", () => {
  it('is parsed once per trial when the sweep file is expanded', () => {
    const trials = expandTrials(spec({ name: 's', train: { epochs: 2 }, grid: { schedule: SCHEDULES, lr: [0.01, 0.001, 0.0001] } }));
    expect(trials).toHaveLength(6);
    expect(compiles).toHaveBeenCalledTimes(6);
  });

  it("is parsed once in the trial's process, on its way to the optimizer", async () => {
    const [trial] = expandTrials(spec({ name: 's', train: { epochs: 2, backend: 'cpu', hidden: [8] }, grid: { schedule: [SCHEDULES[0]] } }));
    // What the trial process receives: the trial as JSON.
    const request = JSON.parse(JSON.stringify({ id: trial!.id, params: trial!.params, config: trial!.config })) as typeof trial;
    compiles.mockClear();
    const record = await runTrial(request!);
    expect(record.status).toBe('done');
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(record.history.map((h) => h.lr)).toEqual([1e-3, 5e-4]);
  });
});
