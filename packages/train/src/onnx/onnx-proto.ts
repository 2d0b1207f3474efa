// The part of ONNX's model format (onnx/onnx.proto, IR version 8, proto2) that lrkit writes and reads,
// transcribed from the ONNX specification into protobufjs's JSON descriptor (onnx-subset.json): message
// and field names and numbers are the spec's, so any ONNX reader (onnxruntime, onnx.checker) parses what
// protobufjs encodes from these definitions. Fields lrkit never sets (sparse tensors, functions, training
// info, ...) are left out; protobufjs skips them when it reads a model written by another tool. The JSON
// form, not .proto text, so that no parser runs at load and the schema is data, not code.
import { createRequire } from 'node:module';
import type * as Protobuf from 'protobufjs';
import onnxSubset from './onnx-subset.json';

/** TensorProto.DataType values lrkit's graphs use: float for the network, the rest for a column plan's raw inputs. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export const ONNX_STRING = 8;
export const ONNX_DOUBLE = 11;
/** AttributeProto.AttributeType values lrkit sets. */
export const ONNX_ATTR_FLOAT = 1;
export const ONNX_ATTR_INT = 2;
export const ONNX_ATTR_INTS = 7;
export const ONNX_ATTR_STRINGS = 8;

let modelProto: Protobuf.Type | undefined;

/**
 * The ModelProto message type, parsed once on first use. protobufjs (30-odd modules) is loaded here, on the
 * first export or model read, not with @lrkit/train: a run that exports nothing never loads it.
 * require() keeps encodeOnnx synchronous.
 */
export function getModelProtoType(): Protobuf.Type {
  if (modelProto === undefined) {
    const protobuf = createRequire(import.meta.url)('protobufjs') as typeof Protobuf;
    modelProto = protobuf.Root.fromJSON(onnxSubset).lookupType('onnx.ModelProto');
  }
  return modelProto;
}
