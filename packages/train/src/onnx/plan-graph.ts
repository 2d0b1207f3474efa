// The front of the graph for a model that holds its column plan: raw columns in, the network's input out,
// computing exactly what @lrkit/data's applyColumnPlan computes. One graph input per column the plan uses,
// named as the column:
//   numeric      double [N, 1], NaN for a gap
//   date         double [N, 5], the parts (DATE_PARTS) of the date (YYYY-MM-DD or YYYY/MM/DD), NaN for a gap; the caller parses
//                the text (ONNX has no date parsing; lrkit predict parses with the plan's own rule)
//   categorical  string [N, 1], the cell's text, '' for a gap
// Numeric inputs are double so that filling and scaling round as the JS plan does (float64, then one
// rounding to float32): the graph's network input is the same float32 matrix applyColumnPlan makes.
// Categories go through ai.onnx.ml's LabelEncoder (string -> code, unknown -> 0): onnxruntime-node and
// onnxruntime-web both run it, while plain ops compare strings only from opset 19 (Equal), which the
// onnx 1.12 checker and IR 8 do not reach. Codes then become one-hot columns by an int64 Equal against
// 1..W, or embedding vectors by Gather: plain ops both runtimes run.
import type { CategoricalStep, ColumnPlan, ColumnStep, IgnoredStep, NumericStep } from '@lrkit/data';
import { DATE_PARTS, levelCodes, planInputs } from '@lrkit/data';
import type { EmbeddingJSON, Preprocessing } from '../types';
import { OnnxExportError } from './errors';
import { ONNX_ATTR_INT, ONNX_ATTR_INTS, ONNX_ATTR_STRINGS, ONNX_DOUBLE, ONNX_FLOAT, ONNX_STRING } from './onnx-proto';
import { BATCH_DIM, doubleTensor, floatTensor, int64Tensor, node, tensorValueInfo, type NodeObject, type TensorObject } from './proto-builders';

export const ML_DOMAIN = 'ai.onnx.ml';
/** ai.onnx.ml 3 (onnx 1.12, IR 8): LabelEncoder's version 2, keys and values as lists. */
export const ML_OPSET = 3;
/** A categorical input's gap: the empty text (a plan whose na list leaves '' a level cannot be exported). */
export const CATEGORICAL_GAP = '';

type UsedStep = Exclude<ColumnStep, IgnoredStep>;

/** What the model's `inputs` metadata says of each graph input: enough to feed it without lrkit. */
export interface PlanInputInfo {
  name: string;
  type: 'double' | 'string';
  shape: [typeof BATCH_DIM, number];
  gap: 'NaN' | '';
  parts?: string[];
}

export function planInputInfo(plan: ColumnPlan): PlanInputInfo[] {
  return usedSteps(plan).map((step) => {
    if (step.role === 'categorical') return { name: step.name, type: 'string', shape: [BATCH_DIM, 1], gap: '' };
    if (step.role === 'numeric') return { name: step.name, type: 'double', shape: [BATCH_DIM, 1], gap: 'NaN' };
    return { name: step.name, type: 'double', shape: [BATCH_DIM, DATE_PARTS.length], gap: 'NaN', parts: [...DATE_PARTS] };
  });
}

function usedSteps(plan: ColumnPlan): UsedStep[] {
  return plan.columns.filter((s): s is UsedStep => s.role !== 'ignored');
}

const cast = (input: string, output: string, to: number) => node('Cast', [input], output, [{ name: 'to', type: ONNX_ATTR_INT, i: to }]);

export interface PlanGraph {
  inputs: ReturnType<typeof tensorValueInfo>[];
  nodes: NodeObject[];
  initializer: TensorObject[];
  /** The float [N, inputs + embedding widths] tensor the first dense layer reads. */
  output: string;
}

