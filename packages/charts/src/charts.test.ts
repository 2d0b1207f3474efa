import { describe, expect, it } from 'vitest';
import { hcl, rgb } from 'd3-color';
import { barChart, color, escapeXml, lineChart, palette, parallelChart, scatterChart, tickLabel } from './index';

/** The x of every rect (bar) and the x1/x2 of every whisker line, in order. */
const rects = (svg: string) => [...svg.matchAll(/<rect x="([\d.-]+)" y="[\d.-]+" width="([\d.-]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
const texts = (svg: string) => [...svg.matchAll(/>([^<>]+)<\/text>/g)].map((m) => m[1]);

describe('escapeXml and tickLabel', () => {
  it('escapes every XML special character', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
  it('writes tiny and huge ticks in exponent form, the rest plainly', () => {
    expect([0, 0.5, 1234, 1e-5, 2e6].map(tickLabel)).toEqual(['0', '0.5', '1230', '1e-5', '2e6']);
  });
});

describe('lineChart', () => {
  it('leaves non-finite points out of the line (a gap), labels a log axis by decades and draws the marks', () => {
    const svg = lineChart([{ name: 'loss <smoothed>', points: [[1e-6, 2], [1e-4, Number.NaN], [1e-3, 1.5], [1e-1, 1]] }], {
      xLabel: 'lr',
      yLabel: 'loss',
      xLog: true,
      marks: [{ x: 1e-3, y: 1.5, label: 'valley' }],
    });
    const d = /<path d="([^"]+)" fill="none" stroke="#1f77b4"/.exec(svg)![1]!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(['1e-6', '1e-5', '1e-4', '0.001', '0.01', '0.1', 'valley']));
    expect(svg).toContain('<title>loss &lt;smoothed&gt;</title>');
    expect(svg).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="5" fill="#d62728"\/>/);
  });
});

describe('barChart', () => {
  it('starts linear bars a little below the lowest value, so close values still differ', () => {
    const svg = barChart([{ label: 'a', value: 0.95 }, { label: 'b', value: 0.94 }], { xLabel: 'accuracy' });
    const [a, b] = rects(svg);
    expect(a![0]).toBe(b![0]);
    expect(a![1] / b![1]).toBeGreaterThan(1.05);
  });

  it('on a log axis with a baseline, grows bars right of it when above and left when below, with whiskers', () => {
    const svg = barChart(
      [
        { label: 'better', value: 2, low: 1.5, high: 3 },
        { label: 'worse', value: 0.5, low: 0.4, high: 0.7 },
      ],
      { log: true, baseline: 1, tick: (v) => `${v}x` },
    );
    const dashed = /<line x1="([\d.]+)" x2="\1" [^>]*stroke-dasharray/.exec(svg);
    const one = Number(dashed![1]);
    const [better, worse] = rects(svg);
    expect(better![0]).toBeCloseTo(one, 1);
    expect(worse![0] + worse![1]).toBeCloseTo(one, 1);
    // Log scale: 2x and 0.5x are the same distance from 1x.
    expect(better![1]).toBeCloseTo(worse![1], 0);
    expect(svg.match(/<line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="\1" stroke="#000"\/>/g)).toHaveLength(2);
    // The axis is padded to whole powers of ten.
    expect(texts(svg)).toEqual(expect.arrayContaining(['0.1x', '1x', '10x']));
  });

  it('writes the empty text, and nothing else in the plot, when there are no bars', () => {
    const svg = barChart([], { title: 'ratios', empty: 'nothing measured' });
    expect(texts(svg)).toEqual(['ratios', 'nothing measured']);
    expect(rects(svg)).toHaveLength(0);
  });
});

describe('palette', () => {
  /** CIE76 distance between two colours in Lab. */
  const lab = (hex: string) => {
    const c = rgb(hex);
    const l = hcl(c);
    return [l.l, l.c * Math.cos((l.h * Math.PI) / 180), l.c * Math.sin((l.h * Math.PI) / 180)];
  };
  it('gives every one of 15 and of 40 trials its own colour, no two alike', () => {
    for (const n of [15, 40]) {
      const colours = palette(n);
      expect(new Set(colours).size).toBe(n);
      let closest = Infinity;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) closest = Math.min(closest, Math.hypot(...lab(colours[i]!).map((v, k) => v - lab(colours[j]!)[k]!)));
      // 2.3 is a just-noticeable difference; these are far above it.
      expect(closest).toBeGreaterThan(n === 15 ? 15 : 6);
    }
  });
  it('is Tableau 10 up to 10', () => {
    expect(palette(3)).toEqual([color(0), color(1), color(2)]);
  });
});

describe('scatterChart', () => {
  it('places categories evenly, marks crosses and circles with their ids and hover text', () => {
    const svg = scatterChart(
      [
        { x: 'cosine', y: 0.9, id: 'a', title: 'trial a' },
        { x: 'step', y: 0.8, id: 'b', shape: 'cross', title: 'trial b <pruned>' },
      ],
      { xLabel: 'schedule', yLabel: 'accuracy', categories: ['cosine', 'step'] },
    );
    expect(texts(svg)).toEqual(expect.arrayContaining(['cosine', 'step', 'schedule', 'accuracy']));
    expect(svg).toMatch(/<circle class="mark" [^>]*data-id="a"><title>trial a<\/title>/);
    expect(svg).toMatch(/<path class="mark cross" d="M[\d. LM]+" [^>]*data-id="b"><title>trial b &lt;pruned&gt;<\/title>/);
  });
  it('on a log x axis puts 1e-4..1e-1 a decade apart, evenly', () => {
    const svg = scatterChart([1e-4, 1e-3, 1e-2, 1e-1].map((x, i) => ({ x, y: i, id: String(i) })), { xLabel: 'lr', yLabel: 'f1', xLog: true });
    const xs = [...svg.matchAll(/<circle class="mark" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[3]! - xs[2]!, 0);
    expect(texts(svg)).toEqual(expect.arrayContaining(['1e-4', '0.001', '0.01', '0.1']));
  });
});

describe('parallelChart', () => {
  it('draws one line per row through every axis, leaving out a value the axis cannot place', () => {
    const svg = parallelChart(
      [{ label: 'lr', log: true }, { label: 'schedule', categories: ['a', 'b'] }, { label: 'f1' }],
      [
        { values: [0.01, 'a', 0.9], id: 't1', color: '#123456' },
        { values: [0.1, 'c', 0.8], id: 't2' },
      ],
    );
    const d = (id: string) => new RegExp(`<path d="([^"]*)" [^>]*data-id="${id}"`).exec(svg)![1]!;
    expect(d('t1').match(/[ML]/g)).toHaveLength(3);
    // 'c' is not a category: the line breaks there (two pieces, one point each).
    expect(d('t2').match(/M/g)).toHaveLength(2);
    expect(svg).toContain('stroke="#123456"');
  });
});
