// A checkpoint's text to a CheckpointFile, every field typed and ranged before anything uses it: the shape
// by one zod schema, then what the schema cannot say (parts that must agree: the epoch, the RNG position and
// the history; each layer's size and its float32 values; the optimizer's tensors). A resume trusts nothing
// it did not check here, so a damaged or forged file is exit 2 naming the field, never a run that silently
// continues from somewhere else.
import { MAX_SPEC_DEPTH } from '@lrkit/schedulers';
import { DataError, planFromJSON } from '@lrkit/data';
import { excerpt } from '@lrkit/io';
import { trainConfigFields } from '../config/table';
import { z } from 'zod';
import { optimizerNames } from '../config/names';
import { CheckpointError } from '../errors';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, decodeF32, type CheckpointFile } from './format';

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

const checkpointSchema = z.strictObject({
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

/** `a.b[0].c` from a path of keys and indices. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/** What each optimizer keeps per parameter (CHECKPOINTS.md). */
const OPTIMIZER_TENSORS: Record<z.infer<typeof optimizerName>, readonly string[]> = {
  adam: ['expAvg', 'expAvgSq'],
  adamw: ['expAvg', 'expAvgSq'],
  sgd: ['momentumBuffer'],
  'sgd-schedule-free': ['z'],
  'adamw-schedule-free': ['z', 'expAvgSq'],
};

/** The tensors of a checkpoint's optimizer: Adam's and AdamW's with AMSGrad keep its running maximum too. */
function optimizerTensors(s: CheckpointFile['settings']): readonly string[] {
  const kept = OPTIMIZER_TENSORS[s.optimizer];
  return s.amsgrad === true && (s.optimizer === 'adam' || s.optimizer === 'adamw') ? [...kept, 'maxExpAvgSq'] : kept;
}

/** The numbers an optimizer keeps besides its tensors: schedule-free's averaging totals. */
const OPTIMIZER_SCALARS: Record<z.infer<typeof optimizerName>, readonly string[]> = {
  adam: [],
  adamw: [],
  sgd: [],
  'sgd-schedule-free': ['weightSum', 'lrMax'],
  'adamw-schedule-free': ['weightSum', 'lrMax'],
};

/**
 * Checks what the schema cannot: that the parts agree with each other. `fail(at, reason)` throws.
 * Sizes are compared with the decoded arrays, never allocated from the sizes a file claims.
 */
function checkConsistent(c: CheckpointFile, fail: (at: string, reason: string) => never): void {
  const s = c.settings;
  if (c.epoch > s.epochs) fail('epoch', `${c.epoch} epochs completed of a run of ${s.epochs}`);
  // The writer records the shuffle stream's position as the epochs completed: anything else would resume on
  // another minibatch order.
  if (c.rng.shuffle.epochsDrawn !== c.epoch) fail('rng.shuffle.epochsDrawn', `is ${c.rng.shuffle.epochsDrawn}, the checkpoint is at epoch ${c.epoch}`);
  if (c.history.length !== c.epoch) fail('history', `has ${c.history.length} epochs, the checkpoint is at epoch ${c.epoch}`);
  c.history.forEach((log, i) => {
    if (log.epoch !== i + 1) fail(`history[${i}].epoch`, `is ${log.epoch}, expected ${i + 1}`);
    if (log.epochs !== s.epochs) fail(`history[${i}].epochs`, `is ${log.epochs}, the run has ${s.epochs}`);
  });

  const { layers, output } = c.model;
  if (Array.isArray(s.dropout) && s.dropout.length !== s.hidden.length) fail('settings.dropout', `has ${s.dropout.length} rates, settings.hidden has ${s.hidden.length} layers`);
  if (layers.length !== s.hidden.length + 1) fail('model.layers', `has ${layers.length} layers, settings.hidden asks for ${s.hidden.length + 1}`);
  if ((output === 'linear') !== (s.task === 'regression')) fail('model.output', `'${output}' is not the output of ${s.task}`);
  const sizes: number[] = [];
  layers.forEach((l, i) => {
    const at = `model.layers[${i}]`;
    if (i < s.hidden.length && l.outputSize !== s.hidden[i]) fail(`${at}.outputSize`, `is ${l.outputSize}, settings.hidden has ${s.hidden[i]}`);
    if (i > 0 && l.inputSize !== layers[i - 1]!.outputSize) fail(`${at}.inputSize`, `is ${l.inputSize}, the layer before has ${layers[i - 1]!.outputSize} outputs`);
    sizes.push(l.inputSize * l.outputSize, l.outputSize);
    checkValues(l.weight, `${at}.weight`, l.inputSize * l.outputSize, fail);
    checkValues(l.bias, `${at}.bias`, l.outputSize, fail);
  });
  let embedded = 0;
  (c.model.embeddings ?? []).forEach((e, i) => {
    sizes.push(e.cardinality * e.size);
    embedded += e.size;
    checkValues(e.weight, `model.embeddings[${i}].weight`, e.cardinality * e.size, fail);
  });
  if (embedded > layers[0]!.inputSize) fail('model.embeddings', `give ${embedded} inputs, the first layer takes ${layers[0]!.inputSize}`);
  // Parameters in model.parameters() order: each layer's weight, then its bias, then the embeddings.
  const perParameter = (list: readonly string[], at: string, nonNegative = false) => {
    if (list.length !== sizes.length) fail(at, `has ${list.length} arrays, the model has ${sizes.length} parameters`);
    list.forEach((t, i) => checkValues(t, `${at}[${i}]`, sizes[i]!, fail, nonNegative));
  };

  const o = c.optimizer;
  if (o.name !== s.optimizer) fail('optimizer.name', `is '${o.name}', settings.optimizer is '${s.optimizer}'`);
  const expected = optimizerTensors(s);
  for (const key of Object.keys(o.tensors)) if (!expected.includes(key)) fail(`optimizer.tensors.${key}`, `is not state of ${o.name} (it keeps ${expected.join(', ')})`);
  for (const key of expected) {
    const list = o.tensors[key];
    if (!list) fail(`optimizer.tensors.${key}`, `is missing (${o.name} keeps ${expected.join(', ')})`);
    // A negative second moment would be the square root of a negative number at the next step.
    perParameter(list, `optimizer.tensors.${key}`, key === 'expAvgSq' || key === 'maxExpAvgSq');
  }
  const flags = o.flags ?? {};
  const expectedFlags = o.name === 'sgd' ? ['initialized'] : [];
  for (const key of Object.keys(flags)) if (!expectedFlags.includes(key)) fail(`optimizer.flags.${key}`, `is not state of ${o.name}`);
  for (const key of expectedFlags) {
    const list = flags[key];
    if (!list) fail(`optimizer.flags.${key}`, 'is missing');
    if (list.length !== sizes.length) fail(`optimizer.flags.${key}`, `has ${list.length} flags, the model has ${sizes.length} parameters`);
  }

  const scalars = o.scalars ?? {};
  const expectedScalars = OPTIMIZER_SCALARS[o.name];
  for (const key of Object.keys(scalars)) if (!expectedScalars.includes(key)) fail(`optimizer.scalars.${key}`, `is not state of ${o.name}`);
  for (const key of expectedScalars) if (scalars[key] === undefined) fail(`optimizer.scalars.${key}`, `is missing (${o.name} keeps ${expectedScalars.join(', ')})`);

  const es = c.earlyStopping;
  if ((es === null) !== (s.earlyStopping === null)) fail('earlyStopping', es === null ? 'is null, settings.earlyStopping asks for it' : 'is set, settings.earlyStopping is null');
  if (es) {
    if (es.bestEpoch > c.epoch) fail('earlyStopping.bestEpoch', `is ${es.bestEpoch}, past epoch ${c.epoch}`);
    if (es.wait > c.epoch) fail('earlyStopping.wait', `is ${es.wait}, more than the ${c.epoch} epochs completed`);
    if ((es.best === null) !== (es.weights === null)) fail('earlyStopping.weights', 'must be null exactly when earlyStopping.best is');
    if (es.weights) perParameter(es.weights, 'earlyStopping.weights');
  }
  const stopped = c.stoppedEarly;
  if (stopped) {
    if (s.earlyStopping === null) fail('stoppedEarly', 'is set, settings.earlyStopping is null');
    if (stopped.epoch !== c.epoch) fail('stoppedEarly.epoch', `is ${stopped.epoch}, the checkpoint is at epoch ${c.epoch}`);
    if (stopped.bestEpoch > stopped.epoch) fail('stoppedEarly.bestEpoch', `is ${stopped.bestEpoch}, past epoch ${stopped.epoch}`);
  }
}

function checkValues(text: string, at: string, size: number, fail: (at: string, reason: string) => never, nonNegative = false): void {
  // The regex passed: whole base64 groups. Whole float32 values are 4 bytes each.
  if (Buffer.byteLength(text, 'base64') % 4 !== 0) fail(at, 'is not whole float32 values');
  const values = decodeF32(text, at);
  if (values.length !== size) fail(at, `holds ${values.length} float32 values, expected ${size}`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || (nonNegative && v < 0)) fail(at, `value ${i} is ${v}: every value must be finite${nonNegative ? ' and non-negative' : ''}`);
  }
}

// A spec nests two JSON levels per schedule level ({"schedulers": [{...}]}); the file's own structure adds
// a few. Deeper is no checkpoint, and comparing or copying it would overflow the stack.
const MAX_DEPTH = 2 * MAX_SPEC_DEPTH + 16;

/** The path of a node nested deeper than MAX_DEPTH, if any (walked with a stack of its own, not recursion). */
function tooDeep(value: unknown): string | undefined {
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= MAX_DEPTH) return jsonPath(path);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
  }
  return undefined;
}

