// A kernel the addon backends lack fails with tfjs's message naming it and the backend, never falling back
// to another backend: checked on the kernel source compiled for the host, so no GPU is needed.
import { tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import { registerCudaBackend } from './register';
import { buildEmulatedAddon } from './testing/build-emulated';

const emulated = buildEmulatedAddon();
if (!emulated.ok) console.warn(`backend-cuda: unregistered-kernel test skipped: ${emulated.reason}`);

describe('cuda kernel coverage', () => {
  it.skipIf(!emulated.ok)('a kernel it lacks fails with a message naming the kernel and the backend', async () => {
    if (!emulated.ok) return;
    registerCudaBackend(emulated.addon, 'own', 'cuda-coverage', 0);
    await tf.setBackend('cuda-coverage');
    const image = tf.zeros([1, 4, 4, 1]);
    const filter = tf.zeros([2, 2, 1, 1]);
    expect(() => tf.conv2d(image as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid')).toThrow(
      "Kernel 'Conv2D' not registered for backend 'cuda-coverage'",
    );
    tf.dispose([image, filter]);
    await useBackend('cpu');
  });
});
