import { tf } from '@lrkit/core';
import { DT_F32, DT_I32 } from './native/codes';
import type { KernelAddon } from './types';

type DataType = tf.DataType;
type DataId = object;
type BackendValues = tf.BackendValues;
type TensorInfo = tf.TensorInfo;

/** One tensor's storage: a device allocation of `size` 4-byte elements (0 for an empty tensor). */
export interface DeviceData {
  ptr: number;
  size: number;
  dtype: DataType;
  refCount: number;
}

/** The device element type of a tfjs dtype: float32 as float, int32 and bool as int32. */
export function deviceType(dtype: DataType): number {
  if (dtype === 'float32') return DT_F32;
  if (dtype === 'int32' || dtype === 'bool') return DT_I32;
  throw new Error(`dtype '${dtype}' is not supported by lrkit's addon backends (cuda, native): only float32, int32 and bool`);
}

/** How a backend over an addon is registered: see `registerAddonBackend`. */
export interface AddonBackendOptions {
  /** The tfjs backend name (also the start of its error messages). */
  name: string;
  /** tfjs's priority for the name. */
  priority: number;
  /**
   * Whether matrix products ask the addon for its alternative implementation (cuda: cuBLAS) rather than the
   * kernels' own GEMM; an addon without one runs its own either way.
   */
  alternateGemm?: boolean;
}

/**
 * A tfjs KernelBackend whose tensors live in an addon's memory: GPU memory for @lrkit/backend-cuda's kernels,
 * host memory for @lrkit/backend-native's CPU kernels (the same kernels.h interface). Each dataId maps to a
 * pointer; values cross to JavaScript only in read/readSync. Reference counting follows tfjs's contract:
 * write() and kernel outputs start at 1, incRef() adds, disposeData() drops one and frees the memory when
 * none is left (or on force).
 */
export class AddonBackend extends tf.KernelBackend {
  private readonly data: tf.DataStorage<DeviceData>;
  private bytesInUse = 0;
  /** The tfjs backend name, for messages. */
  readonly name: string;
  readonly alternateGemm: boolean;

  constructor(
    readonly addon: KernelAddon,
    options: Pick<AddonBackendOptions, 'name' | 'alternateGemm'>,
  ) {
    super();
    this.name = options.name;
    this.alternateGemm = options.alternateGemm ?? false;
    // The engine is the data mover: a tensor created on another backend is moved here on first use.
    this.data = new tf.DataStorage(this, tf.engine());
  }

  // ---------------------------------------------------------------------------------- storage

  override write(values: BackendValues | null, shape: number[], dtype: DataType): DataId {
    const dataId = {};
    this.data.set(dataId, this.upload(values, tf.util.sizeFromShape(shape), dtype, 1));
    return dataId;
  }

  override move(dataId: DataId, values: BackendValues, shape: number[], dtype: DataType, refCount: number): void {
    this.data.set(dataId, this.upload(values, tf.util.sizeFromShape(shape), dtype, refCount));
  }

  private upload(values: BackendValues | null, size: number, dtype: DataType, refCount: number): DeviceData {
    deviceType(dtype);
    const ptr = this.allocate(size);
    if (values != null && size > 0) this.addon.upload(ptr, toDeviceArray(values, dtype, size, this.name));
    return { ptr, size, dtype, refCount };
  }

  private allocate(size: number): number {
    if (size > 0x7fffffff) throw new Error(`${this.name} backend: tensors of more than 2^31-1 elements are not supported (${size})`);
    const ptr = this.addon.alloc(size * 4);
    this.bytesInUse += size * 4;
    return ptr;
  }

  override refCount(dataId: DataId): number {
    return this.data.has(dataId) ? this.data.get(dataId).refCount : 0;
  }

  override incRef(dataId: DataId): void {
    this.data.get(dataId).refCount++;
  }

  override numDataIds(): number {
    return this.data.numDataIds();
  }

  override disposeData(dataId: DataId, force = false): boolean {
    if (!this.data.has(dataId)) return true;
    const d = this.data.get(dataId);
    d.refCount--;
    if (!force && d.refCount > 0) return false;
    if (d.ptr) this.addon.free(d.ptr);
    this.bytesInUse -= d.size * 4;
    this.data.delete(dataId);
    return true;
  }

  override async read(dataId: DataId): Promise<BackendValues> {
    return this.readSync(dataId);
  }

  override readSync(dataId: DataId): BackendValues {
    const d = this.data.get(dataId);
    if (d.dtype === 'float32') {
      const out = new Float32Array(d.size);
      if (d.size) this.addon.download(d.ptr, out);
      return out;
    }
    const ints = new Int32Array(d.size);
    if (d.size) this.addon.download(d.ptr, ints);
    return d.dtype === 'bool' ? Uint8Array.from(ints) : ints;
  }

  override memory(): { unreliable: boolean; reasons?: string[]; numBytesInGPU: number } {
    return { unreliable: false, numBytesInGPU: this.bytesInUse };
  }

  override floatPrecision(): 32 {
    return 32;
  }

  override epsilon(): number {
    return 1e-7;
  }

  override timerAvailable(): boolean {
    return true;
  }

  override async time(f: () => void): Promise<tf.BackendTimingInfo> {
    // Kernels are asynchronous on the stream: synchronise on both sides so the time covers the device work.
    this.addon.synchronize();
    const start = performance.now();
    f();
    this.addon.synchronize();
    return { kernelMs: performance.now() - start };
  }

  override dispose(): void {
    // The addon's memory belongs to the process (its CUDA context, or the host heap) and goes with it;
    // tensors still alive are freed by disposeData as tfjs disposes them.
  }

  // ---------------------------------------------------------------------------------- for kernels

  /** The storage behind a kernel input (moved here first if it lives on another backend). */
  device(t: TensorInfo): DeviceData {
    return this.data.get(t.dataId);
  }

  ptr(t: TensorInfo): number {
    return this.data.get(t.dataId).ptr;
  }

  /** A fresh, uninitialised output tensor on the device. */
  makeOutput(shape: number[], dtype: DataType): TensorInfo {
    deviceType(dtype);
    const size = tf.util.sizeFromShape(shape);
    const dataId = {};
    this.data.set(dataId, { ptr: this.allocate(size), size, dtype, refCount: 1 });
    return { dataId, shape, dtype };
  }

  /** The same storage under another shape (Reshape, Identity): no copy, one more reference. */
  view(t: TensorInfo, shape: number[]): TensorInfo {
    this.incRef(t.dataId);
    return { dataId: t.dataId, shape, dtype: t.dtype };
  }

  /** Frees an intermediate a kernel made for itself. */
  release(t: TensorInfo): void {
    this.disposeData(t.dataId);
  }

  /** A tensor holding host values (constants a kernel needs, such as Range's output). */
  fromHost(values: BackendValues, shape: number[], dtype: DataType): TensorInfo {
    return { dataId: this.write(values, shape, dtype), shape, dtype };
  }
}

function toDeviceArray(values: BackendValues, dtype: DataType, size: number, name: string): ArrayBufferView {
  if (Array.isArray(values)) {
    // Uint8Array[]: encoded strings
    throw new Error(`${name} backend: string tensors are not supported on the device`);
  }
  if (values.length !== size) throw new Error(`${name} backend: ${values.length} values for a tensor of ${size} elements`);
  if (dtype === 'float32') return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
  return values instanceof Int32Array ? values : Int32Array.from(values as ArrayLike<number>);
}
