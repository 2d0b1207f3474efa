import type { PreviewResult } from '../types.js';
import { toAscii } from './ascii.js';
import { toCsv } from './csv.js';
import { toSvg } from './svg.js';

export type PreviewFormat = 'json' | 'csv' | 'ascii' | 'svg';
export const PREVIEW_FORMATS: readonly PreviewFormat[] = ['json', 'csv', 'ascii', 'svg'];

/**
 * Render a preview: `json` is `{"lrs": [[...], ...], "momentum"?: [...]}` (N+1 rows), `csv` one row per
 * step, `ascii` a terminal plot, `svg` a chart fit for docs.
 */
export function renderPreview(result: PreviewResult, format: PreviewFormat, opts: { title?: string } = {}): string {
  switch (format) {
    case 'json': {
      const out: { lrs: number[][]; momentum?: number[][] } = { lrs: result.lrs };
      if (result.momentum) out.momentum = result.momentum;
      return `${JSON.stringify(out)}\n`;
    }
    case 'csv':
      return toCsv(result);
    case 'ascii':
      return toAscii(result, opts);
    case 'svg':
      return toSvg(result, opts);
  }
}
