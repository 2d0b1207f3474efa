// A checkpoint's text to a CheckpointFile, every field typed and ranged before anything uses it: the shape
// by one zod schema (schema.ts), then what the schema cannot say (parts that must agree: the epoch, the RNG
// position and the history; each layer's size and its float32 values; the optimizer's tensors). A resume
// trusts nothing it did not check here, so a damaged or forged file is exit 2 naming the field, never a run
// that silently continues from somewhere else.
import { MAX_SPEC_DEPTH } from '@lrkit/schedulers';
import { DataError, planFromJSON } from '@lrkit/data';
import { excerpt } from '@lrkit/io';
import type { OptimizerName } from '../config/names';
import { CheckpointError } from '../errors';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, decodeF32, type CheckpointFile } from './format';
import { checkpointSchema } from './schema';

/** `a.b[0].c` from a path of keys and indices. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/** What each optimizer keeps per parameter (CHECKPOINTS.md). */
const OPTIMIZER_TENSORS: Record<OptimizerName, readonly string[]> = {
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
const OPTIMIZER_SCALARS: Record<OptimizerName, readonly string[]> = {
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
  const parsed = checkpointSchema().safeParse(value);
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
