// The kernel test suite, run against tfjs's cpu backend: every case builds the same tensors from the same
// seeded values on both backends, runs the same tfjs ops, and compares; then checks that the backend holds
// no more tensors than before (a kernel that forgets an intermediate fails here). Each addon backend runs it
// on its own kernels: @lrkit/backend-cuda on the GPU (and on its kernel source compiled for the host), and
// @lrkit/backend-native on the CPU.
import { createRng, LrkitAdamUpdate, LrkitSgdUpdate, LrkitSigmoidBce, LrkitSoftmaxCrossEntropy, tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
// @lrkit/core's `tf` is tfjs-core alone, which registers no gradients; tfjs's union package loads these.
import '@tensorflow/tfjs-core/dist/register_all_gradients';

type Tensors = tf.Tensor | tf.Tensor[];

/** Seeded values for a shape: uniform in [lo, hi). */
export function values(shape: number[], seed: string, lo = -2, hi = 2): Float32Array {
  const rng = createRng(42).fork(seed);
  return Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.uniform(lo, hi));
}

export function ints(shape: number[], seed: string, n: number): Int32Array {
  const rng = createRng(7).fork(seed);
  return Int32Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.int(n));
}

async function runOn(backend: string, build: () => Tensors): Promise<Array<{ shape: number[]; dtype: string; data: number[] }>> {
  await tf.setBackend(backend);
  const out = tf.tidy(build);
  const list = Array.isArray(out) ? out : [out];
  const result = await Promise.all(list.map(async (t) => ({ shape: t.shape, dtype: t.dtype, data: Array.from(await t.data()) as number[] })));
  tf.dispose(list);
  return result;
}

/** Runs `build` on cpu and on `backend` and expects the same shapes, dtypes and (within tolerance) values. */
export async function expectSameAsCpu(backend: string, build: () => Tensors, atol = 1e-5, rtol = 1e-4): Promise<void> {
  const want = await runOn('cpu', build);
  const got = await runOn(backend, build);
  expect(got.length).toBe(want.length);
  got.forEach((g, k) => {
    const w = want[k]!;
    expect(g.shape, `output ${k} shape`).toEqual(w.shape);
    expect(g.dtype, `output ${k} dtype`).toBe(w.dtype);
    for (let i = 0; i < w.data.length; i++) {
      const a = g.data[i]!;
      const b = w.data[i]!;
      if (Number.isNaN(b)) {
        expect(Number.isNaN(a), `output ${k}[${i}]: want NaN, got ${a}`).toBe(true);
      } else if (!Number.isFinite(b)) {
        expect(a, `output ${k}[${i}]`).toBe(b);
      } else if (Math.abs(a - b) > atol + rtol * Math.abs(b)) {
        expect.fail(`output ${k}[${i}] of [${w.shape}]: ${backend} gave ${a}, cpu gave ${b}`);
      }
    }
  });
}

const t = (shape: number[], seed: string, lo?: number, hi?: number) => tf.tensor(values(shape, seed, lo, hi), shape);

// Shape pairs for broadcasting: equal, trailing, scalar, size-1 axes on both sides, odd sizes.
const broadcastPairs: Array<[number[], number[]]> = [
  [[7, 13], [7, 13]],
  [[5, 1, 3], [4, 3]],
  [[], [3, 5]],
  [[33], [1]],
  [[2, 3, 1, 5], [3, 4, 1]],
  [[1029], [1029]],
];

