import { scaleLinear, scaleLog, type ScaleContinuousNumeric, type ScaleLinear } from 'd3-scale';
import { valueRange } from '@lrkit/schedulers';
import { Component, type Ref } from 'preact';
import { useState } from 'preact/hooks';
import { axisName } from './axis.js';
import { formatValue } from './numbers.js';
import { COLORS, DASHES } from './palette.js';
import type { SpecRun } from './run.js';

/** One overlaid spec on the chart: its index picks the colour (and stays put when another spec breaks). */
export interface ChartRun {
  index: number;
  run: SpecRun;
}

const W = 960;
const M = { left: 72, right: 24 };
const LR_H = 300;
const MOM_H = 140;
const GAP = 44;

function column(rows: number[][], g: number): number[] {
  return rows.map((r) => r[g]!);
}

type Y = ScaleContinuousNumeric<number, number>;

/**
 * The line through every value. With more steps than pixel columns, each column keeps its first, lowest,
 * highest and last point (M4 downsampling): the drawing is the same, the path a fraction of the size. On a
 * log axis, values <= 0 are left out and the line breaks there.
 */
export function pathOf(values: readonly number[], x: ScaleLinear<number, number>, y: Y, log = false): string {
  const n = values.length;
  const [x0, x1] = x.range() as [number, number];
  const columns = Math.max(1, Math.ceil(x1 - x0));
  let d = '';
  let broken = true;
  const point = (k: number) => {
    const v = values[k]!;
    if (log && !(v > 0)) {
      broken = true;
      return;
    }
    d += `${broken ? 'M' : 'L'}${x(k).toFixed(2)} ${y(v).toFixed(2)}`;
    broken = false;
  };
  if (n <= 4 * columns) {
    for (let k = 0; k < n; k++) point(k);
    return d;
  }
  const per = n / columns;
  for (let c = 0; c < columns; c++) {
    const from = Math.floor(c * per);
    const to = Math.min(n, Math.floor((c + 1) * per));
    if (from >= to) continue;
    let lo = from;
    let hi = from;
    for (let k = from + 1; k < to; k++) {
      if (values[k]! < values[lo]!) lo = k;
      if (values[k]! > values[hi]!) hi = k;
    }
    const keep = [...new Set([from, Math.min(lo, hi), Math.max(lo, hi), to - 1])];
    for (const k of keep) point(k);
  }
  return d;
}

type X = ScaleLinear<number, number>;
type Pair = [number, number];

/** A y scale: linear, or log over the positive values. */
function yScale(log: boolean, domain: Pair, range: Pair): Y {
  return log ? scaleLog().domain(domain).range(range) : scaleLinear().domain(domain).range(range);
}

interface SeriesProps {
  id: string;
  rows: number[][];
  g: number;
  xd: Pair;
  xr: Pair;
  yd: Pair;
  yr: Pair;
  color: string;
  dash: string;
  title: string;
  log: boolean;
}

const samePair = (a: Pair, b: Pair) => a[0] === b[0] && a[1] === b[1];

/** One group's line; its path is recomputed only when its values or the scales change. */
class Series extends Component<SeriesProps> {
  override shouldComponentUpdate(b: SeriesProps): boolean {
    const a = this.props;
    return !(a.rows === b.rows && a.g === b.g && a.id === b.id && a.log === b.log && a.color === b.color && a.dash === b.dash && a.title === b.title &&
      samePair(a.xd, b.xd) && samePair(a.xr, b.xr) && samePair(a.yd, b.yd) && samePair(a.yr, b.yr));
  }

  override render() {
    const { id, rows, g, xd, xr, yd, yr, color, dash, title, log } = this.props;
    const d = pathOf(column(rows, g), scaleLinear().domain(xd).range(xr), yScale(log, yd, yr), log);
    return (
      <path data-series={id} d={d} fill="none" stroke={color} stroke-width="2" stroke-dasharray={dash} stroke-linejoin="round">
        <title>{title}</title>
      </path>
    );
  }
}

interface PanelProps {
  title: string;
  top: number;
  height: number;
  steps: number;
  x: X;
  runs: ChartRun[];
  pick(run: SpecRun): number[][] | undefined;
  testid: string;
  log?: boolean;
}

