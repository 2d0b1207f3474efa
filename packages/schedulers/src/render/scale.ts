/** Value range of all series, widened when flat so a constant schedule still draws. */
export function valueRange(series: number[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const v of s) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  // Rates up to Number.MAX_VALUE are finite: keep the range's width finite too (hi - lo, hi * 1.1), or the
  // plots would place points at NaN.
  const half = Number.MAX_VALUE / 2;
  if (!Number.isFinite(hi - lo)) return [Math.max(lo, -half), Math.min(hi, half)];
  if (lo === hi) return lo === 0 ? [0, 1] : [Math.min(0, lo), Math.min(Math.max(0, hi) * 1.1, half) || 1];
  return [lo, hi];
}

/** A short label for a tick value. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}

/** Columns of a series: series[g][k] per group g over steps k. */
export function columns(rows: number[][]): number[][] {
  const groups = rows[0]?.length ?? 0;
  return Array.from({ length: groups }, (_, g) => rows.map((r) => r[g]!));
}
