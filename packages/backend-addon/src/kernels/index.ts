import type { tf } from '@lrkit/core';
import { creationKernels } from './creation';
import { elementwiseKernels } from './elementwise';
import { matmulKernels } from './matmul';
import { reduceKernels } from './reduce';
import { shapeKernels } from './shape';
import { trainingKernels } from './training';
import type { AddonKernelDef } from './util';

const all: AddonKernelDef[] = [...matmulKernels, ...elementwiseKernels, ...reduceKernels, ...shapeKernels, ...creationKernels, ...trainingKernels];

/** The names of every kernel the addon backends implement. */
export const addonKernelNames: readonly string[] = all.map((k) => k.kernelName);

/** Every kernel, one tfjs KernelConfig each, bound to `backendName`. */
export function kernelConfigs(backendName: string): tf.KernelConfig[] {
  return all.map((k) => ({ kernelName: k.kernelName, backendName, kernelFunc: k.kernelFunc }));
}
