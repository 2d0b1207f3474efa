import { describe, expect, it } from 'vitest';
import { parseSettings } from './settings.js';
import { DEFAULT_STATE, stateFromQuery, stateToQuery } from './state.js';

describe('URL state', () => {
  it('round-trips several specs, settings and plugins; specs travel as compact JSON', () => {
    const state = {
      specs: ['{\n  "type": "step",\n  "stepSize": 3\n}', '{"type":"one-cycle","maxLr":0.1,"totalSteps":50}'],
      steps: '50',
      lrs: '0.1, 0.01',
      momentum: '0.9',
      metrics: '',
      plugins: ['./plugins/rex.js'],
      y: 'log',
      digits: 'full' as const,
    };
    const query = stateToQuery(state);
    const q = new URLSearchParams(query);
    expect(q.getAll('spec')).toEqual(['{"type":"step","stepSize":3}', '{"type":"one-cycle","maxLr":0.1,"totalSteps":50}']);
    expect(q.get('steps')).toBe('50');
    expect(q.has('metrics')).toBe(false);
    expect(q.get('y')).toBe('log');
    expect(q.get('digits')).toBe('full');
    const back = stateFromQuery(query);
    expect(back.specs.map((s) => JSON.parse(s) as unknown)).toEqual(state.specs.map((s) => JSON.parse(s) as unknown));
    expect({ ...back, specs: [] }).toEqual({ ...state, specs: [] });
  });

  it('keeps a spec that is not JSON as typed, so a link reproduces the error too', () => {
    const back = stateFromQuery(stateToQuery({ ...DEFAULT_STATE, specs: ['{"type": '] }));
    expect(back.specs).toEqual(['{"type": ']);
  });

  it('fills what the URL leaves out with the defaults', () => {
    const s = stateFromQuery(`?spec=${encodeURIComponent('{"type":"exponential","gamma":0.9}')}`);
    expect(s.steps).toBe(DEFAULT_STATE.steps);
    expect(s.lrs).toBe(DEFAULT_STATE.lrs);
    expect(s.digits).toBe('short');
    expect(new URLSearchParams(stateToQuery(s)).has('digits')).toBe(false);
    expect(JSON.parse(s.specs[0]!)).toEqual({ type: 'exponential', gamma: 0.9 });
    expect(stateFromQuery('').specs.map((t) => JSON.parse(t) as unknown)).toEqual(DEFAULT_STATE.specs.map((t) => JSON.parse(t) as unknown));
  });
});

describe('settings', () => {
  const ok = { steps: '20', lrs: '0.1,0.01', momentum: '0.9', metrics: '', y: 'linear' };
  it('parses numbers once, at the edge', () => {
    expect(parseSettings(ok)).toEqual({ settings: { steps: 20, lrs: [0.1, 0.01], momentum: 0.9 }, logY: false, errors: {} });
    expect(parseSettings({ ...ok, y: 'log' }).logY).toBe(true);
    expect(parseSettings({ ...ok, metrics: '1, 0.5' }).settings?.metrics).toEqual([1, 0.5]);
  });
  it('names the field and the item in errors', () => {
    expect(parseSettings({ ...ok, steps: '1.5' }).errors.steps).toBe("steps: expected an integer from 0 to 10000, got '1.5'");
    expect(parseSettings({ ...ok, steps: '10001' }).errors.steps).toMatch(/^steps: expected an integer from 0 to 10000/);
    expect(parseSettings({ ...ok, lrs: '0.1,,0.2' }).errors.lrs).toBe("lr: expected numbers >= 0 separated by commas, got '' (item 2)");
    expect(parseSettings({ ...ok, lrs: '-1' }).errors.lrs).toBe("lr: expected numbers >= 0 separated by commas, got '-1'");
    expect(parseSettings({ ...ok, momentum: 'x' }).errors.momentum).toBe("momentum: expected numbers separated by commas, got 'x'");
    expect(parseSettings({ ...ok, momentum: '0.9,0.8,0.7' }).errors.momentum).toBe('momentum: expected 1 value or 2 (one per group), got 3');
    expect(parseSettings({ ...ok, momentum: '0.9, 0.8' }).settings?.momentum).toEqual([0.9, 0.8]);
    expect(parseSettings({ ...ok, metrics: '1,two' }).errors.metrics).toBe("metrics: expected numbers separated by commas, got 'two' (item 2)");
    expect(parseSettings({ ...ok, y: 'ln' }).errors.y).toBe("y: expected 'linear' or 'log', got 'ln'");
    expect(parseSettings({ ...ok, steps: 'x' }).settings).toBeUndefined();
  });
});
