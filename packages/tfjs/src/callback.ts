import { Tensor, type Scalar } from '@tensorflow/tfjs-core';
import { Callback } from '@tensorflow/tfjs-layers';
import {
  Registry,
  ScheduleSpecError,
  ScheduleUsageError,
  type CompiledSchedule,
  type Scheduler,
  type SchedulerState,
  type StepInterval,
} from '@lrkit/schedulers';
import { compileInput, isScheduler, scheduleOptimizer, type OptimizerSchedule, type ScheduleInput } from './schedule-optimizer.js';

/** tfjs-layers' log dictionaries: numbers, or scalars not yet read back (its `UnresolvedLogs`, not exported). */
type Logs = { [key: string]: number | Scalar };

export interface LrSchedulerOptions {
  /**
   * The log key reduce-on-plateau reads: `'val_loss'` (the default; needs validationData or
   * validationSplit in fit) at the end of each epoch, or a batch key such as `'loss'` for a per-step one.
   */
  monitor?: string;
  /** Registry to resolve a spec's types in (plugins); @lrkit/schedulers' default registry otherwise. */
  registry?: Registry;
}

const OPTION_KEYS = ['monitor', 'registry'] as const;
const DEFAULT_MONITOR = 'val_loss';

interface Parsed {
  monitor: string;
  /** The schedule compiled (once, here), or the Scheduler given. */
  schedule: CompiledSchedule | Scheduler;
  interval: StepInterval;
  needsMetric: boolean;
  /** The length rule, where the schedule was given as a spec or compiled (a Scheduler's limit is unknown). */
  compiled: CompiledSchedule | null;
}

/** Validate the schedule and the options once, when the callback is made. */
function parse(schedule: ScheduleInput, options: unknown): Parsed {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options)))
    throw new ScheduleSpecError('options', 'expected an object like {monitor: "val_loss"}');
  const o = (options ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!(OPTION_KEYS as readonly string[]).includes(k))
      throw new ScheduleSpecError(`options.${k}`, `unknown option; known: ${OPTION_KEYS.join(', ')}`);
  if (o.registry !== undefined && !(o.registry instanceof Registry))
    throw new ScheduleSpecError('options.registry', 'expected a Registry from @lrkit/schedulers (createRegistry())');
  if (o.monitor !== undefined && (typeof o.monitor !== 'string' || o.monitor.length === 0))
    throw new ScheduleSpecError('options.monitor', `expected a log key such as 'val_loss', got ${JSON.stringify(o.monitor)}`);
  const compiled = isScheduler(schedule) ? null : compileInput(schedule, o.registry as Registry | undefined);
  const { interval, needsMetric } = compiled ?? (schedule as Scheduler);
  if (o.monitor !== undefined && !needsMetric)
    throw new ScheduleSpecError('options.monitor', 'only reduce-on-plateau reads a metric, and this schedule has none');
  const monitor = (o.monitor as string | undefined) ?? DEFAULT_MONITOR;
  if (needsMetric && interval === 'step' && monitor.startsWith('val_'))
    throw new ScheduleSpecError(
      'options.monitor',
      `'${monitor}' is only in an epoch's logs, but this schedule steps after every batch: monitor a batch key such as 'loss', or set interval: 'epoch'`,
    );
  return { monitor, schedule: compiled ?? (schedule as Scheduler), interval, needsMetric, compiled };
}

/** Batches per epoch of a fit, from its params (fit() gives samples after validationSplit), or null where unknown. */
function batchesPerEpoch(p: Record<string, unknown>): number | null {
  return typeof p.steps === 'number' ? p.steps
    : typeof p.samples === 'number' && typeof p.batchSize === 'number' ? Math.ceil(p.samples / p.batchSize)
    : null;
}

async function readMetric(logs: Logs | undefined, key: string, when: string): Promise<number> {
  const v = logs?.[key];
  if (v === undefined)
    throw new ScheduleUsageError(
      `options.monitor: '${key}' is not in the ${when} logs (${Object.keys(logs ?? {}).join(', ') || 'none'}); ` +
        'reduce-on-plateau needs it: pass validationData or validationSplit to fit, or monitor another key',
    );
  return v instanceof Tensor ? (await v.data())[0]! : v;
}

/**
 * A tfjs-layers callback that runs an lrkit schedule on the model's optimizer; see `lrScheduler()`.
 */
export class LrSchedulerCallback extends Callback {
  private parsed: Parsed;
  private bound: OptimizerSchedule | null = null;
  private pending: unknown = undefined;
  /** The rate the latest batch trained with: what `logs.lr` reports for its epoch. */
  private batchLr = NaN;
  /** The model whose fit this callback is in: one callback drives one fit at a time. */
  private fitting: object | null = null;

  constructor(private readonly schedule: ScheduleInput, options?: LrSchedulerOptions) {
    super();
    this.parsed = parse(schedule, options);
  }

  get interval(): StepInterval {
    return this.parsed.interval;
  }

  override async onTrainBegin(): Promise<void> {
    // Two fits at once (two models sharing one optimizer) would each step the schedule. tfjs-layers keeps
    // `isTraining` set for the whole of fit() and fitDataset(), and clears it even when a fit throws (which
    // skips onTrainEnd), so a fit that failed does not lock the callback.
    if (this.fitting && (this.fitting as { isTraining?: boolean }).isTraining)
      throw new ScheduleUsageError(
        'this lrScheduler callback is already in a fit() that has not ended; one callback drives one fit at a time (make one per fit: state() / loadState() carry a schedule over)',
      );
    const optimizer = this.model?.optimizer;
    if (this.bound && this.bound.optimizer !== optimizer)
      throw new ScheduleUsageError(
        'this lrScheduler callback already drives another optimizer; make a new one for this model (state() / loadState() carry a schedule over)',
      );
    if (!this.bound) {
      this.fillLengths();
      const bound = scheduleOptimizer(optimizer, this.parsed.schedule);
      if (this.pending !== undefined) bound.loadState(this.pending);
      this.bound = bound;
      this.pending = undefined;
    }
    this.checkLength();
    this.fitting = this.model;
  }

