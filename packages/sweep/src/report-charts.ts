// The charts of a sweep's report, as optuna-dashboard shows a study: optimization history, a slice per
// searched setting, parallel coordinates, setting importance, the rate per optimizer step and the loss
// curves with the pruning points. Each trial keeps one colour in every chart (and in the table).
import { barChart, lineChart, palette, parallelChart, scatterChart, tickLabel, type Dot, type Series } from '@lrkit/charts';
import type { SweepOutcome } from './embedded';
import { searchedSettings, settingImportance, type Setting } from './importance';
import { lrPerStep } from './lr-steps';
import { trialNote, type TrialRecord } from './trial';

/** A trial's settings on one line: `lr=0.01 seed=1 schedule={...}`. */
export function paramText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : JSON.stringify(v)}`)
    .join(' ');
}

/**
 * Where the sweep prunes, a record also carries what its pruner compared: the ranking metric on the
 * validation split after each epoch (`values[e - 1]` at epoch e). Records of sweeps that do not prune have none.
 */
type Compared = TrialRecord & { validation?: { metric: string; values: number[] } };

/** Why a trial did not finish: its failure, or where and against what it was pruned. */
export function whyNote(t: TrialRecord): string {
  return trialNote(t);
}

export interface TrialLook {
  /** 1-based, in the sweep's order. */
  number: number;
  color: string;
  /** `#3 1a2b3c4d`: what the charts and the table call the trial. */
  label: string;
}

/**
 * Number and colour for every trial: by the sweep's order (`order`, ids; the file's order) where known, so
 * that a trial keeps both as more trials finish, else by rank. The palette has one colour per trial.
 */
export function trialLooks(trials: readonly TrialRecord[], order: readonly string[] | undefined): Map<string, TrialLook> {
  const ids = order ?? trials.map((t) => t.id);
  const colours = palette(ids.length);
  return new Map(ids.map((id, i) => [id, { number: i + 1, color: colours[i]!, label: `#${i + 1} ${id.slice(0, 8)}` }]));
}

export interface Figure {
  /** What the page's test and its reader find it by. */
  name: string;
  svg: string;
  /** What a reader should know that the chart cannot show (trials left out, and why). */
  note?: string;
}

const W = 900;

export function reportCharts(outcome: SweepOutcome, looks: Map<string, TrialLook>): { figures: Figure[]; slices: Figure[] } {
  const { trials, metric, mode } = outcome;
  const look = (t: TrialRecord) => looks.get(t.id)!;
  const value = (t: TrialRecord) => t.metrics?.[metric];
  const tip = (t: TrialRecord, extra = '') => `${look(t).label} (${t.status})${extra}\n${paramText(t.params)}`;
  const done = trials.filter((t) => t.status === 'done' && Number.isFinite(value(t))).sort((a, b) => look(a).number - look(b).number);
  const pruned = trials.filter((t) => t.status === 'pruned');
  const better = mode === 'max' ? 'higher' : 'lower';
  const figures: Figure[] = [];

  // Optimization history: each finished trial's value by trial number, and the best so far.
  const best: [number, number][] = [];
  for (const t of done) {
    const v = value(t)!;
    const prev = best.at(-1)?.[1];
    const now = prev === undefined ? v : mode === 'max' ? Math.max(prev, v) : Math.min(prev, v);
    if (prev !== undefined) best.push([look(t).number, prev]);
    best.push([look(t).number, now]);
  }
  figures.push({
    name: 'history',
    svg: scatterChart(
      done.map((t) => ({ x: look(t).number, y: value(t)!, color: look(t).color, id: t.id, title: tip(t, `: ${metric} ${value(t)}`) })),
      { title: `optimization history: ${metric} by trial (${better} is better)`, xLabel: 'trial', yLabel: metric, width: W, height: 320, lines: [{ name: 'best so far', points: best, color: '#333' }], empty: 'no trial finished yet' },
    ),
    ...(pruned.length ? { note: `${pruned.length} pruned trial${pruned.length === 1 ? ' has' : 's have'} no final ${metric}: their curves stop at the ✕ in the loss charts below.` } : {}),
  });

  const settings = searchedSettings(trials);
  // Parallel coordinates: the searched settings, then the metric; a pruned trial's line stops before the metric.
  const axes = [...settings.map((s) => ({ label: s.key, log: s.log, ...(s.kind === 'categorical' ? { categories: s.categories } : {}) })), { label: metric }];
  const pcRows = [...done, ...pruned].map((t) => ({ values: [...settings.map((s) => s.valueOf(t)), value(t)], color: look(t).color, id: t.id, title: tip(t), dashed: t.status === 'pruned' }));
  figures.push({
    name: 'parallel',
    svg: parallelChart(axes, pcRows, { title: `parallel coordinates: the searched settings and ${metric}`, subtitle: pruned.length ? 'dashed: pruned (no final value)' : undefined, width: W, height: 340, empty: 'no trial finished yet' }),
  });

  const importance = settingImportance(trials, settings, metric);
  const unknown = importance.filter((i) => i.value === undefined);
  figures.push({
    name: 'importance',
    svg: barChart(
      importance.filter((i) => i.value !== undefined).map((i) => ({ label: i.key, value: i.value!, note: tickLabel(i.value!), title: `${i.key}: ${i.trials} finished trials in ${i.groups} groups${i.note ? `; ${i.note}` : ''}` })),
      { title: `setting importance for ${metric}`, subtitle: "epsilon-squared: the share of the metric's variance a setting explains alone, beyond chance", xLabel: 'share of variance', baseline: 0, labelWidth: 140, width: W, empty: 'too few finished trials to tell' },
    ),
    ...(unknown.length ? { note: `Not estimated: ${unknown.map((i) => `${i.key} (${i.note})`).join('; ')}.` } : {}),
  });

  // The rate of every optimizer step: warmups take a few steps, which a per-epoch value hides.
  const withHistory = trials.filter((t) => t.history.length > 0).sort((a, b) => look(a).number - look(b).number);
  const lrSeries: Series[] = [];
  const noLr: string[] = [];
  for (const t of withHistory) {
    const r = lrPerStep(t);
    if ('reason' in r) noLr.push(`${look(t).label}: ${r.reason}`);
    else lrSeries.push({ name: tip(t), points: r.points, color: look(t).color, id: t.id, dashed: t.status === 'pruned' });
  }
  // Log scale where the trials' rates span two decades: a linear one would flatten the small rates' warmups.
  const rates = lrSeries.flatMap((s) => s.points.map((p) => p[1])).filter((v) => v > 0);
  const lrLog = rates.length > 0 && Math.max(...rates) / Math.min(...rates) >= 100;
  figures.push({
    name: 'lr',
    svg: lineChart(lrSeries, { title: 'learning rate per optimizer step', xLabel: 'step', yLabel: `learning rate${lrLog ? ' (log scale)' : ''}`, yLog: lrLog, ...(lrLog ? { yFloor: lrFloor(rates) } : {}), width: W, height: 340 }),
    ...(noLr.length ? { note: `Not drawn: ${noLr.join('; ')}.` } : {}),
  });

  const compared = withHistory.find((t) => (t as Compared).validation !== undefined) as Compared | undefined;
  if (compared) {
    const name = compared.validation!.metric;
    figures.push(curves(withHistory, look, tip, { name: 'val-metric', title: `validation ${name} per epoch, as the pruner compared it (✕: pruned there)`, yLabel: `validation ${name}`, log: false }, (t, h) => (t as Compared).validation?.values[h.epoch - 1]));
  }
  figures.push(curves(withHistory, look, tip, { name: 'loss', title: 'training loss per epoch (✕: pruned there)', yLabel: 'loss (log scale)', log: true }, (_, h) => h.loss));
  if (withHistory.some((t) => t.history.some((h) => h.valLoss !== undefined)))
    figures.push(curves(withHistory, look, tip, { name: 'val-loss', title: 'validation loss per epoch (✕: pruned there)', yLabel: 'validation loss (log scale)', log: true }, (_, h) => h.valLoss));

  const slices = settings.map((s) => slice(s, done, metric, better, look, tip));
  return { figures, slices };
}