/** Registers the suite for `backend` (a tfjs backend name with this package's kernels). */
export function kernelSuite(backend: string): void {
  const live = () => tf.findBackend(backend)!.numDataIds();
  const wrap = async (build: () => Tensors, atol?: number, rtol?: number) => {
    await useBackend('cpu');
    const before = live();
    await expectSameAsCpu(backend, build, atol, rtol);
    expect(live(), 'tensors left on the backend after the case').toBe(before);
  };

  describe(`elementwise (${backend})`, () => {
    const binaryOps: Array<[string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor]> = [
      ['add', tf.add], ['sub', tf.sub], ['mul', tf.mul], ['div', tf.div], ['maximum', tf.maximum],
      ['minimum', tf.minimum], ['squaredDifference', tf.squaredDifference], ['pow', (a, b) => tf.pow(tf.abs(a), b)],
      ['greater', tf.greater], ['greaterEqual', tf.greaterEqual], ['less', tf.less], ['lessEqual', tf.lessEqual],
      ['equal', (a, b) => tf.equal(tf.round(a), tf.round(b))], ['notEqual', (a, b) => tf.notEqual(tf.round(a), tf.round(b))],
      ['floorDiv', tf.floorDiv], ['mod', tf.mod], ['prelu', tf.prelu],
    ];
    for (const [name, op] of binaryOps) {
      it(`${name} with broadcasting`, async () => {
        for (const [sa, sb] of broadcastPairs) {
          await wrap(() => op(t(sa, `${name}a${sa}`), t(sb, `${name}b${sb}`)));
        }
      });
    }
    it('int32 arithmetic and comparisons', async () => {
      const a = () => tf.tensor(ints([6, 5], 'ia', 20), [6, 5], 'int32');
      const b = () => tf.add(tf.tensor(ints([5], 'ib', 20), [5], 'int32'), tf.scalar(1, 'int32'));
      await wrap(() => [tf.add(a(), b()), tf.sub(a(), b()), tf.mul(a(), b()), tf.maximum(a(), b()), tf.greater(a(), b()), tf.floorDiv(a(), b()), tf.neg(a()), tf.abs(tf.sub(a(), b())), tf.exp(tf.neg(a())), tf.mean(a(), 0), tf.div(a(), b())]);
    });
    it('logical ops on bool', async () => {
      await wrap(() => {
        const p = tf.greater(t([9, 4], 'lp'), 0);
        const q = tf.less(t([4], 'lq'), 0);
        return [tf.logicalAnd(p, q), tf.logicalOr(p, q), tf.logicalNot(p), tf.where(p, t([9, 4], 'wa'), t([9, 4], 'wb'))];
      });
    });

    const unaryOps: Array<[string, (x: tf.Tensor) => tf.Tensor, number, number]> = [
      ['neg', tf.neg, -3, 3], ['abs', tf.abs, -3, 3], ['exp', tf.exp, -5, 5], ['log', tf.log, 0.01, 10],
      ['log1p', tf.log1p, -0.9, 10], ['sqrt', tf.sqrt, 0, 10], ['rsqrt', tf.rsqrt, 0.1, 10], ['square', tf.square, -3, 3],
      ['relu', tf.relu, -3, 3], ['relu6', tf.relu6, -3, 9], ['sigmoid', tf.sigmoid, -30, 30], ['step', (x) => tf.step(x, 0.25), -3, 3],
      ['tanh', tf.tanh, -5, 5], ['elu', tf.elu, -3, 3], ['selu', tf.selu, -3, 3], ['softplus', tf.softplus, -30, 30],
      ['reciprocal', tf.reciprocal, 0.1, 5], ['floor', tf.floor, -5, 5], ['ceil', tf.ceil, -5, 5], ['round', tf.round, -5, 5],
      ['sign', tf.sign, -3, 3], ['sin', tf.sin, -3, 3], ['cos', tf.cos, -3, 3], ['expm1', tf.expm1, -3, 3],
      ['leakyRelu', (x) => tf.leakyRelu(x, 0.1), -3, 3], ['clipByValue', (x) => tf.clipByValue(x, -0.5, 0.7), -3, 3],
    ];
    for (const [name, op, lo, hi] of unaryOps) {
      it(`${name} on odd sizes`, async () => {
        for (const shape of [[1], [17, 9], [3, 1, 257]]) await wrap(() => op(t(shape, `${name}${shape}`, lo, hi)), 1e-5, 2e-4);
      });
    }
    it('cast between float32, int32 and bool', async () => {
      await wrap(() => {
        const x = t([7, 11], 'cast', -5, 5);
        const b = tf.greater(x, 0);
        return [tf.cast(x, 'int32'), tf.cast(x, 'bool'), tf.cast(b, 'float32'), tf.cast(b, 'int32'), tf.cast(tf.cast(x, 'int32'), 'float32')];
      });
    });
    it('addN', async () => {
      await wrap(() => tf.addN([t([5, 3], 'n1'), t([5, 3], 'n2'), t([5, 3], 'n3')]));
    });
  });

  describe(`matmul (${backend})`, () => {
    const sizes: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 7], [65, 33, 129], [130, 70, 67], [64, 64, 64]];
    it('all four transpose combinations on odd sizes', async () => {
      for (const [M, K, N] of sizes) {
        for (const ta of [false, true]) {
          for (const tb of [false, true]) {
            await wrap(() => tf.matMul(t(ta ? [K, M] : [M, K], `a${M}${K}`), t(tb ? [N, K] : [K, N], `b${K}${N}`), ta, tb), 1e-4, 1e-4);
          }
        }
      }
    });
    it('batched, with a broadcast batch', async () => {
      await wrap(() => tf.matMul(t([3, 9, 17], 'ba'), t([3, 17, 5], 'bb')), 1e-4);
      await wrap(() => tf.matMul(t([1, 9, 17], 'ca'), t([4, 17, 5], 'cb')), 1e-4);
    });
    for (const activation of ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const) {
      it(`fused matmul with bias and ${activation}`, async () => {
        await wrap(() => tf.fused.matMul({
          a: t([33, 21], `fa${activation}`), b: t([21, 19], 'fb'), bias: t([19], 'fbias'), activation,
          ...(activation === 'prelu' ? { preluActivationWeights: t([19], 'fprelu') } : {}),
          ...(activation === 'leakyrelu' ? { leakyreluAlpha: 0.3 } : {}),
        }), 1e-4);
      });
    }
    it('fused matmul with a broadcast bias and transposes', async () => {
      await wrap(() => tf.fused.matMul({ a: t([21, 33], 'ga'), b: t([19, 21], 'gb'), transposeA: true, transposeB: true, bias: t([33, 1], 'gbias'), activation: 'relu' }), 1e-4);
    });
  });

  describe(`reductions (${backend})`, () => {
    const axesList: Array<number | number[] | undefined> = [undefined, 0, 1, 2, -1, [0, 2], [1, 2], [0, 1]];
    for (const [name, op] of [['sum', tf.sum], ['mean', tf.mean], ['max', tf.max], ['min', tf.min], ['prod', tf.prod]] as const) {
      it(`${name} over axes, with and without keepDims`, async () => {
        for (const axis of axesList) {
          for (const keepDims of [false, true]) {
            await wrap(() => op(t([4, 7, 5], `${name}`, name === 'prod' ? 0.5 : -2, name === 'prod' ? 1.5 : 2), axis, keepDims), 1e-4, 1e-4);
          }
        }
      });
    }
    it('long rows and columns', async () => {
      await wrap(() => [tf.sum(t([3, 5000], 'long'), 1), tf.sum(t([5000, 3], 'tall'), 0), tf.max(t([2, 3001], 'lm'), -1)], 1e-3, 1e-4);
    });
    it('argMax and argMin', async () => {
      await wrap(() => [tf.argMax(t([6, 9], 'am'), 1), tf.argMax(t([6, 9], 'am'), 0), tf.argMin(t([4, 7, 5], 'an'), 1)]);
    });
    it('any, all and int sums', async () => {
      await wrap(() => {
        const b = tf.greater(t([5, 6], 'any'), 1);
        return [tf.any(b, 1), tf.all(b, 0), tf.sum(b), tf.sum(tf.tensor(ints([5, 6], 'is', 9), [5, 6], 'int32'), 0)];
      });
    });
  });

  describe(`creation and shape (${backend})`, () => {
    it('fill, zerosLike, onesLike, range, oneHot', async () => {
      await wrap(() => [tf.fill([3, 4], 2.5), tf.zerosLike(t([5], 'z')), tf.onesLike(t([2, 3], 'o')), tf.ones([3], 'int32'), tf.range(0, 10, 3), tf.oneHot(tf.tensor1d([0, 3, 1, 2], 'int32'), 5)]);
    });
    it('reshape, transpose, slice, stridedSlice', async () => {
      await wrap(() => {
        const x = t([4, 5, 6], 'shape');
        return [
          tf.reshape(x, [20, 6]), tf.transpose(x, [2, 0, 1]), tf.transpose(x), tf.slice(x, [1, 0, 2], [2, 5, 3]),
          tf.stridedSlice(x, [0, 1, 5], [4, 5, 0], [2, 1, -2]), tf.stridedSlice(x, [1], [3], [1], 0, 0, 0, 0, 1),
        ];
      });
    });
    it('gather rows and columns', async () => {
      await wrap(() => {
        const x = t([7, 5], 'gather');
        const idx = tf.tensor1d([6, 0, 3, 3], 'int32');
        return [tf.gather(x, idx), tf.gather(x, tf.tensor1d([4, 1], 'int32'), 1), tf.gather(tf.tensor1d(ints([9], 'gi', 50), 'int32'), idx)];
      });
    });
    it('concat, stack, unstack, split, tile, broadcastTo, pad, reverse', async () => {
      await wrap(() => {
        const a = t([3, 4], 'ca');
        const b = t([3, 2], 'cb');
        return [
          tf.concat([a, b], 1), tf.concat([a, t([1, 4], 'cc')], 0), tf.stack([a, a], 1), ...tf.unstack(b, 1),
          ...tf.split(t([6, 4], 'sp'), [1, 2, 3], 0), tf.tile(b, [2, 3]), tf.broadcastTo(t([1, 3], 'bt'), [4, 3]),
          tf.pad(b, [[1, 0], [2, 3]], 0.5), tf.reverse(a, [0, 1]), tf.reverse(a, 1),
        ];
      });
    });
    it('softmax and logSoftmax', async () => {
      await wrap(() => [tf.softmax(t([9, 10], 'sm', -20, 20)), tf.logSoftmax(t([3, 1025], 'lsm', -5, 5))], 1e-5, 1e-4);
    });
  });

  describe(`lrkit fused kernels (${backend})`, () => {
    const run = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) =>
      tf.engine().runKernel(name, inputs as unknown as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
    for (const decoupledWeightDecay of [false, true]) {
      it(`LrkitAdamUpdate (decoupled weight decay: ${decoupledWeightDecay})`, async () => {
        await wrap(() => {
          const param = t([37, 5], 'ap');
          const expAvg = t([37, 5], 'am', -0.1, 0.1);
          const expAvgSq = t([37, 5], 'av', 0, 0.1);
          const out = run(LrkitAdamUpdate, { param, grad: t([185], 'ag'), expAvg, expAvgSq }, {
            lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05, step: 3, decoupledWeightDecay,
          }) as tf.Tensor;
          return [out, expAvg, expAvgSq];
        }, 1e-7, 1e-6);
      });
    }
    for (const [momentum, nesterov, initializeBuffer] of [[0, false, false], [0.9, false, true], [0.9, true, false]] as const) {
      it(`LrkitSgdUpdate (momentum ${momentum}, nesterov ${nesterov}, initializeBuffer ${initializeBuffer})`, async () => {
        await wrap(() => {
          const momentumBuffer = t([129], 'sb');
          const out = run(LrkitSgdUpdate, { param: t([129], 'sp'), grad: t([129], 'sg'), momentumBuffer }, {
            lr: 0.1, momentum, dampening: 0.1, nesterov, weightDecay: 0.01, initializeBuffer,
          }) as tf.Tensor;
          return [out, momentumBuffer];
        }, 1e-7, 1e-6);
      });
    }
    it('LrkitSigmoidBce and LrkitSoftmaxCrossEntropy', async () => {
      await wrap(() => [
        ...(run(LrkitSigmoidBce, { logits: t([45, 1], 'bz', -30, 30), labels: tf.tensor(Float32Array.from(ints([45], 'by', 2)), [45, 1]) }, {}) as tf.Tensor[]),
        ...(run(LrkitSoftmaxCrossEntropy, { logits: t([33, 7], 'xz', -20, 20), labels: tf.tensor1d(ints([33], 'xy', 7), 'int32') }, {}) as tf.Tensor[]),
      ], 1e-6, 1e-4);
    });
    it('LrkitSoftmaxCrossEntropy names the row of a label out of range', async () => {
      await tf.setBackend(backend);
      const logits = t([4, 3], 'bad');
      const labels = tf.tensor1d([0, 2, 3, 1], 'int32');
      expect(() => run(LrkitSoftmaxCrossEntropy, { logits, labels }, {})).toThrow('LrkitSoftmaxCrossEntropy: label 3 at row 2 is outside [0, 3)');
      tf.dispose([logits, labels]);
    });
  });

  describe(`training (${backend})`, () => {
    it('gradients of an MLP loss match', async () => {
      await wrap(() => {
        const x = t([37, 13], 'x');
        const y = tf.oneHot(tf.tensor1d(ints([37], 'y', 3), 'int32'), 3);
        const w1 = t([13, 17], 'w1', -0.5, 0.5);
        const b1 = t([17], 'b1', -0.1, 0.1);
        const w2 = t([17, 3], 'w2', -0.5, 0.5);
        const loss = (p: tf.Tensor, q: tf.Tensor, r: tf.Tensor) =>
          tf.losses.softmaxCrossEntropy(y, tf.matMul(tf.relu(tf.add(tf.matMul(x, p), q)), r)) as tf.Scalar;
        return tf.grads(loss)([w1, b1, w2]);
      }, 1e-5, 1e-3);
    });
    it('adam steps on a sigmoid-output MLP match', async () => {
      await wrap(() => {
        const x = t([29, 6], 'sx');
        const y = tf.cast(tf.greater(t([29, 1], 'sy'), 0), 'float32');
        const w1 = tf.variable(t([6, 8], 'sw1', -0.5, 0.5));
        const b1 = tf.variable(tf.zeros([8]));
        const w2 = tf.variable(t([8, 1], 'sw2', -0.5, 0.5));
        const opt = tf.train.adam(0.05);
        for (let step = 0; step < 3; step++) {
          opt.minimize(() => tf.losses.sigmoidCrossEntropy(y, tf.matMul(tf.tanh(tf.add(tf.matMul(x, w1), b1)), w2)) as tf.Scalar);
        }
        const out = [w1, b1, w2].map((v) => v.clone());
        opt.dispose();
        [w1, b1, w2].forEach((v) => v.dispose());
        return out;
      }, 1e-5, 1e-3);
    });
  });
}
