// Small builders for the plain objects protobufjs encodes as ONNX messages (its field names, onnx.proto's).
import { ONNX_DOUBLE, ONNX_FLOAT, ONNX_INT64 } from './onnx-proto';

/** The symbolic batch dimension of every graph input and output. */
export const BATCH_DIM = 'N';

export function floatTensor(name: string, dims: number[], values: readonly number[]) {
  return { name, dims, data_type: ONNX_FLOAT, float_data: values };
}

export function doubleTensor(name: string, dims: number[], values: readonly number[]) {
  return { name, dims, data_type: ONNX_DOUBLE, double_data: values };
}

export function int64Tensor(name: string, dims: number[], values: readonly number[]) {
  return { name, dims, data_type: ONNX_INT64, int64_data: values };
}

export type TensorObject = ReturnType<typeof floatTensor> | ReturnType<typeof doubleTensor> | ReturnType<typeof int64Tensor>;

/** A tensor's name, element type (float unless given) and shape; a string dimension is symbolic. */
export function tensorValueInfo(name: string, dims: Array<number | string>, elemType = ONNX_FLOAT) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) },
      },
    },
  };
}

export interface AttributeObject {
  name: string;
  type: number;
  i?: number;
  ints?: number[];
  /** protobufjs takes bytes as Uint8Array (a JS string would be read as base64). */
  strings?: Uint8Array[];
}

export function node(opType: string, inputs: string[], output: string, attribute?: AttributeObject[], domain?: string) {
  return { op_type: opType, name: output, input: inputs, output: [output], ...(attribute ? { attribute } : {}), ...(domain ? { domain } : {}) };
}

export type NodeObject = ReturnType<typeof node>;