  override async onTrainEnd(): Promise<void> {
    this.fitting = null;
  }

  /**
   * The first fit is the run: the lengths the spec left out are filled from its params (epochs, and the
   * batches per epoch after validationSplit), as `train()` fills them from its config.
   */
  private fillLengths(): void {
    const compiled = this.parsed.compiled;
    if (compiled === null || compiled.unfilled.length === 0) return;
    const p = this.params ?? {};
    const batches = batchesPerEpoch(p);
    const missing = typeof p.epochs !== 'number' ? 'epochs' : batches === null && compiled.interval === 'step' ? 'batches per epoch (fitDataset without batchesPerEpoch)' : null;
    if (missing) throw new ScheduleSpecError(compiled.unfilled[0]!, `is left out, and this fit does not give its ${missing}: give it in the spec`);
    const filled = compiled.forRun({ epochs: p.epochs as number, stepsPerEpoch: batches ?? 1 });
    this.parsed = { ...this.parsed, schedule: filled, compiled: filled };
  }

  /** The schedule as it runs: a spec's left-out lengths filled once the first fit began (null for a Scheduler given). */
  get compiled(): CompiledSchedule | null {
    return this.parsed.compiled;
  }

  /** Refuse, before the first batch, a fit longer than the schedule allows (one-cycle's totalSteps). */
  private checkLength(): void {
    const compiled = this.parsed.compiled;
    const p = this.params ?? {};
    // fitDataset() passes no initialEpoch (null) even when given one: then the length is unknown here, and
    // an overrun fails at the step that overruns.
    if (compiled === null || typeof p.epochs !== 'number' || typeof p.initialEpoch !== 'number') return;
    const batches = batchesPerEpoch(p);
    // A per-epoch schedule does not read the batch count; a per-step one without it is checked as it steps.
    if (batches === null && compiled.interval === 'step') return;
    const misfit = compiled.checkRun({ epochs: p.epochs - p.initialEpoch, stepsPerEpoch: batches ?? 1, done: this.bound!.steps });
    if (misfit) throw new ScheduleUsageError(`this fit: ${misfit.message}`);
  }

  override async onBatchBegin(): Promise<void> {
    this.batchLr = this.bound!.lr;
  }

  override async onBatchEnd(_batch: number, logs?: Logs): Promise<void> {
    if (this.parsed.interval !== 'step') return;
    const b = this.bound!;
    b.step(b.needsMetric ? await readMetric(logs, this.parsed.monitor, "batch's") : undefined);
  }

  override async onEpochEnd(_epoch: number, logs?: Logs): Promise<void> {
    const b = this.bound!;
    // Keras' convention: the rate the epoch trained with (for a per-step schedule, its last batch's).
    if (logs) logs.lr = Number.isNaN(this.batchLr) ? b.lr : this.batchLr;
    if (this.parsed.interval !== 'epoch') return;
    b.step(b.needsMetric ? await readMetric(logs, this.parsed.monitor, "epoch's") : undefined);
  }

  /** The rate the optimizer's next step uses (NaN before the first fit). */
  get lr(): number {
    return this.bound ? this.bound.lr : NaN;
  }

  /**
   * Everything needed to continue the schedule exactly, as plain JSON: save it with the model's weights
   * (and the optimizer's, `optimizer.getWeights()`), then `loadState()` it into a new callback.
   */
  state(): SchedulerState {
    if (this.bound) return this.bound.state();
    if (isScheduler(this.schedule)) return this.schedule.stateDict();
    if (this.pending !== undefined) return this.pending as SchedulerState;
    throw new ScheduleUsageError('the schedule has no state yet: it starts on the optimizer when fit() begins');
  }

  /**
   * Continue from a `state()`. Before the first fit, the state is applied when fit begins (the schedule
   * then needs the model's optimizer); it writes the saved rate into the optimizer.
   */
  loadState(state: unknown): void {
    if (this.bound) this.bound.loadState(state);
    else if (isScheduler(this.schedule)) this.schedule.loadStateDict(state);
    else {
      const s = state as { format?: unknown } | null;
      if (typeof s !== 'object' || s === null || s.format !== 'lrkit-scheduler-state')
        throw new ScheduleSpecError('state.format', 'not an lrkit scheduler state');
      this.pending = state;
    }
  }
}

/**
 * A tfjs-layers callback (`tf.Callback`) that runs an lrkit schedule on the model's optimizer during
 * `model.fit()` / `fitDataset()`, beside any other callbacks. It steps after every batch or every epoch
 * as the spec's interval says; the first batch trains at the optimizer's initial rate (PyTorch's
 * convention); reduce-on-plateau is fed `val_loss` (or `options.monitor`); each epoch's logs get `lr`,
 * the rate it trained with. A bad spec or option throws ScheduleSpecError here, naming it; the
 * optimizer is checked when fit begins, before the first batch.
 */
export function lrScheduler(schedule: ScheduleInput, options?: LrSchedulerOptions): LrSchedulerCallback {
  return new LrSchedulerCallback(schedule, options);
}
