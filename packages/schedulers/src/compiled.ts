import { runMisfit, type RunMisfit, type ScheduleRun } from './length.js';
import type { BuiltinSchedule, ParsedSpec, ScheduleLookup } from './node.js';
import { previewTree } from './preview.js';
import { fillRunLengths, nodeRun, treePending, unfilledError, type FilledLength, type PendingLength } from './run-length.js';
import { startScheduler } from './scheduler.js';
import { parseSpec } from './spec/parse.js';
import { treeCyclesMomentum, treeInterval, treeNeedsMetric, treeSignature, treeStepLimit } from './tree.js';
import type { OptimizerLike, PreviewOptions, PreviewResult, Scheduler, SpecInfo, StepInterval } from './types.js';

/**
 * A schedule spec parsed and checked once, as a value that travels (optax's way: a schedule is built
 * once, then passed around): what a training loop needs to know about it, its length rule, and the
 * factory that starts it on an optimizer. Made by `compileSchedule(spec, { registry })` or
 * `registry.compile(spec)`; nothing after that reads the spec again. Immutable: it runs from its own
 * parsed copy, bound to the registry's schedules at compile time, so changing the spec object or the
 * registry afterwards changes nothing here.
 */
export class CompiledSchedule implements SpecInfo {
  /** The spec as given (kept by reference): what a config, a checkpoint or a report records. */
  readonly spec: unknown;
  /** The top-level type (`sequential`). */
  readonly type: string;
  /** How often the loop calls `step()` (spec key `interval`, else the schedule's default). */
  readonly interval: StepInterval;
  /** True where reduce-on-plateau is in the tree: `step()` then needs the validation loss. */
  readonly needsMetric: boolean;
  /** True where the schedule writes momentum / beta1 (cyclic, one-cycle with cycleMomentum). */
  readonly cyclesMomentum: boolean;
  /** Most step() calls the schedule accepts (one-cycle's totalSteps), or null for no limit. */
  readonly maxSteps: number | null;
  /**
   * Run-length options the spec left out (cosine-annealing's tMax...), as field paths: `forRun(run)` fills
   * them; until then the schedule cannot start.
   */
  readonly unfilled: readonly string[];
  /** The options forRun() filled from the run, with their values (empty where the spec gave every length). */
  readonly fromRun: readonly FilledLength[];
  /** One line: the tree, its interval and its limits (`one-cycle, stepped every optimizer step, at most 100 steps (schedule.totalSteps), cycles momentum`). */
  readonly summary: string;
  private readonly tree: ParsedSpec;
  private readonly pending: readonly PendingLength[];
  private readonly lookup: ScheduleLookup;

  /** @internal Use compileSchedule() or registry.compile(). */
  constructor(spec: unknown, registry: ScheduleLookup, fromRun: readonly FilledLength[] = []) {
    const tree = parseSpec(spec, registry);
    this.pending = treePending(tree);
    // A limit is only known once the lengths are.
    const limit = this.pending.length ? null : treeStepLimit(tree);
    this.spec = spec;
    this.tree = tree;
    this.lookup = snapshot(tree, registry);
    this.unfilled = this.pending.map((p) => p.option);
    this.fromRun = Object.freeze([...fromRun]);
    this.type = tree.type;
    this.interval = treeInterval(tree);
    this.needsMetric = treeNeedsMetric(tree);
    this.cyclesMomentum = treeCyclesMomentum(tree);
    this.maxSteps = limit ? limit.steps : null;
    this.summary = [
      treeSignature(tree),
      this.interval === 'step' ? 'stepped every optimizer step' : 'stepped per epoch',
      ...(limit ? [`at most ${limit.steps} steps (${limit.option})`] : []),
      ...(this.unfilled.length ? [`${this.unfilled.join(', ')} from the run`] : []),
      ...(fromRun.length ? [`${fromRun.map((f) => `${f.option} = ${f.value}`).join(', ')} from the run`] : []),
      ...(this.needsMetric ? ['fed the validation loss'] : []),
      ...(this.cyclesMomentum ? ['cycles momentum'] : []),
    ].join(', ');
    Object.freeze(this);
  }

  /**
   * The length rule: null where `run` fits the schedule, else which option does not fit and why. A
   * training run is `{ epochs, stepsPerEpoch }`, a preview `{ steps }`; `done` counts calls already made.
   */
  checkRun(run: ScheduleRun): RunMisfit | null {
    if (this.pending.length) throw unfilledError(this.pending[0]!, 'here (fill it with forRun(run) first)');
    return runMisfit(treeStepLimit(this.tree), this.interval, run);
  }

  /**
   * This schedule with its left-out run lengths filled from `run` (`{ epochs, stepsPerEpoch }` for a
   * training run, counted in the schedule's interval; `{ steps }` for step() calls): the one place lengths
   * are filled. Its `spec` is the spec with those numbers written in, so a config recording it replays
   * the run; with nothing left out, it is this schedule. Throws ScheduleSpecError naming an option the
   * run cannot fill (a sequential child past the run's end, epochs from a `{ steps }` run).
   */
  forRun(run: ScheduleRun): CompiledSchedule {
    if (!this.pending.length) return this;
    const { done: _done, ...whole } = run;
    const filled: FilledLength[] = [];
    const spec = fillRunLengths(this.spec, this.tree, nodeRun(whole, this.interval), filled);
    return new CompiledSchedule(spec, this.lookup, filled);
  }

  /**
   * Start the schedule on `optimizer`'s param groups (anything with `paramGroups: {lr, momentum?,
   * betas?}[]`): as PyTorch's constructor, the groups receive the schedule's first rates at once.
   */
  create(optimizer: OptimizerLike): Scheduler {
    this.requireLengths();
    return startScheduler(this.tree, optimizer);
  }

  /**
   * The trajectory on a stand-in SGD optimizer: row k holds each group's rate after k calls of step()
   * (row 0 right after construction); `steps` fills the lengths left out (`forRun({ steps })`), and is
   * checked against the length rule first.
   */
  preview(options: PreviewOptions): PreviewResult {
    // A preview knows its run: its steps fill the lengths left out, as a training run's would.
    const steps = options.steps;
    const filled = this.pending.length && Number.isInteger(steps) && steps > 0 ? this.forRun({ steps }) : this;
    if (Number.isInteger(steps) && steps >= 0) filled.requireLengths();
    return previewTree(filled.tree, options);
  }

  private requireLengths(): void {
    if (this.pending.length) throw unfilledError(this.pending[0]!, 'here (the run fills it: forRun({ epochs, stepsPerEpoch }) or forRun({ steps }))');
  }
}

/** The registry's schedules this tree names, fixed at compile time (forRun compiles against them again). */
function snapshot(tree: ParsedSpec, registry: ScheduleLookup): ScheduleLookup {
  const entries = new Map<string, BuiltinSchedule>();
  const walk = (s: ParsedSpec): void => {
    entries.set(s.type, s.entry);
    for (const kid of s.entry.children?.(s.options) ?? []) walk(kid);
  };
  walk(tree);
  const names = registry.names();
  return { entry: (name) => entries.get(name), names: () => names };
}

/** True for a CompiledSchedule (of this copy of the package), false for a spec or anything else. */
export function isCompiledSchedule(value: unknown): value is CompiledSchedule {
  return value instanceof CompiledSchedule;
}