function Panel({ title, top, height, steps, x, runs, pick, testid, log = false }: PanelProps) {
  const all = runs.flatMap(({ run }) => {
    const rows = pick(run);
    return rows ? [rows.flat()] : [];
  });
  const positive = log ? all.map((s) => s.filter((v) => v > 0)) : all;
  const hidden = log && positive.some((s, i) => s.length < all[i]!.length);
  const [lo, hi] = valueRange(positive);
  const y = log ? scaleLog().domain(positive.some((s) => s.length) ? [lo, hi > lo ? hi : lo * 10] : [1e-3, 1]).range([top + height, top]).nice() : scaleLinear().domain([lo, hi]).range([top + height, top]).nice();
  // Rates on a log axis read best as powers of ten (1e-3), not SI prefixes (1m).
  const yFmt = log ? y.tickFormat(6, '.0e') : y.tickFormat(6);
  const bottom = top + height;
  return (
    <g data-testid={testid}>
      {y.ticks(6).map((t) => (
        <g key={`y${t}`}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e6e6e6" />
          <text x={M.left - 6} y={y(t)} text-anchor="end" dominant-baseline="middle">{yFmt(t)}</text>
        </g>
      ))}
      {x.ticks(10).filter(Number.isInteger).map((t) => (
        <text key={`x${t}`} x={x(t)} y={bottom + 16} text-anchor="middle">{t}</text>
      ))}
      <path d={`M${M.left} ${top}V${bottom}H${W - M.right}`} fill="none" stroke="#444" />
      <text transform={`translate(16 ${top + height / 2}) rotate(-90)`} text-anchor="middle">{title}{log ? ' (log)' : ''}</text>
      {hidden && <text x={W - M.right} y={top - 4} text-anchor="end" fill="#b00020" font-size="11" data-testid="log-hidden">{'values <= 0 are not drawn on a log axis'}</text>}
      {runs.map(({ index, run }) =>
        // A spec's phases are marked in the panels where it draws.
        (pick(run) ? run.phases : []).filter((b) => b <= steps).map((b) => (
          <g key={`p${index}-${b}`} data-phase={b} data-spec={index}>
            <line x1={x(b)} x2={x(b)} y1={top} y2={bottom} stroke={COLORS[index % COLORS.length]} stroke-dasharray="3 3" opacity="0.8" />
            <text x={x(b) + 3} y={top + 11} fill={COLORS[index % COLORS.length]} font-size="11">{b}</text>
          </g>
        )),
      )}
      {runs.map(({ index, run }) => {
        const rows = pick(run);
        if (!rows) return null;
        const groups = rows[0]?.length ?? 0;
        return Array.from({ length: groups }, (_, g) => (
          <Series key={`s${index}-${g}`} id={`${index}-${g}`} rows={rows} g={g} log={log} xd={x.domain() as Pair} xr={x.range() as Pair} yd={y.domain() as Pair} yr={y.range() as Pair}
            color={COLORS[index % COLORS.length]!} dash={DASHES[g % DASHES.length]!} title={`#${index + 1} ${run.label}, group ${g}`} />
        ));
      })}
    </g>
  );
}

interface ReadoutProps {
  step: number;
  unit: string;
  full: boolean;
  x: X;
  top: number;
  bottom: number;
  runs: ChartRun[];
}

/** Under the pointer: a vertical line at the nearest step and every series' value there (formatValue's text). */
function Readout({ step, unit, full, x, top, bottom, runs }: ReadoutProps) {
  const lines: { text: string; color: string }[] = [{ text: `${unit} ${step}`, color: '#222' }];
  for (const { index, run } of runs) {
    const r = run.result!;
    const color = COLORS[index % COLORS.length]!;
    r.lrs[step]!.forEach((v, g) => lines.push({ text: `#${index + 1}${r.lrs[0]!.length > 1 ? ` group ${g}` : ''} lr ${formatValue(v, full)}`, color }));
    r.momentum?.[step]!.forEach((v, g) => lines.push({ text: `#${index + 1}${r.lrs[0]!.length > 1 ? ` group ${g}` : ''} momentum ${formatValue(v, full)}`, color }));
  }
  const w = 12 + Math.max(...lines.map((l) => l.text.length)) * 7.8;
  const h = 8 + lines.length * 15;
  const px = x(step);
  const left = px + 10 + w > W - M.right ? px - 10 - w : px + 10;
  return (
    <g pointer-events="none" data-testid="readout">
      <line x1={px} x2={px} y1={top} y2={bottom} stroke="#999" />
      <rect x={left} y={top + 4} width={w} height={h} fill="white" fill-opacity="0.92" stroke="#ccc" rx="3" />
      {lines.map((l, i) => (
        <text key={i} x={left + 6} y={top + 18 + i * 15} fill={l.color}>{l.text}</text>
      ))}
    </g>
  );
}

