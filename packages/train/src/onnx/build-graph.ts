// MlpJSON + Preprocessing -> an ONNX ModelProto as a plain object (protobufjs encodes it). The graph:
//   features [N, F] -> Sub(mean) -> Div(scale) -> (Gemm -> activation) per layer -> then, by the model's output:
//   sigmoid: Sigmoid -> probability [N, 1]      (2 classes: P(labels[1]))
//   softmax: Softmax(axis 1) -> probabilities [N, k]
//   linear:  Mul(target scale) -> Add(target mean) -> prediction [N, 1]   (regression, in the target's units)
// Scaling is Sub then Div, not Mul by 1/scale: Div rounds once, as the JS scaling does, so the graph stays
// within float32 rounding of the training forward pass.
import type { Activation, DenseLayerJSON, MlpJSON, MlpOutput, Preprocessing } from '../types';
import { OnnxExportError } from './errors';
import type { MetadataEntry } from './metadata';
import { ONNX_ATTR_INT } from './onnx-proto';
import { buildPlanGraph, checkPlanPreprocessing, checkValueNames, ML_DOMAIN, ML_OPSET } from './plan-graph';
import { BATCH_DIM, floatTensor, node, tensorValueInfo, type NodeObject, type TensorObject } from './proto-builders';

export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'probability';
/** The graph's output name for each kind of model output. */
export const OUTPUT_NAMES: Readonly<Record<MlpOutput, string>> = { sigmoid: OUTPUT_NAME, softmax: 'probabilities', linear: 'prediction' };

export const DEFAULT_OPSET = 17;
export const MIN_OPSET = 13;
export const MAX_OPSET = 23;

const ACTIVATION_OPS: Record<Activation, string | undefined> = {
  relu: 'Relu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  linear: undefined,
};

/**
 * The lowest IR version that can carry a given opset (ONNX's versioning table): opset <= 17 gets IR 8, the
 * newest that onnx 1.12's checker and older runtimes accept.
 */
export function irVersionFor(opset: number): number {
  if (opset <= 17) return 8;
  if (opset <= 20) return 9;
  if (opset <= 22) return 10;
  return 11;
}

export function resolveOpset(opset: number | undefined): number {
  const value = opset ?? DEFAULT_OPSET;
  if (!Number.isInteger(value) || value < MIN_OPSET || value > MAX_OPSET) {
    throw new OnnxExportError(`opset must be an integer from ${MIN_OPSET} to ${MAX_OPSET}, got ${String(opset)}`);
  }
  return value;
}

function checkFinite(values: readonly number[], what: string): void {
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new OnnxExportError(`${what}[${bad}] is not a finite number (${String(values[bad])})`);
}

function validate(model: MlpJSON, pre: Preprocessing): void {
  const f = pre.featureNames.length;
  if (f === 0) throw new OnnxExportError('preprocessing has no feature names');
  if (new Set(pre.featureNames).size !== f) {
    throw new OnnxExportError('preprocessing feature names are not unique: features are matched by name');
  }
  if (pre.mean.length !== f || pre.scale.length !== f) {
    throw new OnnxExportError(
      `preprocessing has ${f} features but ${pre.mean.length} means and ${pre.scale.length} scales`,
    );
  }
  checkFinite(pre.mean, 'preprocessing.mean');
  checkFinite(pre.scale, 'preprocessing.scale');
  const zero = pre.scale.indexOf(0);
  if (zero >= 0) throw new OnnxExportError(`preprocessing.scale[${zero}] is 0`);
  if (!(model.output in OUTPUT_NAMES)) throw new OnnxExportError(`unsupported model output '${String(model.output)}'`);
  const task = pre.task ?? 'classification';
  if ((task === 'regression') !== (model.output === 'linear')) {
    throw new OnnxExportError(`a '${model.output}' model output does not fit a ${task} task`);
  }
  if (model.output === 'sigmoid' && pre.labels.length !== 2) {
    throw new OnnxExportError(`a binary model needs 2 label names, preprocessing has ${pre.labels.length}`);
  }
  if (model.output === 'linear') {
    if (pre.labels.length !== 0) throw new OnnxExportError('a regression model has no labels');
    checkFinite([pre.targetMean ?? NaN, pre.targetScale ?? NaN], 'preprocessing [targetMean, targetScale]');
    if (pre.targetScale === 0) throw new OnnxExportError('preprocessing.targetScale is 0');
  }
  if (model.layers.length === 0) throw new OnnxExportError('the model has no layers');
  if (pre.plan === undefined && (model.embeddings ?? []).length > 0) {
    throw new OnnxExportError('the model has embeddings but the preprocessing no column plan to feed them');
  }
  let width = f + (model.embeddings ?? []).reduce((w, e) => w + e.size, 0);
  model.layers.forEach((layer, i) => {
    const at = `layer ${i}`;
    if (layer.inputSize !== width) {
      throw new OnnxExportError(`${at} takes ${layer.inputSize} inputs but receives ${width}`);
    }
    if (!Number.isInteger(layer.outputSize) || layer.outputSize < 1) {
      throw new OnnxExportError(`${at} has output size ${layer.outputSize}`);
    }
    if (layer.weight.length !== layer.inputSize * layer.outputSize) {
      throw new OnnxExportError(
        `${at} weight has ${layer.weight.length} values, expected ${layer.inputSize}x${layer.outputSize}`,
      );
    }
    if (layer.bias.length !== layer.outputSize) {
      throw new OnnxExportError(`${at} bias has ${layer.bias.length} values, expected ${layer.outputSize}`);
    }
    if (!(layer.activation in ACTIVATION_OPS)) {
      throw new OnnxExportError(`${at} has unsupported activation '${String(layer.activation)}'`);
    }
    checkFinite(layer.weight, `${at} weight`);
    checkFinite(layer.bias, `${at} bias`);
    width = layer.outputSize;
  });
  if (model.output === 'softmax') {
    if (width !== pre.labels.length) {
      throw new OnnxExportError(`the last layer has ${width} outputs but preprocessing names ${pre.labels.length} classes`);
    }
  } else if (width !== 1) {
    throw new OnnxExportError(`a '${model.output}' model's last layer must have 1 output, it has ${width}`);
  }
}

