// A TPE sweep's trials, handed out one at a time as runners free up: each trial's settings come from the
// trials finished when it is handed out. The sequence (trial ids by number) is kept in the sweep's
// manifest, so a resumed sweep re-runs the trials that were running and goes on from where it stopped.
import type { Trial, TrialRecord } from '../../trial';
import type { SweepSpec } from '../../parse';
import type { SweepState } from '../../state';
import { digestsOnce } from '../../trial-id';
import { makeTrial, unlessAllRefused } from '../../make-trial';
import { blockSpace, tpeSettings } from '../search';
import { configWith, type SearchSpace } from '../space/space';
import { tpeSample, type Observation } from './sampler';
import type { TpeSettings } from './settings';

/** The sampler's view of a finished trial; undefined for one it learns nothing from (failed, or no metric). */
export function observationOf(record: TrialRecord, metric: SweepSpec['metric'], mode: SweepSpec['mode']): Observation | undefined {
  if (record.status === 'pruned') {
    const last = record.history.at(-1);
    return { params: record.params, score: [-record.history.length, last ? (last.valLoss ?? last.loss) : Infinity] };
  }
  const value = record.metrics?.[metric];
  if (record.status !== 'done' || typeof value !== 'number' || Number.isNaN(value)) return undefined;
  return { params: record.params, score: [-Infinity, mode === 'max' ? -value : value] };
}

export class TpeStudy {
  private readonly space: SearchSpace;
  private readonly settings: TpeSettings;
  readonly budget: number;
  /** Trials by number; a setting drawn twice is the same trial twice. */
  readonly sequence: Trial[] = [];

  constructor(
    private readonly spec: SweepSpec,
    private readonly source: string,
    private readonly digest: (path: string | undefined) => string | undefined,
  ) {
    this.space = blockSpace(spec, 'tpe', source)!;
    this.settings = tpeSettings(spec.tpe!);
    this.budget = spec.tpe!.trials;
  }

  /**
   * The trials whose settings do not depend on results (the random start), checked before anything runs:
   * where train() refuses every one of them, the file is wrong (a SweepInputError naming the first); a draw
   * refused among others is a failed trial (make-trial.ts).
   */
  startupTrials(): Trial[] {
    const n = Math.min(this.budget, this.settings.startupTrials);
    return unlessAllRefused(Array.from({ length: n }, (_, i) => this.trial(tpeSample(this.space, this.settings, i, [], this.spec.train ?? {}))), this.source);
  }

  /** Takes up a previous run's sequence (its ids, by number) where `known` has each trial's settings. */
  resume(ids: readonly string[], known: ReadonlyMap<string, Pick<Trial, 'id' | 'params'>>): void {
    for (const id of ids.slice(0, this.budget)) {
      const t = known.get(id);
      if (!t) return;
      this.sequence.push({ ...this.trial(t.params), id });
    }
  }

  /** How many trials the next one is chosen from: with `batch`, every trial of the batches before its own. */
  seenBy(number: number): number {
    return this.settings.batch === undefined ? number : number - (number % this.settings.batch);
  }

  /**
   * The next trial by number, from the records of the trials before it (with `batch`: of the batches before
   * its own, which the caller waits for); undefined once the budget is spent.
   */
  sampleNext(records: ReadonlyMap<string, TrialRecord>): Trial | undefined {
    const number = this.sequence.length;
    if (number >= this.budget) return undefined;
    const history = this.sequence.slice(0, this.seenBy(number)).flatMap((t) => {
      const r = records.get(t.id);
      const o = r && observationOf(r, this.spec.metric, this.spec.mode);
      return o ? [o] : [];
    });
    const trial = this.trial(tpeSample(this.space, this.settings, number, history, this.spec.train ?? {}));
    this.sequence.push(trial);
    return trial;
  }

  /** A draw's trial; one train() refuses is a failed trial, which the sampler learns nothing from (observationOf). */
  private trial(params: Record<string, unknown>): Trial {
    return makeTrial(this.spec, params, configWith(this.space, this.spec.train, params), this.digest);
  }
}

/** Trials once each, in their first place (TPE may choose the same settings twice). */
export function uniqueTrials(trials: readonly Trial[]): Trial[] {
  return [...new Map(trials.map((t) => [t.id, t])).values()];
}

/**
 * A TPE sweep's study on its state folder: the random start checked, the sequence of an earlier run of the
 * same search (train settings, tpe block, metric) taken up, and `save()` writing the manifest with the
 * sequence (before each new trial runs).
 */
export function openTpeStudy(spec: SweepSpec, state: SweepState): { study: TpeStudy; save: () => void } {
  const study = new TpeStudy(spec, spec.name, digestsOnce());
  study.startupTrials();
  const earlier = state.exists() ? state.readManifest() : undefined;
  const same = (a: SweepSpec) => JSON.stringify([a.train, a.tpe, a.metric, a.mode]) === JSON.stringify([spec.train, spec.tpe, spec.metric, spec.mode]);
  if (earlier?.sequence && same(earlier.spec)) study.resume(earlier.sequence, new Map(earlier.trials.map((t) => [t.id, t])));
  const save = () => state.writeManifest({ spec, trials: uniqueTrials(study.sequence).map(({ id, params }) => ({ id, params })), sequence: study.sequence.map((t) => t.id) });
  save();
  return { study, save };
}
