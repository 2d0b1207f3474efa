import { compileSchedule, validateSpec, type Registry } from '@lrkit/schedulers';
import type { RunSettings } from './settings.js';

/**
 * "Copy as PyTorch": the `torch.optim.lr_scheduler` script equivalent to a spec. It builds an SGD optimizer
 * with the playground's groups and momentum, the scheduler(s), and prints the same CSV as the playground's
 * export and `lrkit schedule --format csv`, so the two can be compared line by line. Only options the spec
 * sets are written: lrkit's defaults are PyTorch's.
 */
export type PyTorchCode = { ok: true; code: string } | { ok: false; reason: string };

interface TorchClass {
  /** The constructor, as called in the script. */
  ctor: string;
  /** lrkit option -> PyTorch keyword argument. */
  args: Record<string, string>;
  /** Keyword arguments written whatever the spec says (lrkit's `constant` as ConstantLR with factor 1). */
  fixed?: Record<string, string>;
}

/** Every spec type PyTorch has, with its arguments: the one table this file reads. */
const TORCH: Record<string, TorchClass> = {
  step: { ctor: 'lr_scheduler.StepLR', args: { stepSize: 'step_size', gamma: 'gamma' } },
  'multi-step': { ctor: 'lr_scheduler.MultiStepLR', args: { milestones: 'milestones', gamma: 'gamma' } },
  // lrkit's `constant` holds the rate: ConstantLR at factor 1. ConstantLR's own defaults are `constant-factor`.
  constant: { ctor: 'lr_scheduler.ConstantLR', args: {}, fixed: { factor: '1.0', total_iters: '0' } },
  'constant-factor': { ctor: 'lr_scheduler.ConstantLR', args: { factor: 'factor', totalIters: 'total_iters' } },
  linear: { ctor: 'lr_scheduler.LinearLR', args: { startFactor: 'start_factor', endFactor: 'end_factor', totalIters: 'total_iters' } },
  exponential: { ctor: 'lr_scheduler.ExponentialLR', args: { gamma: 'gamma' } },
  polynomial: { ctor: 'lr_scheduler.PolynomialLR', args: { totalIters: 'total_iters', power: 'power' } },
  'cosine-annealing': { ctor: 'lr_scheduler.CosineAnnealingLR', args: { tMax: 'T_max', etaMin: 'eta_min' } },
  'cosine-annealing-warm-restarts': { ctor: 'lr_scheduler.CosineAnnealingWarmRestarts', args: { t0: 'T_0', tMult: 'T_mult', etaMin: 'eta_min' } },
  cyclic: {
    ctor: 'lr_scheduler.CyclicLR',
    args: {
      baseLr: 'base_lr', maxLr: 'max_lr', stepSizeUp: 'step_size_up', stepSizeDown: 'step_size_down', mode: 'mode', gamma: 'gamma',
      cycleMomentum: 'cycle_momentum', baseMomentum: 'base_momentum', maxMomentum: 'max_momentum',
    },
  },
  'one-cycle': {
    ctor: 'lr_scheduler.OneCycleLR',
    args: {
      maxLr: 'max_lr', totalSteps: 'total_steps', epochs: 'epochs', stepsPerEpoch: 'steps_per_epoch', pctStart: 'pct_start',
      annealStrategy: 'anneal_strategy', cycleMomentum: 'cycle_momentum', baseMomentum: 'base_momentum', maxMomentum: 'max_momentum',
      divFactor: 'div_factor', finalDivFactor: 'final_div_factor', threePhase: 'three_phase',
    },
  },
  'reduce-on-plateau': {
    ctor: 'lr_scheduler.ReduceLROnPlateau',
    args: { mode: 'mode', factor: 'factor', patience: 'patience', threshold: 'threshold', thresholdMode: 'threshold_mode', cooldown: 'cooldown', minLr: 'min_lr', eps: 'eps' },
  },
  swa: { ctor: 'SWALR', args: { swaLr: 'swa_lr', annealEpochs: 'anneal_epochs', annealStrategy: 'anneal_strategy' } },
  sequential: { ctor: 'lr_scheduler.SequentialLR', args: {} },
  chained: { ctor: 'lr_scheduler.ChainedScheduler', args: {} },
};

class NoEquivalent extends Error {}

/** A JSON value as a Python literal. */
export function py(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  throw new NoEquivalent(`cannot write ${typeof v} as Python`);
}

type Spec = Record<string, unknown>;

/** Writes the constructor calls, children first (PyTorch constructs them in order, on the same optimizer). */
class Writer {
  readonly lines: string[] = [];
  private count = 0;

