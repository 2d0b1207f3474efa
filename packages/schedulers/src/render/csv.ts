import type { PreviewResult } from '../types.js';

/** One row per step: `step,lr0,lr1,...[,momentum0,...]`. Numbers are written to full precision. */
export function toCsv(result: PreviewResult): string {
  const groups = result.lrs[0]?.length ?? 0;
  const head = ['step', ...Array.from({ length: groups }, (_, i) => `lr${i}`)];
  if (result.momentum) head.push(...Array.from({ length: groups }, (_, i) => `momentum${i}`));
  const lines = [head.join(',')];
  result.lrs.forEach((row, k) => {
    const cells = [String(k), ...row.map(String)];
    if (result.momentum) cells.push(...result.momentum[k]!.map(String));
    lines.push(cells.join(','));
  });
  return `${lines.join('\n')}\n`;
}
