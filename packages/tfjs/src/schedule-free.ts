import {
  add,
  clone,
  div,
  engine,
  keep,
  mul,
  Optimizer,
  serialization,
  sqrt,
  sub,
  tensor1d,
  tidy,
  zerosLike,
  type NamedTensorMap,
  type Scalar,
  type Tensor,
  type Variable,
} from '@tensorflow/tfjs-core';

/** Options of `scheduleFree()`; every default is the reference implementation's (facebookresearch/schedule_free). */
export interface ScheduleFreeOptions {
  /** 'sgd' (SGDScheduleFree) or 'adamw' (AdamWScheduleFree). */
  kind: 'sgd' | 'adamw';
  /** Default 1 (sgd) or 0.0025 (adamw). */
  lr?: number;
  /** The interpolation between z and x where gradients are taken: sgd's momentum (0.9), adamw's beta1 (0.9). */
  beta?: number;
  /** adamw: the second moment's decay (0.999). */
  beta2?: number;
  /** adamw: added to the second moment's root (1e-8). */
  eps?: number;
  /** Taken at y, as the reference does (default 0). */
  weightDecay?: number;
  /** Steps over which the rate rises linearly to lr (default 0). */
  warmupSteps?: number;
  /** Averaging weight t^r (default 0). */
  r?: number;
  /** Averaging weight lr_max^weightLrPower (default 2). */
  weightLrPower?: number;
}

/** tfjs-core's NamedTensor (not exported from its index). */
type NamedTensor = Awaited<ReturnType<Optimizer['saveIterations']>>;

interface Slot {
  variable: Variable;
  z: Tensor;
  v: Tensor | null;
}

function checked(name: string, value: number, low: number, high = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !(value >= low && value < high)) throw new RangeError(`scheduleFree: ${name} must be in [${low}, ${high}), got ${value}`);
  return value;
}

/** A double as two int32 words: tfjs has no float64, and the averaging's totals must survive a save exactly. */
function packDouble(value: number): Tensor {
  return tensor1d(new Int32Array(new Float64Array([value]).buffer), 'int32');
}
function unpackDouble(t: Tensor): number {
  return new Float64Array(Int32Array.from(t.dataSync() as Int32Array).buffer)[0]!;
}

/**
 * Schedule-free SGD or AdamW (Defazio et al. 2024, "The Road Less Scheduled") as a tf.Optimizer for
 * `model.compile({optimizer})` and `model.fit`. z takes the steps, x is z's weighted running average, and
 * gradients are taken at y = (1 - beta) z + beta x.
 *
 * The mode switch is done for you: the variables hold x, the weights to evaluate and save, at all times
 * except inside `minimize()` (which `model.fit` calls once a batch), where they hold y while the gradients
 * are computed. So `model.evaluate`, fit's validation, `model.predict` and `model.save` see x with nothing to
 * call. `applyGradients` alone is refused: its gradients would not have been taken at y.
 */
export class ScheduleFreeOptimizer extends Optimizer {
  static get className(): string {
    return 'LrkitScheduleFree';
  }

  readonly options: Required<ScheduleFreeOptions>;
  /** The rate of the next step (before warmup): a schedule may change it, as the reference allows. */
  learningRate: number;
  private readonly slots = new Map<string, Slot>();
  /** x by variable name while the variables hold y (inside minimize), else null. */
  private averaged: Map<string, Tensor> | null = null;
  private weightSum = 0;
  private lrMax = 0;

  constructor(options: ScheduleFreeOptions) {
    super();
    const adaptive = options.kind === 'adamw';
    if (options.kind !== 'sgd' && !adaptive) throw new RangeError(`scheduleFree: kind must be 'sgd' or 'adamw', got ${String(options.kind)}`);
    this.options = {
      kind: options.kind,
      lr: checked('lr', options.lr ?? (adaptive ? 0.0025 : 1), 0),
      beta: checked('beta', options.beta ?? 0.9, 0, 1),
      beta2: checked('beta2', options.beta2 ?? 0.999, 0, 1),
      eps: checked('eps', options.eps ?? 1e-8, 0),
      weightDecay: checked('weightDecay', options.weightDecay ?? 0, 0),
      warmupSteps: checked('warmupSteps', options.warmupSteps ?? 0, 0),
      r: checked('r', options.r ?? 0, 0),
      weightLrPower: checked('weightLrPower', options.weightLrPower ?? 2, 0),
    };
    this.learningRate = this.options.lr;
  }

  override minimize(f: () => Scalar, returnCost = false, varList?: Variable[]): Scalar | null {
    if (this.averaged) throw new Error('scheduleFree: minimize() is already running');
    const b = this.options.beta;
    this.averaged = new Map();
    // A variable not stepped yet has x = z = y: it needs no swap.
    for (const [name, s] of this.slots) {
      const x = keep(clone(s.variable));
      this.averaged.set(name, x);
      const y = tidy(() => add(mul(s.z, 1 - b), mul(x, b)));
      s.variable.assign(y);
      y.dispose();
    }
    try {
      return super.minimize(f, returnCost, varList);
    } finally {
      for (const [name, x] of this.averaged) {
        engine().registeredVariables[name]!.assign(x);
        x.dispose();
      }
      this.averaged = null;
    }
  }

