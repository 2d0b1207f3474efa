/** Three significant figures, no exponent for everyday magnitudes: 0.000123, 1.23, 123, 12345. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  if (a >= 1e-4) return v.toPrecision(3);
  return v.toExponential(2);
}

export function formatRatio(median: number): string {
  return `${formatNumber(median)}x`;
}
