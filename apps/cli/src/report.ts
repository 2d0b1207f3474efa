// How `lrkit train` shows a result: text for people, one JSON line for programs.
import type { BinaryMetrics, MulticlassMetrics, RegressionMetrics, TrainResult } from '@lrkit/train';
import { epochRecord, summarizeMetrics } from '@lrkit/train/config';

const f4 = (x: number): string => x.toFixed(4);

/** Why a run got the default schedule it got (the seed job's says nothing: it prints what it always has). */
const DEFAULT_WHY = {
  'own data': "the default on your own data, chosen by measurement (@lrkit/train's README: 'The default schedule')",
  'schedule-free': "the schedule-free optimizers' default (warmed up, then held: their averaging does the decay)",
} as const;

/** Rows of cells as a right-aligned table (the first column left-aligned), two spaces of indent. */
function table(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, j) => Math.max(...cells.map((row) => row[j]!.length)));
  return cells.map((row) => `  ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')}`);
}

function binaryLines(m: BinaryMetrics, labels: string[]): string[] {
  const [neg = '0', pos = '1'] = labels;
  const c = m.confusion;
  return [
    `Test Accuracy: ${f4(m.accuracy)}`,
    `Precision: ${f4(m.precision)}, Recall: ${f4(m.recall)}, F1: ${f4(m.f1)}, ROC AUC: ${f4(m.rocAuc)}, Test Loss: ${f4(m.loss)}`,
    `Confusion matrix (positive class: ${pos}):`,
    ...table([
      ['', `pred ${neg}`, `pred ${pos}`],
      [`actual ${neg}`, String(c.tn), String(c.fp)],
      [`actual ${pos}`, String(c.fn), String(c.tp)],
    ]),
  ];
}

function multiclassLines(m: MulticlassMetrics, classes: string[]): string[] {
  return [
    `Test Accuracy: ${f4(m.accuracy)}`,
    `Macro Precision: ${f4(m.precision)}, Recall: ${f4(m.recall)}, F1: ${f4(m.f1)}, Log Loss: ${f4(m.logLoss)}, Test Loss: ${f4(m.loss)}`,
    'Confusion matrix (rows: actual, columns: predicted):',
    ...table([['', ...classes.map((c) => `pred ${c}`)], ...m.confusion.map((row, i) => [`actual ${classes[i]}`, ...row.map(String)])]),
  ];
}

function regressionLines(m: RegressionMetrics, target: string): string[] {
  return [`Test RMSE: ${f4(m.rmse)}, MAE: ${f4(m.mae)}, R^2: ${f4(m.r2)} ('${target}' in its own units), Test Loss: ${f4(m.loss)} (MSE, standardised)`];
}

