// exportOnnx: an MLP and its preprocessing to a .onnx file, by @lrkit/io's rule for outputs (a file is
// replaced atomically, a link written through, a device or FIFO written in place).
import { OutputFileError, writeOutputAsync } from '@lrkit/io';
import type { MlpJSON, Preprocessing } from '../types';
import { buildModelProto, irVersionFor, resolveOpset } from './build-graph';
import { OnnxExportError } from './errors';
import { buildMetadataProps, lrkitVersion } from './metadata';
import { getModelProtoType } from './onnx-proto';
import type { ExportOnnxOptions, ExportOnnxResult } from './types';

/** The ONNX model's bytes, for callers that store them elsewhere than a file. */
export function encodeOnnx(
  model: MlpJSON,
  preprocessing: Preprocessing,
  options: Omit<ExportOnnxOptions, 'path'> = {},
): Uint8Array {
  const opset = resolveOpset(options.opset);
  const proto = buildModelProto(model, preprocessing, {
    opset,
    producerVersion: lrkitVersion,
    metadata: buildMetadataProps(preprocessing, options.metadata),
  });
  const type = getModelProtoType();
  const problem = type.verify(proto);
  // buildModelProto produced something the schema rejects: a bug here, not the caller's input.
  if (problem !== null) throw new Error(`internal: ONNX ModelProto does not verify: ${problem}`);
  return type.encode(type.fromObject(proto)).finish();
}

/**
 * Writes `model` (with `preprocessing`'s scaling in the graph) to `options.path` as an ONNX model that maps
 * raw feature rows [N, F] to P(class 1) [N, 1]. The file appears complete or not at all; a link is written
 * through to its file, a device or FIFO written in place (@lrkit/io's writeOutputAsync).
 */
export async function exportOnnx(
  model: MlpJSON,
  preprocessing: Preprocessing,
  options: ExportOnnxOptions,
): Promise<ExportOnnxResult> {
  if (typeof options.path !== 'string' || options.path === '') {
    throw new OnnxExportError('an output path is required');
  }
  const bytes = encodeOnnx(model, preprocessing, options);
  const opset = resolveOpset(options.opset);
  try {
    await writeOutputAsync(options.path, bytes, { flag: 'path', durable: true, ...(options.tempFiles ? { temp: options.tempFiles } : {}) });
  } catch (error) {
    if (!(error instanceof OutputFileError)) throw error;
    throw new OnnxExportError(error.detail);
  }
  return { path: options.path, bytes: bytes.byteLength, opset, irVersion: irVersionFor(opset) };
}
