// Raw columns to the tensors a plan model's graph takes (plan-graph.ts describes them), and the check, at
// load, that the graph's inputs are the columns its plan uses.
import type { ColumnPlan, RawPlanInput } from '@lrkit/data';
import { DATE_PARTS } from '@lrkit/data';
import type { Tensor } from 'onnxruntime-web';
import { CATEGORICAL_GAP } from './plan-graph';
import type { Ort } from './runtime';

/** One tensor per input, named as its column: doubles as read (NaN gaps), texts with '' for a gap. */
export function planFeeds(ort: Ort, inputs: readonly RawPlanInput[], rows: number): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const input of inputs) {
    const width = input.role === 'date' ? DATE_PARTS.length : 1;
    if (input.values.length !== rows * width) {
      throw new RangeError(`runInputs(): column '${input.name}' has ${input.values.length} values, not ${rows} rows of ${width}`);
    }
    feeds[input.name] =
      input.role === 'categorical'
        ? new ort.Tensor('string', input.values.map((v) => v ?? CATEGORICAL_GAP), [rows, 1])
        : new ort.Tensor('float64', input.values, [rows, width]);
  }
  return feeds;
}

/** What is wrong with a plan model's graph inputs, or undefined: one per used column, named as it. */
export function planInputsProblem(plan: ColumnPlan, inputNames: readonly string[]): string | undefined {
  const used = plan.columns.filter((s) => s.role !== 'ignored').map((s) => s.name);
  if (used.length === inputNames.length && used.every((n) => inputNames.includes(n))) return undefined;
  return `the graph's inputs (${inputNames.join(', ')}) are not the columns its plan uses (${used.join(', ')})`;
}
