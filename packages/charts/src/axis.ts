// One axis of a chart: a linear, log or categorical d3 scale over the values given, with the ticks worth
// labelling. Shared by the line, scatter and parallel-coordinates charts so that they read alike.
import { scaleLinear, scaleLog, scalePoint } from 'd3-scale';
import { logTicks, tickLabel } from './svg';

export interface AxisSpec {
  /** A log axis: only values > 0 are placed. */
  log?: boolean;
  /** A categorical axis: these names, in this order, evenly spaced (the values are strings). */
  categories?: readonly string[];
  /**
   * The lowest value shown; values below it sit on the axis's edge. For a log axis of rates that decay
   * toward 0, whose last steps would otherwise stretch it over decades nobody reads.
   */
  floor?: number;
}

export interface Axis {
  /** The position of a value, or undefined where the axis cannot place it (NaN, <= 0 on a log axis, an unknown category). */
  at(v: number | string | undefined): number | undefined;
  ticks: { at: number; label: string }[];
  /** The room around each category (for jitter), 0 on a numeric axis. */
  band: number;
}

/** The finite values a scale covers, widened when they are all one value. */
export function extent(values: readonly number[], log: boolean): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (finite.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  return [lo, hi];
}

/** An axis over `values` from `range[0]` to `range[1]` (pixels; y axes run bottom to top: [bottom, top]). */
export function makeAxis(values: readonly (number | string | undefined)[], spec: AxisSpec, range: [number, number], count = 6): Axis {
  if (spec.categories) {
    const s = scalePoint<string>().domain(spec.categories).range(range).padding(0.5);
    return {
      at: (v) => (typeof v === 'string' ? s(v) : undefined),
      ticks: spec.categories.map((c) => ({ at: s(c)!, label: c })),
      band: s.step(),
    };
  }
  const log = spec.log ?? false;
  const nums = values.filter((v): v is number => typeof v === 'number');
  const d = extent(nums, log);
  if (spec.floor !== undefined && spec.floor > d[0] && spec.floor < d[1]) d[0] = spec.floor;
  const s = log ? scaleLog().domain(d).range(range).clamp(spec.floor !== undefined) : scaleLinear().domain(d).range(range).nice(count).clamp(spec.floor !== undefined);
  const ticks = log ? logTicks(s.ticks()) : s.ticks(count);
  return {
    at: (v) => (typeof v === 'number' && Number.isFinite(v) && (!log || v > 0) ? s(v) : undefined),
    ticks: ticks.map((t) => ({ at: s(t), label: tickLabel(t) })),
    band: 0,
  };
}