/**
 * The bottom of the rate chart's log axis: a decade under the 5th percentile of the rates drawn. The last
 * steps of a decay to 0 (a few percent of a run) would otherwise stretch it over decades nobody reads.
 */
function lrFloor(rates: number[]): number {
  const sorted = [...rates].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.05)]! / 10;
}

type Look = (t: TrialRecord) => TrialLook;
type Epoch = TrialRecord['history'][number];
type Tip = (t: TrialRecord, extra?: string) => string;

/** Per-epoch curves, pruned trials dashed with a cross at the epoch they stopped (hover: why). */
function curves(trials: TrialRecord[], look: Look, tip: Tip, chart: { name: string; title: string; yLabel: string; log: boolean }, y: (t: TrialRecord, h: Epoch) => number | undefined): Figure {
  const series = trials.map((t) => ({ name: tip(t), points: t.history.map((h) => [h.epoch, y(t, h) ?? Number.NaN] as [number, number]), color: look(t).color, id: t.id, dashed: t.status === 'pruned' }));
  const dots: Dot[] = trials
    .filter((t) => t.status === 'pruned')
    .map((t) => ({ t, h: t.history.at(-1)! }))
    .filter(({ t, h }) => y(t, h) !== undefined)
    .map(({ t, h }) => ({ x: h.epoch, y: y(t, h)!, color: look(t).color, id: t.id, shape: 'cross', title: tip(t, `: ${whyNote(t) || `pruned after epoch ${h.epoch}`}`) }));
  return { name: chart.name, svg: lineChart(series, { title: chart.title, xLabel: 'epoch', yLabel: chart.yLabel, yLog: chart.log, width: W, height: 340, dots }) };
}

/** The metric against one setting's values, each finished trial a dot. */
function slice(s: Setting, done: TrialRecord[], metric: SweepOutcome['metric'], better: string, look: Look, tip: Tip): Figure {
  const dots: Dot[] = done
    .filter((t) => s.valueOf(t) !== undefined)
    .map((t) => ({ x: s.valueOf(t)!, y: t.metrics![metric]!, color: look(t).color, id: t.id, title: tip(t, `: ${metric} ${t.metrics![metric]}`) }));
  return {
    name: `slice-${s.key}`,
    svg: scatterChart(dots, {
      title: `${metric} by ${s.key} (${better} is better)`,
      xLabel: `${s.key}${s.log ? ' (log scale)' : ''}`,
      yLabel: metric,
      xLog: s.log,
      ...(s.kind === 'categorical' ? { categories: s.categories } : {}),
      width: 440,
      height: 280,
      empty: 'no trial finished yet',
    }),
  };
}
