import type { BenchDocument } from '../types';

/** One JSON document (machine, command, options, results, targets), pretty-printed. */
export function renderJson(doc: BenchDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
