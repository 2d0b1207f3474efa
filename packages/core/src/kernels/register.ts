import { getKernel, registerKernel } from '@tensorflow/tfjs-core';
import { adamUpdateConfigs } from './adamUpdate';
import { columnSumsConfig } from './columnSums';
import { matMulConfig } from './matMul';
import { sgdUpdateConfigs } from './sgdUpdate';
import { sigmoidBceConfigs } from './sigmoidBce';
import { softmaxCrossEntropyConfigs } from './softmaxCrossEntropy';

/** The kernels every backend runs lrkit's training step with (a backend plugin registers each of them). */
const requiredConfigs = [...adamUpdateConfigs, ...sgdUpdateConfigs, ...sigmoidBceConfigs, ...softmaxCrossEntropyConfigs];
/** Backend-specific accelerations: used where registered, the tfjs kernel they replace elsewhere. */
const optionalConfigs = [matMulConfig, columnSumsConfig];

/** Registers lrkit's kernels for cpu and wasm; called by the package entry, safe to call again. */
export function registerLrkitKernels(): void {
  for (const config of [...requiredConfigs, ...optionalConfigs]) {
    if (!getKernel(config.kernelName, config.backendName)) registerKernel(config);
  }
}

/** Every fused kernel name lrkit defines (a backend plugin should register all of them). */
export const lrkitKernelNames: readonly string[] = [...new Set(requiredConfigs.map((c) => c.kernelName))];
