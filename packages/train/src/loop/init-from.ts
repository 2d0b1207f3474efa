// Fine-tuning: a new run that starts from a checkpoint's trained weights instead of fresh ones. The model the
// run builds must be the checkpoint's (features, task, classes, hidden sizes); the optimizer, the schedule and
// the epochs start afresh.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckpointFile } from '../checkpoint/format';
import { readCheckpoint } from '../checkpoint/store';
import { TrainConfigError } from '../errors';
import type { Task } from '../types';
import { planInputs, type ColumnPlan } from '@lrkit/data';
import { excerpt } from '@lrkit/io';

const FIELD = 'initFrom';

/** The checkpoint at `path`: its directory, or the checkpoint file itself. Refusals name initFrom. */
export function readInitCheckpoint(path: string): CheckpointFile {
  const dir = statSync(path, { throwIfNoEntry: false })?.isFile() ? dirname(path) : path;
  try {
    return readCheckpoint(dir);
  } catch (e) {
    if (!(e instanceof TrainConfigError)) throw e;
    throw new TrainConfigError(FIELD, e.message.slice(e.field.length + 2).replace('no checkpoint to resume from', 'no checkpoint to start from'));
  }
}

/** The model a run builds, as the checkpoint's model is compared with it. */
export interface InitPlan {
  features: number;
  task: Task;
  /** Output units: 1 for two classes and regression, k for k classes. */
  outputs: number;
  classes: number;
  hidden: number[];
  /** The run's column plan, where its data goes through one: the checkpoint's must give the same inputs. */
  plan?: ColumnPlan;
}

/** The inputs a plan gives, as words: its float inputs' names and its embeddings (code count x width). */
function inputsOf(plan: ColumnPlan | undefined): string[] {
  if (plan === undefined) return [];
  const { inputNames, embeddings } = planInputs(plan);
  return [...inputNames, ...embeddings.map((e) => `${e.name} (embedding of ${e.cardinality} codes x ${e.size})`)];
}

/** Refuses a checkpoint whose model is not the one this run builds, naming what differs. */
export function checkInitCompatible(c: CheckpointFile, plan: InitPlan, path: string): void {
  const layers = c.model?.layers;
  if (!Array.isArray(layers) || layers.length === 0) throw new TrainConfigError(FIELD, `the checkpoint '${path}' holds no model layers`);
  const differs = (what: string, was: string, now: string): never => {
    throw new TrainConfigError(FIELD, `the checkpoint '${path}' was trained with ${what} ${was}, this run has ${now}: fine-tuning starts from the same model`);
  };
  const task: Task = c.model.output === 'linear' ? 'regression' : 'classification';
  if (task !== plan.task) differs('task', task, plan.task);
  if (layers[0]!.inputSize !== plan.features) differs('features', `${layers[0]!.inputSize} (input columns)`, String(plan.features));
  const outputs = layers.at(-1)!.outputSize;
  if (outputs !== plan.outputs) differs('classes', String(outputs === 1 ? 2 : outputs), String(plan.classes));
  if ((c.plan === undefined) !== (plan.plan === undefined)) {
    differs('data', c.plan ? 'a column plan' : 'numeric columns', plan.plan ? 'a column plan' : 'numeric columns');
  }
  const [was, now] = [inputsOf(c.plan), inputsOf(plan.plan)];
  const at = was.findIndex((name, i) => name !== now[i]);
  if (at >= 0 || was.length !== now.length) {
    const i = at >= 0 ? at : Math.min(was.length, now.length);
    differs(`input ${i + 1}`, `'${excerpt(was[i] ?? '(none)')}'`, `'${excerpt(now[i] ?? '(none)')}'`);
  }
  const hidden = layers.slice(0, -1).map((l) => l.outputSize);
  if (hidden.join(',') !== plan.hidden.join(',')) differs('hidden', `[${hidden.join(', ')}]`, `[${plan.hidden.join(', ')}]`);
}