export interface BuildModelOptions {
  opset: number;
  producerVersion: string;
  metadata: MetadataEntry[];
}

/** The ModelProto for an MLP with its scaling in front, as a plain object in protobufjs' field names. */
export function buildModelProto(model: MlpJSON, pre: Preprocessing, options: BuildModelOptions) {
  // With a plan the graph starts from raw columns and the plan scales; without, from the feature matrix.
  const plan = pre.plan === undefined ? undefined : buildPlanGraph(checkPlanPreprocessing(pre, pre.plan), model.embeddings ?? []);
  validate(model, pre);
  const f = pre.featureNames.length;
  const initializer: TensorObject[] = plan ? plan.initializer : [floatTensor('scaler_mean', [f], pre.mean), floatTensor('scaler_scale', [f], pre.scale)];
  const nodes: NodeObject[] = plan
    ? plan.nodes
    : [node('Sub', [INPUT_NAME, 'scaler_mean'], 'centered'), node('Div', ['centered', 'scaler_scale'], 'scaled')];
  let current = plan ? plan.output : 'scaled';
  model.layers.forEach((layer: DenseLayerJSON, i) => {
    const w = `dense${i}_weight`;
    const b = `dense${i}_bias`;
    initializer.push(floatTensor(w, [layer.inputSize, layer.outputSize], layer.weight));
    initializer.push(floatTensor(b, [layer.outputSize], layer.bias));
    // Gemm's defaults (alpha = beta = 1, no transposes) are y = x W + b with W stored [in][out], as MlpJSON is.
    nodes.push(node('Gemm', [current, w, b], `dense${i}`));
    current = `dense${i}`;
    const op = ACTIVATION_OPS[layer.activation];
    if (op !== undefined) {
      nodes.push(node(op, [current], `dense${i}_${layer.activation}`));
      current = `dense${i}_${layer.activation}`;
    }
  });
  const output = OUTPUT_NAMES[model.output];
  let width = 1;
  let doc = `P(${pre.target} = ${pre.labels[1]})`;
  if (model.output === 'sigmoid') nodes.push(node('Sigmoid', [current], output));
  else if (model.output === 'softmax') {
    width = pre.labels.length;
    doc = `P(${pre.target} = each of ${pre.labels.length} classes)`;
    nodes.push(node('Softmax', [current], output, [{ name: 'axis', type: ONNX_ATTR_INT, i: 1 }]));
  } else {
    // The model predicts the standardised target; the graph maps it back: y = z * scale + mean.
    doc = `${pre.target}, in its own units`;
    initializer.push(floatTensor('target_scale', [1], [pre.targetScale!]), floatTensor('target_mean', [1], [pre.targetMean!]));
    nodes.push(node('Mul', [current, 'target_scale'], 'target_scaled'), node('Add', ['target_scaled', 'target_mean'], output));
  }

  const inputs = plan ? plan.inputs : [tensorValueInfo(INPUT_NAME, [BATCH_DIM, f])];
  if (plan) checkValueNames(inputs, nodes, initializer);
  return {
    ir_version: irVersionFor(options.opset),
    opset_import: [{ domain: '', version: options.opset }, ...(plan ? [{ domain: ML_DOMAIN, version: ML_OPSET }] : [])],
    producer_name: 'lrkit',
    producer_version: options.producerVersion,
    doc_string: plan
      ? `lrkit MLP: ${doc} from ${inputs.length} raw columns, the column plan (filling, encoding, scaling) included`
      : `lrkit MLP: ${doc} from ${f} raw features, scaling included`,
    graph: {
      name: 'lrkit_mlp',
      node: nodes,
      initializer,
      input: inputs,
      output: [tensorValueInfo(output, [BATCH_DIM, width])],
    },
    metadata_props: options.metadata,
  };
}
