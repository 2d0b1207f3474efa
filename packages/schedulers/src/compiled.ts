import { runMisfit, type RunMisfit, type ScheduleRun } from './length.js';
import type { ParsedSpec, ScheduleLookup } from './node.js';
import { previewTree } from './preview.js';
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
  /** One line: the tree, its interval and its limits (`one-cycle, stepped every optimizer step, at most 100 steps (schedule.totalSteps), cycles momentum`). */
  readonly summary: string;
  private readonly tree: ParsedSpec;

  /** @internal Use compileSchedule() or registry.compile(). */
  constructor(spec: unknown, registry: ScheduleLookup) {
    const tree = parseSpec(spec, registry);
    const limit = treeStepLimit(tree);
    this.spec = spec;
    this.tree = tree;
    this.type = tree.type;
    this.interval = treeInterval(tree);
    this.needsMetric = treeNeedsMetric(tree);
    this.cyclesMomentum = treeCyclesMomentum(tree);
    this.maxSteps = limit ? limit.steps : null;
    this.summary = [
      treeSignature(tree),
      this.interval === 'step' ? 'stepped every optimizer step' : 'stepped per epoch',
      ...(limit ? [`at most ${limit.steps} steps (${limit.option})`] : []),
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
    return runMisfit(treeStepLimit(this.tree), this.interval, run);
  }

  /**
   * Start the schedule on `optimizer`'s param groups (anything with `paramGroups: {lr, momentum?,
   * betas?}[]`): as PyTorch's constructor, the groups receive the schedule's first rates at once.
   */
  create(optimizer: OptimizerLike): Scheduler {
    return startScheduler(this.tree, optimizer);
  }

  /**
   * The trajectory on a stand-in SGD optimizer: row k holds each group's rate after k calls of step()
   * (row 0 right after construction); `steps` is checked against the length rule first.
   */
  preview(options: PreviewOptions): PreviewResult {
    return previewTree(this.tree, options);
  }
}

/** True for a CompiledSchedule (of this copy of the package), false for a spec or anything else. */
export function isCompiledSchedule(value: unknown): value is CompiledSchedule {
  return value instanceof CompiledSchedule;
}
