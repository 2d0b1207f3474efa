// The kernel suite on the GPU. Where there is none it is skipped, and says why.
import { registerBackend, useBackend } from '@lrkit/core';
import { describe, it } from 'vitest';
import { checkCudaAvailability } from './availability';
import { cudaBackend } from './plugin';
import { kernelSuite } from '@lrkit/backend-addon/testing';

const availability = checkCudaAvailability();
if (!availability.available) {
  console.warn(`backend-cuda: GPU kernel tests skipped: ${availability.reason}`);
  describe.skip(`cuda kernels (skipped: ${availability.reason})`, () => {
    it('needs a CUDA device', () => {});
  });
} else {
  registerBackend(cudaBackend);
  // Sets the backend up (addon init, kernel registration) before the suite switches between it and cpu.
  await useBackend('cuda');
  kernelSuite('cuda');
}
