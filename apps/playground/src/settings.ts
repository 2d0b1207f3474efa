import type { ViewState } from './state.js';

/** Longest preview the page runs: the table shows every row, and the browser must stay responsive. */
export const MAX_STEPS = 10_000;

/** What preview() needs besides the spec, parsed from the settings the user typed. */
export interface RunSettings {
  steps: number;
  lrs: number[];
  /** One momentum for every group, or one per group (as `lrkit schedule --momentum`). */
  momentum: number | number[];
  /** Absent when the field is empty (preview() then names `metrics` if the spec needs them). */
  metrics?: number[];
}

export type SettingName = 'steps' | 'lrs' | 'momentum' | 'metrics' | 'y';

const Y_SCALES = ['linear', 'log'];
export type SettingErrors = Partial<Record<SettingName, string>>;

/** Comma-separated numbers; the first item that is not one is named. */
function numbers(text: string, name: string, min?: number): number[] | string {
  const parts = text.split(',').map((p) => p.trim());
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const n = p === '' ? Number.NaN : Number(p);
    if (!Number.isFinite(n) || (min !== undefined && n < min))
      return `${name}: expected ${min === undefined ? 'numbers' : `numbers >= ${min}`} separated by commas, got '${p}'${parts.length > 1 ? ` (item ${i + 1})` : ''}`;
    out.push(n);
  }
  return out;
}

/** Parse the settings once, at the edge; each error names its field. `logY`: draw the rates on a log axis. */
export function parseSettings(state: Pick<ViewState, SettingName>): { settings?: RunSettings; logY: boolean; errors: SettingErrors } {
  const errors: SettingErrors = {};
  const stepsText = state.steps.trim();
  const steps = /^\d+$/.test(stepsText) ? Number(stepsText) : Number.NaN;
  if (!(steps >= 0 && steps <= MAX_STEPS)) errors.steps = `steps: expected an integer from 0 to ${MAX_STEPS}, got '${state.steps}'`;
  const lrs = numbers(state.lrs, 'lr', 0);
  if (typeof lrs === 'string') errors.lrs = lrs;
  const moms = numbers(state.momentum, 'momentum');
  if (typeof moms === 'string') errors.momentum = moms;
  else if (typeof lrs !== 'string' && moms.length !== 1 && moms.length !== lrs.length)
    errors.momentum = `momentum: expected 1 value or ${lrs.length} (one per group), got ${moms.length}`;
  let metrics: number[] | string | undefined;
  if (state.metrics.trim() !== '') {
    metrics = numbers(state.metrics, 'metrics');
    if (typeof metrics === 'string') errors.metrics = metrics;
  }
  if (!Y_SCALES.includes(state.y)) errors.y = `y: expected 'linear' or 'log', got '${state.y}'`;
  const logY = state.y === 'log';
  if (Object.keys(errors).length) return { logY, errors };
  const m = moms as number[];
  const settings: RunSettings = { steps, lrs: lrs as number[], momentum: m.length === 1 ? m[0]! : m };
  if (metrics) settings.metrics = metrics as number[];
  return { settings, logY, errors };
}