  scheduler(spec: Spec, path: string, top: boolean): string {
    const type = spec.type as string;
    const cls = TORCH[type];
    if (!cls) throw new NoEquivalent(`${path}: '${type}' has no torch.optim.lr_scheduler equivalent (it is lrkit's own or a plugin)`);
    if (!top && type === 'reduce-on-plateau')
      throw new NoEquivalent(`${path}: PyTorch's SequentialLR and ChainedScheduler cannot hold ReduceLROnPlateau (composing it is lrkit's extension)`);
    if (!top && type === 'cosine-annealing-warm-restarts' && spec.stepsPerEpoch != null)
      throw new NoEquivalent(`${path}: stepsPerEpoch needs step(epoch) calls, which PyTorch's composites do not pass`);
    if (type === 'one-cycle' && spec.clampFinal === true) throw new NoEquivalent(`${path}.clampFinal: true is an lrkit deviation PyTorch does not have`);
    if (type === 'cyclic' && spec.scaleFn != null) throw new NoEquivalent(`${path}.scaleFn: a function, not JSON`);
    const name = top ? 'scheduler' : `s${this.count++}`;
    let call: string;
    if (type === 'sequential' || type === 'chained') {
      const kids = (spec.schedulers as Spec[]).map((k, i) => this.scheduler(k, `${path}.schedulers[${i}]`, false));
      call = type === 'sequential' ? `${cls.ctor}(optimizer, schedulers=[${kids.join(', ')}], milestones=${py(spec.milestones)})` : `${cls.ctor}([${kids.join(', ')}])`;
    } else {
      const args = ['optimizer'];
      for (const [opt, kw] of Object.entries(cls.args)) if (spec[opt] !== undefined) args.push(`${kw}=${py(spec[opt])}`);
      for (const [kw, value] of Object.entries(cls.fixed ?? {})) args.push(`${kw}=${value}`);
      call = `${cls.ctor}(${args.join(', ')})`;
    }
    this.lines.push(`${name} = ${call}`);
    return name;
  }
}

/** The script for a valid spec run with `settings` (the spec is validated again here, against `registry`). */
export function toPyTorch(spec: unknown, settings: RunSettings, registry?: Registry): PyTorchCode {
  const info = validateSpec(spec, { steps: settings.steps }, registry);
  // PyTorch has no length to leave out: the script gets the lengths the preview's steps filled in.
  const s = compileSchedule(spec as never, registry ? { registry } : {}).forRun({ steps: settings.steps }).spec as Spec;
  const w = new Writer();
  try {
    w.scheduler(s, 'schedule', true);
  } catch (e) {
    if (e instanceof NoEquivalent) return { ok: false, reason: e.message };
    throw e;
  }
  const groups = settings.lrs.length;
  const head = ['step', ...settings.lrs.map((_, g) => `lr${g}`)];
  const cols = ['[repr(g["lr"]) for g in optimizer.param_groups]'];
  if (info.cyclesMomentum) {
    head.push(...settings.lrs.map((_, g) => `momentum${g}`));
    cols.push('[repr(g["momentum"]) for g in optimizer.param_groups]');
  }
  const spe = s.type === 'cosine-annealing-warm-restarts' && typeof s.stepsPerEpoch === 'number' ? s.stepsPerEpoch : null;
  const stepCall = info.needsMetric ? 'scheduler.step(metrics[step - 1])' : spe ? `scheduler.step(step / ${spe})` : 'scheduler.step()';
  const sequential = w.lines.some((l) => l.includes('SequentialLR'));
  const lines = [
    '# Generated by the lrkit schedule playground. Prints the same CSV as the playground and',
    '# `lrkit schedule --format csv`.',
    `# lrkit spec: ${JSON.stringify(s)}`,
    ...(sequential ? ['import warnings', ''] : []),
    'import torch',
    'from torch.optim import lr_scheduler',
    ...(w.lines.some((l) => l.includes('SWALR')) ? ['from torch.optim.swa_utils import SWALR'] : []),
    '',
    ...(sequential ? ['# SequentialLR calls step(0) on its children, which PyTorch itself warns about.', 'warnings.filterwarnings("ignore", category=UserWarning)', ''] : []),
    `params = [torch.nn.Parameter(torch.zeros(1)) for _ in range(${groups})]`,
    `lrs = ${py(settings.lrs)}`,
    ...(typeof settings.momentum === 'number'
      ? [`optimizer = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0], momentum=${py(settings.momentum)})`]
      : [
          `momenta = ${py(settings.momentum)}`,
          'optimizer = torch.optim.SGD([{"params": [p], "lr": lr, "momentum": m} for p, lr, m in zip(params, lrs, momenta)], lr=lrs[0])',
        ]),
    ...w.lines,
    ...(info.needsMetric ? [`metrics = ${py(settings.metrics ?? [])}`] : []),
    '',
    '',
    'def row(step):',
    `    return ",".join([str(step)] + ${cols.join(' + ')})`,
    '',
    '',
    `print(${py(head.join(','))})`,
    'print(row(0))',
    `for step in range(1, ${settings.steps} + 1):`,
    '    optimizer.step()',
    `    ${stepCall}`,
    '    print(row(step))',
  ];
  return { ok: true, code: `${lines.join('\n')}\n` };
}
