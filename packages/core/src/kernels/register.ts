import { getKernel, registerKernel } from '@tensorflow/tfjs-core';
import { adamUpdateConfigs } from './adamUpdate';
import { sgdUpdateConfigs } from './sgdUpdate';
import { sigmoidBceConfigs } from './sigmoidBce';
import { softmaxCrossEntropyConfigs } from './softmaxCrossEntropy';

const allConfigs = [...adamUpdateConfigs, ...sgdUpdateConfigs, ...sigmoidBceConfigs, ...softmaxCrossEntropyConfigs];

/** Registers lrkit's fused kernels for cpu and wasm; called by the package entry, safe to call again. */
export function registerLrkitKernels(): void {
  for (const config of allConfigs) {
    if (!getKernel(config.kernelName, config.backendName)) registerKernel(config);
  }
}

/** Every fused kernel name lrkit defines (a backend plugin should register all of them). */
export const lrkitKernelNames: readonly string[] = [...new Set(allConfigs.map((c) => c.kernelName))];
