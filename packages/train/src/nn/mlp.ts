import { tf, type Rng } from '@lrkit/core';
import type { Activation, DenseLayerJSON, MlpJSON, MlpOutput } from '../types';
import { embeddingFromJSON, gatherInput, initEmbedding, scatterGrads, type EmbeddingParams, type EmbeddingSpec } from './embedding';
import { initDense } from './init';
import { columnSums, matMul, mul, positiveMask, type FusedActivation } from './kernels';

type Tensor = tf.Tensor;

/** One dense layer's parameters: weight [1, in, out] (rank 3, as the batched matmul kernel wants), bias [out]. */
export interface DenseParams {
  inputSize: number;
  outputSize: number;
  activation: Activation;
  weight: tf.Variable;
  bias: tf.Variable;
}

/** What the forward pass keeps for the backward pass: each layer's input and output. */
export interface ForwardCache {
  inputs: Tensor[];
  outputs: Tensor[];
  /**
   * Dropout masks (training only), one per layer, null where none: layer l's output is multiplied by
   * masks[l] before the next layer reads it. The caller owns them. Without a cache there is no dropout.
   */
  masks?: readonly (Tensor | null)[];
  /** The batch's embedding codes (row-major [rows][embeddings]), for a model with embeddings: backward scatters into them. */
  codes?: Int32Array;
}

export interface MlpOptions {
  /**
   * Layer widths from input to output, e.g. [30, 64, 1] or [784, 512, 512, 10]. With embeddings, the first
   * is the float inputs plus every embedding's size.
   */
  sizes: number[];
  /** Activation of the hidden layers; default 'relu'. The last layer is linear (it produces logits). */
  hiddenActivation?: 'relu' | 'linear';
  /** Draws the initial weights (PyTorch's default nn.Linear init). */
  rng: Rng;
  /** What the logits mean (see MlpOutput); default 'sigmoid' for one output, 'softmax' for more. */
  output?: MlpOutput;
  /** Learned embeddings of categorical codes, drawn after the layers (Keras's uniform init). */
  embeddings?: readonly EmbeddingSpec[];
}

const outputs: readonly MlpOutput[] = ['sigmoid', 'softmax', 'linear'];

const trainable: ReadonlySet<Activation> = new Set(['relu', 'linear']);

/**
 * A sequential multi-layer perceptron whose gradients are written out by hand: forward keeps each
 * layer's input and output, backward turns dLogits into one gradient per parameter with three matmuls
 * per layer and a mask for ReLU. No tape, no per-op bookkeeping.
 */
export class Mlp {
  readonly layers: DenseParams[];
  /** What the model's logits become (recorded in toJSON and in exported models; forward returns logits). */
  readonly output: MlpOutput;
  /** Embeddings whose vectors follow the float inputs in the first layer's input (MlpJSON.embeddings). */
  readonly embeddings: EmbeddingParams[];

  private constructor(layers: DenseParams[], output: MlpOutput, embeddings: EmbeddingParams[]) {
    this.layers = layers;
    this.output = output;
    this.embeddings = embeddings;
  }

  static create(options: MlpOptions): Mlp {
    const { sizes, rng } = options;
    if (sizes.length < 2) throw new Error(`an MLP needs at least an input and an output size, got [${sizes.join(', ')}]`);
    for (const s of sizes) {
      if (!Number.isInteger(s) || s < 1) throw new Error(`layer sizes must be positive integers, got [${sizes.join(', ')}]`);
    }
    const hidden = options.hiddenActivation ?? 'relu';
    const layers: DenseLayerJSON[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const inputSize = sizes[l]!;
      const outputSize = sizes[l + 1]!;
      const { weight, bias } = initDense(inputSize, outputSize, rng);
      const activation = l + 2 === sizes.length ? 'linear' : hidden;
      layers.push({ inputSize, outputSize, activation, weight: Array.from(weight), bias: Array.from(bias) });
    }
    const output = options.output ?? (sizes[sizes.length - 1] === 1 ? 'sigmoid' : 'softmax');
    // After the layers: a model without embeddings draws its weights as it always has.
    const embeddings = (options.embeddings ?? []).map((spec) => initEmbedding(spec, rng));
    return Mlp.fromJSON(embeddings.length > 0 ? { embeddings, layers, output } : { layers, output });
  }

