// `lrkit sweep report`: one static HTML page, charts as inline SVG, no scripts, no network.
import { SUMMARY_METRICS } from '@lrkit/train/config';
import { barChart, color, escapeXml, lineChart } from '@lrkit/charts';
import type { SweepOutcome } from './embedded';
import { trialNote, type TrialRecord } from './trial';

/** A trial's settings on one line: `lr=0.01 seed=1 schedule={...}`. */
export function paramText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : JSON.stringify(v)}`)
    .join(' ');
}

function cell(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(Number(v.toPrecision(6)));
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The rank label of a trial in the charts: #1, #2... as in the table. */
const label = (i: number, r: TrialRecord) => `#${i + 1} ${r.id.slice(0, 8)}`;

export function renderReport(outcome: SweepOutcome, opts: { pending?: number } = {}): string {
  const { trials, metric, mode } = outcome;
  const done = trials.filter((t) => t.status === 'done');
  const keys = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const colorOf = new Map(trials.map((t, i) => [t.id, color(i)]));
  const bars = barChart(
    done.map((t) => ({ label: label(trials.indexOf(t), t), value: t.metrics![metric] ?? Number.NaN, color: colorOf.get(t.id)!, note: cell(t.metrics![metric]), title: paramText(t.params) })),
    { title: `${metric} per trial, ranked (${mode === 'max' ? 'higher' : 'lower'} is better)`, xLabel: metric, width: 900 },
  );
  const withHistory = trials.filter((t) => t.history.length > 0);
  const lossChart = lineChart(
    withHistory.map((t) => ({ name: `${label(trials.indexOf(t), t)} ${paramText(t.params)}`, points: t.history.map((h) => [h.epoch, h.loss] as [number, number]), color: colorOf.get(t.id)! })),
    { title: 'training loss per epoch', xLabel: 'epoch', yLabel: 'loss (log scale)', yLog: true, width: 900, height: 360 },
  );
  const lrChart = lineChart(
    withHistory.map((t) => ({ name: `${label(trials.indexOf(t), t)} ${paramText(t.params)}`, points: t.history.map((h) => [h.epoch, h.lr] as [number, number]), color: colorOf.get(t.id)! })),
    { title: 'learning rate per epoch', xLabel: 'epoch', yLabel: 'learning rate (log scale)', yLog: true, width: 900, height: 300 },
  );
  // The other metrics the trials have (classification and regression report different ones).
  const metricCols = SUMMARY_METRICS.filter((m) => m !== metric && done.some((t) => t.metrics?.[m] !== undefined));
  const head = ['#', 'trial', ...keys, metric, ...metricCols, 'epochs', 'backend', 'status'];
  const rows = trials.map((t, i) => [
    `<span class="swatch" style="background:${colorOf.get(t.id)}"></span>${i + 1}`,
    `<code>${t.id}</code>`,
    ...keys.map((k) => escapeXml(cell(t.params[k]))),
    `<b>${escapeXml(cell(t.metrics?.[metric]))}</b>`,
    ...metricCols.map((m) => escapeXml(cell(t.metrics?.[m]))),
    String(t.history.length),
    escapeXml(t.backend ?? ''),
    t.status === 'done' ? 'done' : `<span title="${escapeXml(trialNote(t))}">${t.status}</span>`,
  ]);
  const best = outcome.best;
  const pending = opts.pending ?? 0;
  // Distributed workers each resolve 'auto' on their own machine: trials on different backends are said so.
  const backends = new Map<string, number>();
  for (const t of done) if (t.backend) backends.set(t.backend, (backends.get(t.backend) ?? 0) + 1);
  const mixed =
    backends.size > 1
      ? `\n<b>The trials ran on ${backends.size} backends</b> (${[...backends].map(([b, n]) => `${escapeXml(b)}: ${n}`).join(', ')}): the same settings give slightly different numbers on each.`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lrkit sweep ${escapeXml(outcome.name)}</title>
<style>
body { font-family: sans-serif; margin: 24px; color: #222; max-width: 960px; }
table { border-collapse: collapse; font-size: 13px; margin: 12px 0; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: right; }
th { background: #f4f4f4; }
code { font-size: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; }
figure { margin: 16px 0; }
</style></head><body>
<h1>Sweep <code>${escapeXml(outcome.name)}</code></h1>
<p>${trials.length} trials reported: ${done.length} done, ${trials.filter((t) => t.status === 'pruned').length} pruned, ${trials.filter((t) => t.status === 'failed').length} failed${pending ? `, ${pending} not run yet` : ''}. Ranked by <b>${escapeXml(metric)}</b> (${mode}).
${best ? `Best: <code>${best.id}</code> (${escapeXml(paramText(best.params))}) with ${escapeXml(metric)} ${escapeXml(cell(best.metrics![metric]))}.` : 'No trial finished.'}${mixed}</p>
<figure>${bars}</figure>
<figure>${lossChart}</figure>
<figure>${lrChart}</figure>
<h2>Settings and results</h2>
<table><thead><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>
${trials.some((t) => t.status === 'failed') ? `<h2>Errors</h2><ul>${trials.filter((t) => t.status === 'failed').map((t) => `<li><code>${t.id}</code> (${t.status}): ${escapeXml(t.error ?? '')}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
