// exportOnnx: an MLP and its preprocessing to a .onnx file, atomically (temp file + rename).
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
 * raw feature rows [N, F] to P(class 1) [N, 1]. The file appears complete or not at all.
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
  // The temp file sits beside the target so the rename stays on one filesystem (and so is atomic).
  const temp = join(dirname(options.path), `.${basename(options.path)}.${randomBytes(6).toString('hex')}.tmp`);
  options.tempFiles?.add(temp);
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(bytes);
      // Flushed before the rename, so a crash cannot leave the final name pointing at a short file.
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, options.path);
  } catch (error) {
    await rm(temp, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new OnnxExportError(`cannot write ${options.path}: ${message}`);
  } finally {
    options.tempFiles?.delete(temp);
  }
  return { path: options.path, bytes: bytes.byteLength, opset, irVersion: irVersionFor(opset) };
}