  /** Tensors from plain data. `output` is recorded; forward() returns logits whatever it says. */
  static fromJSON(json: MlpJSON): Mlp {
    if (!outputs.includes(json.output)) throw new Error(`unknown model output '${String(json.output)}' (expected ${outputs.join(', ')})`);
    const last = json.layers[json.layers.length - 1]?.outputSize;
    if (json.output !== 'softmax' && last !== undefined && last !== 1) {
      throw new Error(`a '${json.output}' output takes 1 logit, the last layer has ${last}`);
    }
    const embeddings = json.embeddings ?? [];
    const embedded = embeddings.reduce((w, e) => w + e.size, 0);
    if (embeddings.length > 0 && !(json.layers[0] !== undefined && json.layers[0].inputSize >= embedded)) {
      throw new Error(`the embeddings' ${embedded} inputs do not fit the first layer's ${json.layers[0]?.inputSize ?? 0}`);
    }
    return new Mlp(
      json.layers.map((layer, i) => {
        const { inputSize, outputSize, activation } = layer;
        if (layer.weight.length !== inputSize * outputSize || layer.bias.length !== outputSize) {
          throw new Error(`layer ${i}: weight/bias sizes do not match ${inputSize}x${outputSize}`);
        }
        if (i > 0 && json.layers[i - 1]!.outputSize !== inputSize) {
          throw new Error(`layer ${i}: inputSize ${inputSize} does not match the previous layer's outputSize`);
        }
        return {
          inputSize,
          outputSize,
          activation,
          weight: ownedVariable(tf.tensor3d(Float32Array.from(layer.weight), [1, inputSize, outputSize])),
          bias: ownedVariable(tf.tensor1d(Float32Array.from(layer.bias), 'float32')),
        };
      }),
      json.output,
      embeddings.map(embeddingFromJSON),
    );
  }

  get inputSize(): number {
    return this.layers[0]!.inputSize;
  }

  /** The float inputs a row gives (the first layer's input less the embeddings' vectors). */
  get floatInputs(): number {
    return this.inputSize - this.embeddings.reduce((w, e) => w + e.size, 0);
  }