/**
 * The rates of every valid spec over the steps, overlaid; momentum (or beta1) in a second panel where any
 * spec cycles it; sequential phase boundaries as dashed verticals in the spec's colour. Plain SVG, so the
 * export is this element as it stands.
 */
interface ChartProps {
  runs: ChartRun[];
  steps: number;
  logY?: boolean;
  /** Values in the readout in full (formatValue). */
  full?: boolean;
  svgRef?: Ref<SVGSVGElement>;
}

export function Chart({ runs, steps, logY = false, full = false, svgRef }: ChartProps) {
  const drawn = runs.filter(({ run }) => run.result);
  const axis = axisName(drawn.map(({ index, run }) => [index, run.result!.interval]));
  const withMomentum = drawn.some(({ run }) => run.result!.momentum);
  const x = scaleLinear().domain([0, Math.max(1, steps)]).range([M.left, W - M.right]);
  const [hover, setHover] = useState<number | null>(null);
  const groups = Math.max(0, ...drawn.map(({ run }) => run.result!.lrs[0]?.length ?? 0));
  // Legend entries flow left to right and wrap; the width of a label is estimated (no layout pass in SVG).
  const entries: { index: number; text: string; x: number; y: number }[] = [];
  let lx = M.left;
  let ly = 14;
  for (const { index, run } of drawn) {
    const text = `#${index + 1} ${run.label}`;
    const w = 36 + text.length * 7;
    if (lx + w > W - M.right && lx > M.left) {
      lx = M.left;
      ly += 16;
    }
    entries.push({ index, text, x: lx, y: ly });
    lx += w;
  }
  const groupsY = ly + 16;
  const legendH = (groups > 1 ? groupsY : ly) + 8;
  const lrTop = legendH + 16;
  const momTop = lrTop + LR_H + GAP;
  const H = (withMomentum ? momTop + MOM_H : lrTop + LR_H) + 40;
  return (
    <svg ref={svgRef} xmlns="http://www.w3.org/2000/svg" width={W} height={H} viewBox={`0 0 ${W} ${H}`} font-family="system-ui, sans-serif" font-size="12" data-testid="chart"
      onMouseMove={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const k = Math.round(x.invert(((e.clientX - box.left) * W) / box.width));
        setHover(drawn.length && k >= 0 && k <= steps ? k : null);
      }}
      onMouseLeave={() => setHover(null)}>
      <rect width={W} height={H} fill="white" />
      <g data-testid="legend">
        {entries.map(({ index, text, x, y }) => (
          <g key={index}>
            <line x1={x} x2={x + 22} y1={y} y2={y} stroke={COLORS[index % COLORS.length]} stroke-width="3" />
            <text x={x + 26} y={y} dominant-baseline="middle">{text}</text>
          </g>
        ))}
        {groups > 1 &&
          Array.from({ length: groups }, (_, g) => (
            <g key={`g${g}`}>
              <line x1={M.left + g * 90} x2={M.left + g * 90 + 22} y1={groupsY} y2={groupsY} stroke="#555" stroke-width="2" stroke-dasharray={DASHES[g % DASHES.length]} />
              <text x={M.left + g * 90 + 26} y={groupsY} dominant-baseline="middle">{`group ${g}`}</text>
            </g>
          ))}
      </g>
      {drawn.length === 0 ? (
        <text x={W / 2} y={lrTop + LR_H / 2} text-anchor="middle" fill="#888">nothing to draw: every spec has an error</text>
      ) : (
        <>
          <Panel title="learning rate" top={lrTop} height={LR_H} steps={steps} x={x} runs={drawn} pick={(r) => r.result!.lrs} testid="lr-panel" log={logY} />
          {withMomentum && <Panel title="momentum / beta1" top={momTop} height={MOM_H} steps={steps} x={x} runs={drawn} pick={(r) => r.result!.momentum} testid="momentum-panel" />}
          {hover !== null && <Readout step={hover} unit={axis.unit} full={full} x={x} top={lrTop} bottom={withMomentum ? momTop + MOM_H : lrTop + LR_H} runs={drawn} />}
          <text x={(M.left + W - M.right) / 2} y={H - 6} text-anchor="middle" data-testid="x-axis">{axis.label}</text>
        </>
      )}
    </svg>
  );
}
