// The kernel suite on the real kernel source (native/kernels.cu and the Node-API glue) compiled for the
// host: CUDA threads become CPU threads (native/cuda_compat.h). What this cannot check is what only a GPU
// shows (the CUDA compiler's code generation, memory-model races between warps, performance): cuda.test.ts
// runs the same suite on the device.
import { describe, it } from 'vitest';
import { registerCudaBackend } from './register';
import { buildEmulatedAddon } from './testing/build-emulated';
import { kernelSuite } from '@lrkit/backend-addon/testing';

const build = buildEmulatedAddon();
if (!build.ok) {
  console.warn(`backend-cuda: host-emulated kernel tests skipped: ${build.reason}`);
  describe.skip(`emulated kernels (skipped: ${build.reason})`, () => {
    it('needs g++ and the Node headers', () => {});
  });
} else {
  registerCudaBackend(build.addon, 'own', 'cuda-emulated', 0);
  kernelSuite('cuda-emulated');
}
