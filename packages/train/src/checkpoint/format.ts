// The checkpoint file's format, version 1 (documented in packages/train/CHECKPOINTS.md). One JSON file,
// `checkpoint.json`; float32 arrays are base64 of their little-endian bytes, so every bit survives.
import type { ColumnPlan } from '@lrkit/data';
import type { SchedulerState } from '@lrkit/schedulers';
import type { ResumeSetting, TrainConfigFields, TrainField } from '../config/table';
import type { Activation, EpochLog, MlpOutput, OptimizerName, ParamGroup, ResolvedTrainConfig, Task } from '../types';

export const CHECKPOINT_FORMAT = 'lrkit-checkpoint';
export const CHECKPOINT_VERSION = 1;
export const CHECKPOINT_FILE = 'checkpoint.json';

// The settings a checkpoint must share with the run that resumes it: read off the config table (config/table.ts).
export { RESUME_SETTINGS } from '../config/table';

export type ResumeSettings = Pick<ResolvedTrainConfig, Exclude<ResumeSetting, 'task'>> & { task: Task };

/** The settings a checkpoint written before they existed lacks (`absentMeansDefault` in the table). */
type AbsentMeansDefault = { [K in TrainField]: TrainConfigFields[K] extends { absentMeansDefault: true } ? K : never }[TrainField];

/** The settings as a checkpoint file holds them: those added since the format's version may be absent. */
export type CheckpointSettings = Omit<ResumeSettings, AbsentMeansDefault> & Partial<Pick<ResumeSettings, AbsentMeansDefault>>;

export interface CheckpointFile {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  /** The @lrkit/train version that wrote it (informational: the format version decides compatibility). */
  lrkitVersion: string;
  settings: CheckpointSettings;
  /** SHA-256 of the data set (PreparedData.fingerprint). */
  data: string;
  /** Epochs completed. */
  epoch: number;
  /** Where early stopping ended the run (the run is complete). */
  stoppedEarly: { epoch: number; bestEpoch: number; bestValLoss: number } | null;
  model: {
    output: MlpOutput;
    layers: { inputSize: number; outputSize: number; activation: Activation; weight: string; bias: string }[];
    /** The embeddings of a model with a column plan's embedded categoricals (absent: none). */
    embeddings?: { name: string; cardinality: number; size: number; weight: string }[];
  };
  /** The column plan the run's data went through (absent for a numeric table): a resume refits and compares it. */
  plan?: ColumnPlan;
  optimizer: {
    name: OptimizerName;
    stepCount: number;
    paramGroups: ParamGroup[];
    tensors: Record<string, string[]>;
    flags?: Record<string, boolean[]>;
    scalars?: Record<string, number>;
  };
  scheduler: SchedulerState;
  /**
   * The RNG streams' positions. The 'shuffle' stream draws exactly one permutation of the training rows
   * per epoch, so its position is the number of epochs drawn; resume replays that many.
   */
  rng: { shuffle: { epochsDrawn: number } };
  earlyStopping: { best: number | null; bestEpoch: number; wait: number; weights: string[] | null } | null;
  /** Every completed epoch's log. */
  history: EpochLog[];
}

/** float32 values as base64 of their bytes (little-endian on every platform Node runs on). */
export function encodeF32(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeF32(text: unknown, what: string): Float32Array {
  if (typeof text !== 'string') throw new Error(`${what} is not a base64 string`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 4 !== 0) throw new Error(`${what} is not whole float32 values`);
  // Copied into its own buffer: Buffer's pool may not be 4-byte aligned.
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
