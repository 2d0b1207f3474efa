// Reads what an lrkit-exported ONNX file says about itself, and tells a non-ONNX file apart with a clear error.
import { OnnxModelError } from './errors';
import { DataError, planFromJSON, type ColumnPlan } from '@lrkit/data';
import { META_COLUMN_PLAN, META_FEATURE_NAMES, META_LABELS, META_LRKIT_VERSION, META_TARGET, META_TASK, namesProblem, parseStringArray } from './metadata';
import { getModelProtoType } from './onnx-proto';
import type { OnnxModelInfo } from './types';

interface DecodedModel {
  ir_version?: number;
  opset_import?: Array<{ domain?: string; version?: number }>;
  graph?: { node?: unknown[]; input?: Array<{ name?: string }> };
  metadata_props?: Array<{ key?: string; value?: string }>;
}

const NOT_ONNX = 'is not an ONNX model';

function decode(bytes: Uint8Array, path: string): DecodedModel {
  if (bytes.byteLength === 0) throw new OnnxModelError(path, `${NOT_ONNX} (the file is empty)`);
  const type = getModelProtoType();
  let decoded: DecodedModel;
  try {
    decoded = type.toObject(type.decode(bytes), { longs: Number, defaults: false }) as DecodedModel;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new OnnxModelError(path, `${NOT_ONNX} (it does not parse as an ONNX ModelProto: ${detail})`);
  }
  // Protobuf's wire format is permissive: some non-ONNX bytes parse. A real model has all three of these.
  const hasOpset = (decoded.opset_import ?? []).some((o) => (o.domain ?? '') === '' && (o.version ?? 0) > 0);
  if (!(decoded.ir_version! > 0) || decoded.graph === undefined || !hasOpset) {
    throw new OnnxModelError(path, `${NOT_ONNX} (no IR version, graph or ai.onnx opset)`);
  }
  return decoded;
}

/** The column plan a model holds, checked field by field, or undefined for a model without one. */
function readPlan(text: string | undefined, target: string, path: string): ColumnPlan | undefined {
  if (text === undefined) return undefined;
  let plan: ColumnPlan;
  try {
    plan = planFromJSON(text);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new OnnxModelError(path, `metadata '${META_COLUMN_PLAN}': ${error.message}`);
  }
  if (plan.target.name !== target) throw new OnnxModelError(path, `metadata '${META_COLUMN_PLAN}' predicts '${plan.target.name}', metadata '${META_TARGET}' says '${target}'`);
  return plan;
}

/** The metadata of an lrkit-exported model in `bytes` (read from `path`, named in errors). */
export function readModelInfo(bytes: Uint8Array, path: string): OnnxModelInfo {
  const decoded = decode(bytes, path);
  const metadata: Record<string, string> = {};
  for (const { key, value } of decoded.metadata_props ?? []) {
    if (key !== undefined) metadata[key] = value ?? '';
  }
  const featureNames = parseStringArray(metadata[META_FEATURE_NAMES], META_FEATURE_NAMES);
  if (typeof featureNames === 'string') throw new OnnxModelError(path, featureNames);
  const labels = parseStringArray(metadata[META_LABELS], META_LABELS);
  if (typeof labels === 'string') throw new OnnxModelError(path, labels);
  const task = metadata[META_TASK] ?? 'classification';
  if (task !== 'classification' && task !== 'regression') {
    throw new OnnxModelError(path, `metadata '${META_TASK}' is '${task}', expected classification or regression`);
  }
  if (task === 'classification' && labels.length < 2) throw new OnnxModelError(path, `metadata '${META_LABELS}' must name at least 2 labels`);
  if (task === 'regression' && labels.length !== 0) throw new OnnxModelError(path, `metadata '${META_LABELS}' must be empty for a regression model`);
  // Validated once here, so predict can take the names as they are.
  const problem = namesProblem(featureNames, META_FEATURE_NAMES) ?? (labels.length > 0 ? namesProblem(labels, META_LABELS) : undefined);
  if (problem !== undefined) throw new OnnxModelError(path, problem);
  const target = metadata[META_TARGET];
  if (target === undefined || target.trim() === '') throw new OnnxModelError(path, `no '${META_TARGET}' metadata (the column the model predicts)`);
  if (featureNames.includes(target)) {
    throw new OnnxModelError(path, `metadata '${META_FEATURE_NAMES}' lists the target '${target}' as a feature`);
  }
  const plan = readPlan(metadata[META_COLUMN_PLAN], target, path);
  const opset = decoded.opset_import!.find((o) => (o.domain ?? '') === '')!.version!;
  return {
    task,
    featureNames,
    labels,
    target,
    lrkitVersion: metadata[META_LRKIT_VERSION] ?? '',
    metadata,
    opset,
    irVersion: decoded.ir_version!,
    ...(plan ? { plan } : {}),
  };
}
