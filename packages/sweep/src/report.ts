// `lrkit sweep report`: one static HTML page, the charts as inline SVG (@lrkit/charts), no network. A few
// lines of script light up one trial in every chart while the pointer is on it; without scripts the page
// reads the same, with each mark's hover text.
import { SUMMARY_METRICS } from '@lrkit/train/config';
import { escapeXml } from '@lrkit/charts';
import type { SweepOutcome } from './embedded';
import { paramText, reportCharts, trialLooks, whyNote, type Figure } from './report-charts';

export { paramText };

export interface ReportOptions {
  /** Trials not finished yet. */
  pending?: number;
  /** Every trial's id in the sweep's order (its manifest): the trial numbers and colours follow it. */
  order?: readonly string[];
}

function cell(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(Number(v.toPrecision(6)));
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const figure = (f: Figure) => `<figure data-chart="${escapeXml(f.name)}">${f.svg}${f.note ? `<figcaption>${escapeXml(f.note)}</figcaption>` : ''}</figure>`;

/** The page's content (what `sweep serve` replaces as trials finish): summary, charts, table. */
export function reportBody(outcome: SweepOutcome, opts: ReportOptions = {}): string {
  const { trials, metric, mode } = outcome;
  const order = opts.order?.filter((id) => id !== '');
  const looks = trialLooks(trials, order && trials.every((t) => order.includes(t.id)) ? order : undefined);
  const look = (id: string) => looks.get(id)!;
  const done = trials.filter((t) => t.status === 'done');
  const pruned = trials.filter((t) => t.status === 'pruned');
  const failed = trials.filter((t) => t.status === 'failed');
  const keys = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const { figures, slices } = reportCharts(outcome, looks);
  const [history, ...rest] = figures;
  // The other metrics the trials have (classification and regression report different ones).
  const metricCols = SUMMARY_METRICS.filter((m) => m !== metric && done.some((t) => t.metrics?.[m] !== undefined));
  const head = ['rank', 'trial', ...keys, metric, ...metricCols, 'epochs', 'backend', 'status'];
  const rows = trials.map((t, i) => {
    const status = t.status === 'done' ? 'done' : `<span class="${t.status}" title="${escapeXml(whyNote(t))}">${t.status === 'pruned' ? '✕ pruned' : t.status}</span>`;
    const cells = [
      String(i + 1),
      // The whole id: the record is trials/<id>.json.
      `<span class="swatch" style="background:${look(t.id).color}"></span>#${look(t.id).number} <code>${escapeXml(t.id)}</code>`,
      ...keys.map((k) => escapeXml(cell(t.params[k]))),
      `<b>${escapeXml(cell(t.metrics?.[metric]))}</b>`,
      ...metricCols.map((m) => escapeXml(cell(t.metrics?.[m]))),
      String(t.history.length),
      escapeXml(t.backend ?? ''),
      status,
    ];
    return `<tr data-id="${escapeXml(t.id)}" data-status="${t.status}">${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  const best = outcome.best;
  const pending = opts.pending ?? 0;
  // Distributed workers each resolve 'auto' on their own machine: trials on different backends are said so.
  const backends = new Map<string, number>();
  for (const t of done) if (t.backend) backends.set(t.backend, (backends.get(t.backend) ?? 0) + 1);
  const mixed =
    backends.size > 1
      ? `\n<b>The trials ran on ${backends.size} backends</b> (${[...backends].map(([b, n]) => `${escapeXml(b)}: ${n}`).join(', ')}): the same settings give slightly different numbers on each.`
      : '';
  const numbering = order ? 'Trials are numbered in the sweep\'s order.' : "Trials are numbered by rank (the sweep's own order is not known here).";
  const list = (title: string, items: typeof trials) =>
    items.length ? `<h2>${title}</h2><ul class="${title.toLowerCase()}">${items.map((t) => `<li data-id="${escapeXml(t.id)}"><code>${escapeXml(look(t.id).label)}</code> ${escapeXml(paramText(t.params))}: ${escapeXml(whyNote(t))}</li>`).join('')}</ul>` : '';
  return `<h1>Sweep <code>${escapeXml(outcome.name)}</code></h1>
<p>${trials.length} trials reported: ${done.length} done, ${pruned.length} pruned, ${failed.length} failed${pending ? `, ${pending} not finished yet` : ''}. Ranked by <b>${escapeXml(metric)}</b> (${mode}). ${numbering}
${best ? `Best: <code>${escapeXml(look(best.id).label)}</code> (${escapeXml(paramText(best.params))}) with ${escapeXml(metric)} ${escapeXml(cell(best.metrics![metric]))}.` : 'No trial finished.'}${mixed}</p>
${history ? figure(history) : ''}
${slices.length ? `<h2>${escapeXml(metric)} by each searched setting</h2><div class="slices">${slices.map(figure).join('\n')}</div>` : ''}
${rest.map(figure).join('\n')}
<h2>Settings and results</h2>
<div class="wide"><table><thead><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
${list('Pruned', pruned)}
${list('Errors', failed)}`;
}

const STYLE = `body { font-family: sans-serif; margin: 24px; color: #222; max-width: 960px; }
table { border-collapse: collapse; font-size: 13px; margin: 12px 0; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: right; }
th { background: #f4f4f4; }
code { font-size: 12px; }
.wide { overflow-x: auto; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; }
.pruned { color: #a15c00; } .failed { color: #b00020; }
figure { margin: 16px 0; } figcaption { font-size: 13px; color: #555; }
.slices { display: grid; grid-template-columns: repeat(2, 440px); gap: 8px 20px; }
.slices figure { margin: 0; }
body.lit [data-id]:not(.on) { opacity: 0.12; }
tr.on { background: #fff6d5; }`;

// Pointing at any mark of a trial (a dot, a line, a table row) lights up all of that trial's marks.
const HIGHLIGHT = `document.addEventListener('mouseover', (e) => {
  const el = e.target instanceof Element ? e.target.closest('[data-id]') : null;
  document.querySelectorAll('.on').forEach((x) => x.classList.remove('on'));
  document.body.classList.toggle('lit', el !== null);
  if (el) document.querySelectorAll('[data-id="' + CSS.escape(el.getAttribute('data-id')) + '"]').forEach((x) => x.classList.add('on'));
});`;

/** A whole page around `body`; sweep serve adds a line above it, a version on it and the script that updates it. */
export function reportPage(title: string, body: string, live?: { above: string; version: number; script: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>
${STYLE}
</style></head><body>
${live ? `${live.above}\n<main data-version="${live.version}">` : '<main>'}
${body}
</main>
<script>
${HIGHLIGHT}
${live?.script ?? ''}
</script>
</body></html>
`;
}

export function renderReport(outcome: SweepOutcome, opts: ReportOptions = {}): string {
  return reportPage(`lrkit sweep ${outcome.name}`, reportBody(outcome, opts));
}