export function formatResult(result: TrainResult): string {
  const m = result.metrics;
  const lines =
    m.kind === 'binary'
      ? binaryLines(m, result.classes)
      : m.kind === 'multiclass'
        ? multiclassLines(m, result.classes)
        : regressionLines(m, result.preprocessing.target);
  // The seed's case (a text target with 2 classes) prints what it always has; any other case says which task
  // was trained and why.
  if (m.kind !== 'binary' || result.taskGuess || result.taskReason === 'given') {
    const what = result.task === 'classification' ? `classification, ${result.classes.length} classes` : 'regression';
    lines.push(`Task: ${what} (${result.taskReason === 'given' ? 'given by --task' : result.taskReason})`);
  }
  if (result.stoppedEarly) {
    const s = result.stoppedEarly;
    lines.push(`Stopped early after epoch ${s.epoch}: restored the weights of epoch ${s.bestEpoch} (validation loss ${f4(s.bestValLoss)})`);
  }
  if (result.lrFound) {
    const { lr, method, suggestions } = result.lrFound;
    const others = Object.values(suggestions).filter((s) => s.method !== method).map((s) => `${s.method} ${s.lr.toExponential(2)}`);
    lines.push(`Learning rate ${lr.toExponential(2)}: the LR range test's ${method} suggestion (${others.join(', ')})`);
  }
  // The seed job prints what it always has; a run that took another default says which, and why.
  if (result.scheduleDefault && result.scheduleDefault !== 'seed') {
    const lr = Number((result.config.lr as number).toPrecision(3));
    lines.push(`Schedule: ${JSON.stringify(result.config.schedule)} at lr ${lr}, ${DEFAULT_WHY[result.scheduleDefault]}; --schedule and --lr choose others`);
  }
  // Only where the spec left a length out: a spec that gives every length prints what it always has.
  if (result.scheduleFromRun?.length) {
    const perEpoch = Math.ceil(result.trainSize / result.config.batchSize);
    lines.push(`Schedule: ${result.scheduleFromRun.map((f) => `${f.option} = ${f.value}`).join(', ')}, from the run (${result.config.epochs} epochs x ${perEpoch} steps)`);
  }
  if (result.resumedFromEpoch !== undefined) lines.push(`Resumed from the checkpoint of epoch ${result.resumedFromEpoch}`);
  const val = result.valSize > 0 ? `, ${result.valSize} validation rows` : '';
  lines.push(
    `Trained ${result.history.length} epochs on ${result.backend} in ${Math.round(result.trainMs)} ms ` +
      `(${result.trainSize} training rows${val}, ${result.testSize} test rows, seed ${result.config.seed})`,
  );
  return lines.join('\n');
}

/** The `--json` line's object: the task, test metrics, the run's settings, timing. */
export function resultJson(result: TrainResult, extra: { exported?: string } = {}): Record<string, unknown> {
  const cfg = result.config;
  // The metric names sweeps rank by: @lrkit/train writes them once.
  const { loss, valLoss, testLoss, ...metrics } = summarizeMetrics(result);
  return {
    task: result.task,
    taskReason: result.taskReason,
    taskGuess: result.taskGuess,
    ...(result.task === 'classification' ? { classes: result.classes } : {}),
    ...metrics,
    /** Mean training loss of the last epoch (what the last `Epoch` line shows). */
    loss: loss ?? null,
    valLoss: valLoss ?? null,
    testLoss,
    trainMs: result.trainMs,
    backend: result.backend,
    epochs: cfg.epochs,
    epochsRun: result.history.length,
    seed: cfg.seed,
    batchSize: cfg.batchSize,
    optimizer: cfg.optimizer,
    lr: cfg.lr,
    hidden: cfg.hidden,
    schedule: cfg.schedule,
    data: cfg.data,
    target: cfg.target,
    labels: result.preprocessing.labels,
    // What each column became (the column plan), for a table that trained through one.
    ...(result.preprocessing.plan ? { columns: result.preprocessing.plan.columns, droppedTargetGaps: result.preprocessing.plan.droppedTargetGaps } : {}),
    testFraction: cfg.testFraction,
    valFraction: cfg.valFraction,
    earlyStopping: cfg.earlyStopping,
    ...(result.stoppedEarly ? { stoppedEarly: result.stoppedEarly } : {}),
    ...(result.resumedFromEpoch !== undefined ? { resumedFromEpoch: result.resumedFromEpoch } : {}),
    ...(result.scheduleDefault && result.scheduleDefault !== 'seed' ? { scheduleDefault: result.scheduleDefault } : {}),
    ...(result.lrFound
      ? { lrFound: { lr: result.lrFound.lr, method: result.lrFound.method, suggestions: Object.fromEntries(Object.values(result.lrFound.suggestions).map((s) => [s.method, s.lr])) } }
      : {}),
    trainSize: result.trainSize,
    valSize: result.valSize,
    testSize: result.testSize,
    ...(extra.exported ? { exported: extra.exported } : {}),
    /** One entry per epoch (a resumed run's earlier ones included), as a sweep's trial records carry it. */
    history: result.history.map(epochRecord),
  };
}
