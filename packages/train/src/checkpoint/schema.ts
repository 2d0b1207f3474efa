// The shape of a checkpoint as one zod schema, built on first use: zod (some 95 modules) is loaded by the first
// checkpoint read, not with @lrkit/train, so a run that resumes nothing never loads it. require() keeps
// parseCheckpoint synchronous (readCheckpoint is public and synchronous); zod is used here alone, so the copy
// it loads (zod's CommonJS build, even from lrkit's ES module build) shares nothing with another.
import { createRequire } from 'node:module';
import type * as Zod from 'zod';
import { trainConfigFields } from '../config/table';
import { optimizerNames } from '../config/names';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type CheckpointFile } from './format';

function build(z: typeof Zod.z) {
  const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
  const positive = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
  // JSON.parse reads 1e999 as Infinity; zod's number refuses it, so every number below is finite. A rate a
  // schedule wrote is any finite number: PyTorch's one-cycle with linear annealing ends a hair below 0, and
  // momentum is whatever the spec's bounds let through.
  const finite = z.number();
  // Strict base64 (Buffer.from skips what is not base64, so a damaged string would decode to other values):
  // its alphabet, padding only at the end, whole groups of 4. A single character class, no repeated group: a
  // regex repeating a group over a weight string of megabytes overflows the regex engine's stack.
  const BASE64_MESSAGE = 'must be base64 of float32 values';
  const f32 = z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, BASE64_MESSAGE)
    .refine((t) => t.length % 4 === 0, BASE64_MESSAGE);
  const optimizerName = z.enum(optimizerNames);

  const unit = z.number().min(0).lt(1);

  const settings = z.strictObject({
    target: z.string(),
    // The column plan's options: absent where the run left them at their default.
    categorical: z.array(z.string()).optional(),
    ignore: z.array(z.string()).optional(),
    features: z.array(z.string()).optional(),
    na: z.array(z.string()).optional(),
    delimiter: z.string().optional(),
    task: z.enum(['classification', 'regression']),
    backend: z.string(),
    epochs: positive,
    batchSize: positive,
    optimizer: optimizerName,
    // 'find' as the run was given it: a resume runs the range test again on the same initial model, finding the same rate.
    lr: z.union([z.number().positive(), z.enum(trainConfigFields.lr.names)]),
    // Optional: a checkpoint written before these settings existed lacks them (its run had their defaults).
    momentum: unit.optional(),
    dampening: unit.optional(),
    nesterov: z.boolean().optional(),
    weightDecay: z.number().nonnegative().optional(),
    betas: z.tuple([unit, unit]).optional(),
    eps: z.number().positive().optional(),
    amsgrad: z.boolean().optional(),
    clipGradNorm: z.number().positive().nullable().optional(),
    hidden: z.array(positive),
    dropout: z.union([unit, z.array(unit)]).optional(),
    seed: count,
    // The schedule spec is compared with the run's own (checked) one; that comparison refuses anything else.
    schedule: z.unknown(),
    testFraction: z.number().min(0).max(1),
    valFraction: z.number().min(0).max(1),
    earlyStopping: positive.nullable(),
  });

  const paramGroup = z.strictObject({
    lr: finite,
    initialLr: finite.optional(),
    momentum: finite.optional(),
    dampening: finite.optional(),
    nesterov: z.boolean().optional(),
    betas: z.tuple([finite, finite]).optional(),
    eps: z.number().positive().optional(),
    weightDecay: z.number().nonnegative(),
  });

  const layer = z.strictObject({
    inputSize: positive,
    outputSize: positive,
    activation: z.enum(['relu', 'sigmoid', 'tanh', 'linear']),
    weight: f32,
    bias: f32,
  });

  const epochLog = z.strictObject({ epoch: positive, epochs: positive, loss: z.number(), lr: finite, valLoss: z.number().optional(), valAccuracy: z.number().optional(), valRmse: z.number().optional() });

    return z.strictObject({
    format: z.literal(CHECKPOINT_FORMAT),
    version: z.literal(CHECKPOINT_VERSION),
    lrkitVersion: z.string().max(200),
    settings,
    data: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
    epoch: count,
    stoppedEarly: z.strictObject({ epoch: positive, bestEpoch: positive, bestValLoss: z.number() }).nullable(),
    model: z.strictObject({
      output: z.enum(['sigmoid', 'softmax', 'linear']),
      layers: z.array(layer).min(1),
      embeddings: z.array(z.strictObject({ name: z.string(), cardinality: positive, size: positive, weight: f32 })).optional(),
    }),
    // Checked by @lrkit/data's planFromJSON (which names the bad field) after the shape.
    plan: z.unknown().optional(),
    optimizer: z.strictObject({
      name: optimizerName,
      stepCount: count,
      paramGroups: z.array(paramGroup).length(1),
      tensors: z.record(z.string(), z.array(f32)),
      flags: z.record(z.string(), z.array(z.boolean())).optional(),
      scalars: z.record(z.string(), z.number().nonnegative()).optional(),
    }),
    // @lrkit/schedulers' loadStateDict checks its own versioned state field by field (restore names them).
    scheduler: z.custom<CheckpointFile['scheduler']>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'must be an object (a scheduler state)'),
    rng: z.strictObject({ shuffle: z.strictObject({ epochsDrawn: count }) }),
    earlyStopping: z.strictObject({ best: z.number().nullable(), bestEpoch: count, wait: count, weights: z.array(f32).nullable() }).nullable(),
    history: z.array(epochLog),
  });
}

let schema: ReturnType<typeof build> | undefined;

/** The checkpoint's schema: every field's type and range (parse.ts checks what a schema cannot say). */
export function checkpointSchema(): ReturnType<typeof build> {
  schema ??= build((createRequire(import.meta.url)('zod') as typeof Zod).z);
  return schema;
}