  override applyGradients(variableGradients: NamedTensorMap | NamedTensor[]): void {
    const averaged = this.averaged;
    if (!averaged) throw new Error('scheduleFree: gradients must be taken at y: train with minimize() (model.fit does), not applyGradients()');
    const { beta2, eps, weightDecay: decay, warmupSteps, r, weightLrPower } = this.options;
    const lr = checked('learningRate', this.learningRate, 0);
    const adaptive = this.options.kind === 'adamw';
    const step = this.iterations + 1;
    const warm = warmupSteps > 0 && step <= warmupSteps ? step / warmupSteps : 1;
    const rate = lr * warm * (adaptive ? Math.sqrt(1 - beta2 ** step) : 1);
    this.lrMax = Math.max(rate, this.lrMax);
    const weight = step ** r * this.lrMax ** weightLrPower;
    this.weightSum += weight;
    const c = this.weightSum === 0 ? 0 : weight / this.weightSum;
    const named = Array.isArray(variableGradients) ? variableGradients : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    for (const { name, tensor: grad } of named) {
      if (grad == null) continue;
      const y = engine().registeredVariables[name]!;
      let slot = this.slots.get(name);
      if (!slot) {
        slot = { variable: y, z: keep(clone(y)), v: adaptive ? keep(zerosLike(y)) : null };
        this.slots.set(name, slot);
        averaged.set(name, keep(clone(y)));
      }
      const s = slot;
      const [z, x, v] = tidy(() => {
        let d: Tensor = grad;
        let v: Tensor | null = null;
        if (s.v) {
          v = add(mul(s.v, beta2), mul(mul(d, d), 1 - beta2));
          d = div(d, add(sqrt(v), eps));
        }
        if (decay !== 0) d = add(d, mul(y, decay));
        const z = sub(s.z, mul(d, rate));
        const x = add(mul(averaged.get(name)!, 1 - c), mul(z, c));
        return v ? [z, x, v] : [z, x];
      });
      s.z.dispose();
      s.z = keep(z!);
      averaged.get(name)!.dispose();
      averaged.set(name, keep(x!));
      if (v) {
        s.v!.dispose();
        s.v = keep(v);
      }
    }
    this.incrementIterations();
  }

  /** The step count, z (and adamw's second moment) per variable, and the averaging's totals: a save continues exactly. */
  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [await this.saveIterations()];
    for (const [name, s] of this.slots) {
      weights.push({ name: `${name}/z`, tensor: s.z });
      if (s.v) weights.push({ name: `${name}/v`, tensor: s.v });
    }
    weights.push({ name: 'weightSum', tensor: packDouble(this.weightSum) }, { name: 'lrMax', tensor: packDouble(this.lrMax) });
    return weights;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    for (const s of this.slots.values()) {
      s.z.dispose();
      s.v?.dispose();
    }
    this.slots.clear();
    for (const { name, tensor } of rest) {
      if (name === 'weightSum') this.weightSum = unpackDouble(tensor);
      else if (name === 'lrMax') this.lrMax = unpackDouble(tensor);
      else if (name.endsWith('/z')) {
        const varName = name.slice(0, -2);
        const variable = engine().registeredVariables[varName];
        if (!variable) throw new Error(`scheduleFree: no variable '${varName}' for the saved state '${name}'`);
        this.slots.set(varName, { variable, z: keep(clone(tensor)), v: null });
      }
    }
    for (const { name, tensor } of rest) {
      if (!name.endsWith('/v')) continue;
      const slot = this.slots.get(name.slice(0, -2));
      if (!slot) throw new Error(`scheduleFree: the saved state '${name}' has no z beside it`);
      slot.v = keep(clone(tensor));
    }
  }

  override dispose(): void {
    super.dispose();
    for (const s of this.slots.values()) {
      s.z.dispose();
      s.v?.dispose();
    }
    this.slots.clear();
  }

  override getConfig(): serialization.ConfigDict {
    return { ...this.options };
  }

  static override fromConfig<T extends serialization.Serializable>(cls: serialization.SerializableConstructor<T>, config: serialization.ConfigDict): T {
    return new cls(config as unknown as ScheduleFreeOptions);
  }
}

serialization.registerClass(ScheduleFreeOptimizer);

/** A schedule-free tf.Optimizer (see ScheduleFreeOptimizer), e.g. `model.compile({optimizer: scheduleFree({kind: 'adamw'}), loss})`. */
export function scheduleFree(options: ScheduleFreeOptions): ScheduleFreeOptimizer {
  return new ScheduleFreeOptimizer(options);
}
