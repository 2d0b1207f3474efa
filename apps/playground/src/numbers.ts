// How the table and the pointer readout write a rate. A schedule's arithmetic leaves float noise in the
// last digits (0.1 * 0.1 is 0.010000000000000002, in PyTorch as here); shown in full it hides the value a
// person reads for. So the page writes SHORT_DIGITS significant digits by default, and the full text,
// String(v) (the shortest that reads back as the same double), on demand: the "full precision" switch,
// a cell's tooltip, and the CSV export, which is always exact.

/** Significant digits of a value as the page shows it by default. */
export const SHORT_DIGITS = 10;

/** `v` as the page shows it: rounded to SHORT_DIGITS significant digits, or in full (`full`). */
export function formatValue(v: number, full: boolean): string {
  if (full || !Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(SHORT_DIGITS)));
}