/** Checks the model's embeddings against the plan's: same columns, cardinalities and sizes, finite weights. */
function checkEmbeddings(plan: ColumnPlan, embeddings: readonly EmbeddingJSON[]): void {
  const planned = planInputs(plan).embeddings;
  if (planned.length !== embeddings.length) {
    throw new OnnxExportError(`the plan embeds ${planned.length} columns but the model has ${embeddings.length} embeddings`);
  }
  planned.forEach((p, k) => {
    const e = embeddings[k]!;
    if (e.name !== p.name || e.cardinality !== p.cardinality || e.size !== p.size) {
      throw new OnnxExportError(`embedding ${k} is '${e.name}' ${e.cardinality}x${e.size}; the plan's is '${p.name}' ${p.cardinality}x${p.size}`);
    }
    if (e.weight.length !== e.cardinality * e.size) {
      throw new OnnxExportError(`embedding '${e.name}' has ${e.weight.length} weights, expected ${e.cardinality}x${e.size}`);
    }
    const bad = e.weight.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new OnnxExportError(`embedding '${e.name}' weight[${bad}] is not a finite number (${String(e.weight[bad])})`);
  });
}

/** Filling (Where on IsNaN), scaling, and the 0/1 indicators of numeric steps sharing one input (a date's parts). */
function numericNodes(g: PlanGraph, input: string, id: string, steps: readonly NumericStep[]): string {
  const n = steps.length;
  g.initializer.push(
    doubleTensor(`${id}.median`, [n], steps.map((s) => s.median)),
    doubleTensor(`${id}.mean`, [n], steps.map((s) => s.mean)),
    doubleTensor(`${id}.scale`, [n], steps.map((s) => s.scale)),
  );
  g.nodes.push(
    node('IsNaN', [input], `${id}.gap`),
    node('Where', [`${id}.gap`, `${id}.median`, input], `${id}.filled`),
    node('Sub', [`${id}.filled`, `${id}.mean`], `${id}.centered`),
    node('Div', [`${id}.centered`, `${id}.scale`], `${id}.scaled64`),
    cast(`${id}.scaled64`, `${id}.scaled`, ONNX_FLOAT),
  );
  if (!steps.some((s) => s.indicator)) return `${id}.scaled`;
  // Each value, then its indicator where it has one: the column order applyColumnPlan writes.
  const order: number[] = [];
  steps.forEach((s, k) => order.push(k, ...(s.indicator ? [n + k] : [])));
  g.initializer.push(int64Tensor(`${id}.order`, [order.length], order));
  g.nodes.push(
    cast(`${id}.gap`, `${id}.missing`, ONNX_FLOAT),
    node('Concat', [`${id}.scaled`, `${id}.missing`], `${id}.both`, [{ name: 'axis', type: ONNX_ATTR_INT, i: 1 }]),
    node('Gather', [`${id}.both`, `${id}.order`], `${id}.out`, [{ name: 'axis', type: ONNX_ATTR_INT, i: 1 }]),
  );
  return `${id}.out`;
}

/** The code of each row's level (LabelEncoder), then one-hot columns or the embedding vector. */
function categoricalNodes(g: PlanGraph, id: string, step: CategoricalStep, embedding: EmbeddingJSON | undefined): string {
  const { codes, missing } = levelCodes(step);
  if (codes.has(CATEGORICAL_GAP)) {
    throw new OnnxExportError(`column '${step.name}' has the empty text as a level, but a categorical gap is '' in the exported graph (read empty cells as gaps: keep '' among the na tokens)`);
  }
  const keys = [...codes.keys(), ...(missing > 0 ? [CATEGORICAL_GAP] : [])];
  const values = [...codes.values(), ...(missing > 0 ? [missing] : [])];
  const encoder = new TextEncoder();
  g.nodes.push(
    node('LabelEncoder', [step.name], `${id}.code`, [
      { name: 'keys_strings', type: ONNX_ATTR_STRINGS, strings: keys.map((k) => encoder.encode(k)) },
      { name: 'values_int64s', type: ONNX_ATTR_INTS, ints: values },
      { name: 'default_int64', type: ONNX_ATTR_INT, i: 0 },
    ], ML_DOMAIN),
  );
  if (embedding === undefined) {
    // Code 0 ('unknown') matches none of 1..W: an all-zero row, as applyColumnPlan writes it.
    const width = Math.max(0, ...values);
    g.initializer.push(int64Tensor(`${id}.columns`, [width], Array.from({ length: width }, (_, k) => k + 1)));
    g.nodes.push(node('Equal', [`${id}.code`, `${id}.columns`], `${id}.hot`), cast(`${id}.hot`, `${id}.out`, ONNX_FLOAT));
    return `${id}.out`;
  }
  g.initializer.push(int64Tensor(`${id}.flat_shape`, [1], [-1]), floatTensor(`${id}.embedding`, [embedding.cardinality, embedding.size], embedding.weight));
  g.nodes.push(
    node('Reshape', [`${id}.code`, `${id}.flat_shape`], `${id}.codes`),
    node('Gather', [`${id}.embedding`, `${id}.codes`], `${id}.out`),
  );
  return `${id}.out`;
}