/**
 * The checkpoint in `text` (read from `file`, which errors name), checked in full; anything else is a
 * CheckpointError naming the field. A file of another format or version is refused as such.
 */
export function parseCheckpoint(text: string, file: string): CheckpointFile {
  const fail = (at: string, reason: string): never => {
    throw new CheckpointError(file, at, reason);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('', 'not an lrkit checkpoint (not JSON)');
  }
  const head = value as Partial<CheckpointFile> | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head) || head.format !== CHECKPOINT_FORMAT) {
    return fail('', `not an lrkit checkpoint (no "format": "${CHECKPOINT_FORMAT}")`);
  }
  if (head.version !== CHECKPOINT_VERSION) {
    const wrote = typeof head.lrkitVersion === 'string' ? ` (written by lrkit ${head.lrkitVersion.slice(0, 40)})` : '';
    return fail('version', `checkpoint format version ${typeof head.version === 'number' ? head.version : 'missing'}${wrote}; this lrkit reads version ${CHECKPOINT_VERSION}`);
  }
  const deep = tooDeep(value);
  if (deep !== undefined) return fail(excerpt(deep, 200), `nested deeper than the ${MAX_DEPTH} levels a checkpoint has`);
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // zod's own message for unknown keys quotes every key in full: named here, a few and short.
    const reason = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 3).map((k) => `'${k.slice(0, 40)}'`).join(', ')}` : issue.message;
    return fail(jsonPath(issue.path), reason);
  }
  // The schema's types are CheckpointFile's (a type error here means the two have drifted apart).
  const { plan, ...rest } = parsed.data;
  const c: CheckpointFile = rest;
  if (plan !== undefined) {
    try {
      c.plan = planFromJSON(plan);
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      fail('plan', err.message.replace(/^column plan: /, ''));
    }
  }
  checkConsistent(c, fail);
  return c;
}
