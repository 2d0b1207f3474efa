export { LrkitAdamUpdate, type LrkitAdamUpdateAttrs } from './adamUpdate';
export { LrkitColumnSums } from './columnSums';
export { LrkitMatMul, type LrkitMatMulAttrs } from './matMul';
export { LrkitSgdUpdate, type LrkitSgdUpdateAttrs } from './sgdUpdate';
export { LrkitSigmoidBce, type LrkitSigmoidBceAttrs } from './sigmoidBce';
export { LrkitSoftmaxCrossEntropy, type LrkitSoftmaxCrossEntropyAttrs } from './softmaxCrossEntropy';
export { registerLrkitKernels, lrkitKernelNames } from './register';