/**
 * The plan's graph front. Internal values are named `plan.<k>.<what>` for the plan's k-th column; a column
 * whose name equals a value of the graph is refused (graph values are named once).
 */
export function buildPlanGraph(plan: ColumnPlan, embeddings: readonly EmbeddingJSON[]): PlanGraph {
  checkEmbeddings(plan, embeddings);
  const g: PlanGraph = { inputs: [], nodes: [], initializer: [], output: 'plan.inputs' };
  const floats: string[] = [];
  const vectors: string[] = [];
  let e = 0;
  plan.columns.forEach((step, k) => {
    if (step.role === 'ignored') return;
    const id = `plan.${k}`;
    if (step.role === 'categorical') {
      g.inputs.push(tensorValueInfo(step.name, [BATCH_DIM, 1], ONNX_STRING));
      const out = categoricalNodes(g, id, step, step.encoding === 'embedding' ? embeddings[e++] : undefined);
      (step.encoding === 'embedding' ? vectors : floats).push(out);
    } else {
      const parts = step.role === 'date' ? step.parts : [step];
      g.inputs.push(tensorValueInfo(step.name, [BATCH_DIM, parts.length], ONNX_DOUBLE));
      floats.push(numericNodes(g, step.name, id, parts));
    }
  });
  g.nodes.push(node('Concat', [...floats, ...vectors], g.output, [{ name: 'axis', type: ONNX_ATTR_INT, i: 1 }]));
  return g;
}

/**
 * The preprocessing a plan model carries: its feature names are the plan's input names, in order, and its
 * mean and scale the identity (the plan scales; the graph applies no second scaling).
 */
export function checkPlanPreprocessing(pre: Preprocessing, plan: ColumnPlan): ColumnPlan {
  const names = planInputs(plan).inputNames;
  if (names.length !== pre.featureNames.length || names.some((n, j) => n !== pre.featureNames[j])) {
    throw new OnnxExportError(`preprocessing.featureNames are not the column plan's ${names.length} input names in order`);
  }
  if (pre.mean.some((m) => m !== 0) || pre.scale.some((s) => s !== 1)) {
    throw new OnnxExportError('with a column plan, preprocessing.mean and scale must be 0 and 1: the plan scales its inputs');
  }
  if (pre.target !== plan.target.name) throw new OnnxExportError(`preprocessing.target '${pre.target}' is not the plan's target '${plan.target.name}'`);
  return plan;
}

/** Graph values are named once: a column named as an internal value (or the output) is refused by name. */
export function checkValueNames(inputs: readonly { name: string }[], nodes: readonly NodeObject[], initializer: readonly TensorObject[]): void {
  const internal = new Set([...nodes.flatMap((n) => n.output), ...initializer.map((t) => t.name)]);
  const clash = inputs.find((i) => internal.has(i.name));
  if (clash !== undefined) {
    throw new OnnxExportError(`column '${clash.name}' has the name of a value inside the graph; rename the column to export the model`);
  }
}
