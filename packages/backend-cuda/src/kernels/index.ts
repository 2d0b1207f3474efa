import type { tf } from '@lrkit/core';
import { creationKernels } from './creation';
import { elementwiseKernels } from './elementwise';
import { matmulKernels } from './matmul';
import { reduceKernels } from './reduce';
import { shapeKernels } from './shape';
import { trainingKernels } from './training';
import type { CudaKernelDef } from './util';

const all: CudaKernelDef[] = [...matmulKernels, ...elementwiseKernels, ...reduceKernels, ...shapeKernels, ...creationKernels, ...trainingKernels];

/** The names of every kernel the cuda backend implements. */
export const cudaKernelNames: readonly string[] = all.map((k) => k.kernelName);

/** Every kernel, one tfjs KernelConfig each, bound to `backendName`. */
export function kernelConfigs(backendName: string): tf.KernelConfig[] {
  return all.map((k) => ({ kernelName: k.kernelName, backendName, kernelFunc: k.kernelFunc }));
}