  /**
   * The first layer's input for rows of float inputs [rows][floatInputs] and, with embeddings, their codes
   * [rows][embeddings]: [1, rows, inputSize], the embeddings' vectors gathered after the floats.
   */
  input(x: Float32Array, rows: number, codes?: Int32Array): Tensor {
    if (this.embeddings.length === 0) return tf.tensor3d(x, [1, rows, this.inputSize], 'float32');
    if (codes === undefined) throw new Error(`the model embeds ${this.embeddings.length} categorical columns: rows need their codes`);
    return tf.tensor3d(gatherInput(x, this.floatInputs, codes, rows, this.embeddings), [1, rows, this.inputSize], 'float32');
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1]!.outputSize;
  }

  /** Parameters in a fixed order: w0, b0, w1, b1, ..., then the embeddings (the order of `backward`'s gradients). */
  parameters(): tf.Variable[] {
    return [...this.layers.flatMap((l) => [l.weight, l.bias]), ...this.embeddings.map((e) => e.weight)];
  }

  /**
   * x [1, rows, inputSize] -> logits [1, rows, outputSize]. With a cache, the intermediate tensors are
   * kept there for `backward` (which disposes them); without, they are disposed here.
   */
  forward(x: Tensor, cache?: ForwardCache): Tensor {
    let h = x;
    this.layers.forEach((layer, l) => {
      const out = matMul(h, layer.weight, { bias: layer.bias, activation: fusable(layer.activation) });
      if (cache) {
        cache.inputs.push(h);
        cache.outputs.push(out);
      } else if (h !== x) {
        h.dispose();
      }
      const dropMask = cache?.masks?.[l];
      h = dropMask ? mul(out, dropMask) : out;
    });
    return h;
  }

  /**
   * Gradients of the loss with respect to every parameter (the order of `parameters()`), given
   * dLogits [1, rows, outputSize] and the cache of the forward pass that produced the logits. Disposes
   * the cache's tensors except the network input and the logits, which belong to the caller.
   */
  backward(cache: ForwardCache, dLogits: Tensor): Tensor[] {
    const grads: Tensor[] = new Array(this.layers.length * 2);
    const embedded = this.embeddings.length > 0;
    if (embedded && cache.codes === undefined) throw new Error('a model with embeddings needs the batch codes in its forward cache');
    let dOut = dLogits;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l]!;
      if (!trainable.has(layer.activation)) {
        throw new Error(`layer ${l}: backward is implemented for relu and linear layers, not ${layer.activation}`);
      }
      const input = cache.inputs[l]!;
      const output = cache.outputs[l]!;
      const dropMask = cache.masks?.[l];
      if (dropMask) {
        // Through the dropout: the gradient of the kept units, scaled as they were.
        const dropped = mul(dOut, dropMask);
        if (dOut !== dLogits) dOut.dispose();
        dOut = dropped;
      }
      let dPre = dOut;
      if (layer.activation === 'relu') {
        const mask = positiveMask(output);
        dPre = mul(dOut, mask);
        mask.dispose();
      }
      // dW = inputᵀ · dPre; db = 1ᵀ · dPre; dInput = dPre · Wᵀ. The transposes are matMul's flags: read in
      // place by lrkit's own product (wasm) or the BLAS (native), copied first elsewhere (see kernels.ts).
      grads[2 * l] = matMul(input, dPre, { transposeA: true });
      grads[2 * l + 1] = columnSums(dPre);
      // The first layer's input gradient is wanted only for its embeddings' part.
      const dIn = l > 0 || embedded ? matMul(dPre, layer.weight, { transposeB: true }) : undefined;
      if (dPre !== dOut) dPre.dispose();
      if (dOut !== dLogits) dOut.dispose();
      if (l < this.layers.length - 1) output.dispose();
      // A dropped-out input is a tensor of its own (the previous layer's output is disposed above).
      if (l > 0 && input !== cache.outputs[l - 1]) input.dispose();
      if (l > 0) dOut = dIn!;
      else if (dIn) {
        const rows = dIn.shape[1]!;
        grads.push(...scatterGrads(dIn.dataSync() as Float32Array, this.floatInputs, cache.codes!, rows, this.embeddings));
        dIn.dispose();
      }
    }
    return grads;
  }

  toJSON(): MlpJSON {
    const embeddings = this.embeddings.map((e) => ({ name: e.name, cardinality: e.cardinality, size: e.size, weight: Array.from(e.weight.dataSync()) }));
    return {
      ...(embeddings.length > 0 ? { embeddings } : {}),
      layers: this.layers.map((l) => ({
        inputSize: l.inputSize,
        outputSize: l.outputSize,
        activation: l.activation,
        weight: Array.from(l.weight.dataSync()),
        bias: Array.from(l.bias.dataSync()),
      })),
      output: this.output,
    };
  }

  dispose(): void {
    for (const p of this.parameters()) p.dispose();
  }
}

/** A variable with storage of its own (variables survive tidy scopes; optimizers `assign` new values). */
function ownedVariable(initial: Tensor): tf.Variable {
  const v = tf.variable(initial, true);
  initial.dispose();
  return v;
}

function fusable(activation: Activation): FusedActivation {
  if (activation === 'tanh') throw new Error('tanh layers are not supported by the fused dense kernel');
  return activation;
}
