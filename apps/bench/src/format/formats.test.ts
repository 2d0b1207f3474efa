import { describe, expect, it } from 'vitest';
import type { BenchDocument } from '../types';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSvg } from './svg';
import { renderTable } from './table';

function doc(): BenchDocument {
  return {
    machine: {
      cpuModel: 'Test CPU <x&y>',
      cores: 2,
      nodeVersion: 'v20.0.0',
      platform: 'linux',
      arch: 'x64',
      date: '2026-11-24T08:00:00.000Z',
      loadAverage: [0.5, 0.4, 0.3],
      python: { path: '/usr/bin/python3', torch: '1.13.0', threads: 1 },
    },
    command: 'lrkit-bench --quick',
    options: { suites: ['seed'], backends: ['wasm'], skippedBackends: [], quick: true, warmup: 1, repeats: 3, mlpSizes: [784, 10], mlpBatch: 256, threads: 1 },
    results: [
      {
        suite: 'seed',
        impl: 'lrkit/wasm',
        metric: 'training loop',
        value: 200,
        unit: 'ms',
        min: 190,
        max: 230,
        samples: 3,
        better: 'lower',
        status: 'ok',
        ratios: [
          { vs: 'pytorch/cpu', median: 1.3, min: 1.1, max: 1.4, pairs: 3 },
          { vs: 'tfjs-layers/wasm', median: 7, min: 6, max: 8, pairs: 3 },
        ],
      },
      { suite: 'seed', impl: 'pytorch/cpu', metric: 'training loop', value: 260, unit: 'ms', min: 250, max: 270, samples: 3, status: 'ok' },
      { suite: 'seed', impl: 'lrkit/cuda', metric: 'training loop', value: null, unit: 'ms', status: 'unavailable', reason: 'no GPU | no driver' },
      {
        suite: 'seed',
        impl: 'lrkit/cpu',
        metric: 'training loop',
        value: 900,
        unit: 'ms',
        min: 800,
        max: 1000,
        status: 'ok',
        ratios: [{ vs: 'pytorch/cpu', median: 0.3, min: 0.25, max: 0.35, pairs: 3 }],
      },
    ],
    targets: [{ suite: 'seed', target: 'faster than PyTorch', status: 'met', detail: '1.3x' }],
  };
}

/** A small well-formedness check: every tag closes in order, attributes are quoted, no bare & or <. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const text = xml.slice(last, m.index);
    expect(text).not.toMatch(/<|&(?!(amp|lt|gt|quot|apos);)/);
    last = tag.lastIndex;
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(xml.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

describe('renderJson', () => {
  it('prints one document with machine and results rows holding suite, impl, metric, value, unit', () => {
    const parsed = JSON.parse(renderJson(doc())) as BenchDocument;
    expect(parsed.machine.cpuModel).toBe('Test CPU <x&y>');
    expect(parsed.results).toHaveLength(4);
    for (const r of parsed.results) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['suite', 'impl', 'metric', 'value', 'unit', 'status']));
    }
    expect(parsed.results[0]!.ratios![0]).toEqual({ vs: 'pytorch/cpu', median: 1.3, min: 1.1, max: 1.4, pairs: 3 });
    expect(parsed.results[2]!.reason).toBe('no GPU | no driver');
  });
});

describe('renderMarkdown', () => {
  it('is a table with one line per row, pipes escaped, and the command', () => {
    const md = renderMarkdown(doc());
    const lines = md.split('\n').filter((l) => l.startsWith('|'));
    expect(lines).toHaveLength(2 + 4);
    const cols = (l: string) => l.split(/(?<!\\)\|/).length;
    for (const l of lines) expect(cols(l)).toBe(cols(lines[0]!));
    expect(md).toContain('not available: no GPU \\| no driver');
    expect(md).toContain('`lrkit-bench --quick`');
    expect(md).toContain('1.30x vs pytorch/cpu [1.10..1.40]');
    expect(md).toContain('- MET: [seed] faster than PyTorch (1.3x)');
  });
});

describe('renderTable', () => {
  it('shows every row, the reason of a row that did not run, and the targets', () => {
    const t = renderTable(doc());
    expect(t).toContain('lrkit/cuda');
    expect(t).toContain('not available: no GPU | no driver');
    expect(t).toContain('MET: [seed] faster than PyTorch');
  });

  it('fits 120 columns, long metrics, notes and ratios wrapped; --wide keeps the ratio column', () => {
    const d = doc();
    const long = 'a metric name as long as the mlp suite writes them: 784-512-512-10, batch 256 (fp32)';
    d.results = d.results.map((r) => ({ ...r, metric: long, ...(r.reason ? { reason: `${r.reason} `.repeat(30) } : {}) }));
    d.machine.cpuModel = 'A CPU model string that, with the rest of the machine line, runs past the width '.repeat(2);
    const narrow = renderTable(d).split('\n');
    expect(Math.max(...narrow.map((l) => l.length))).toBeLessThanOrEqual(120);
    // The ratios, under their row, and every word of the metric and the note are still there.
    expect(narrow.join(' ')).toContain('1.30x vs pytorch/cpu [1.10..1.40]; 7.00x vs tfjs-layers/wasm [6.00..8.00]');
    const words = narrow.join(' ').split(/\s+/);
    for (const w of long.split(' ')) expect(words).toContain(w);
    const wide = renderTable(d, { wide: true }).split('\n');
    expect(wide.find((l) => l.startsWith('suite'))).toContain('ratio, > 1x: this row better');
    expect(wide.find((l) => l.startsWith('seed') && l.includes('lrkit/wasm'))).toContain('1.30x vs pytorch/cpu');
    expect(Math.max(...wide.map((l) => l.length))).toBeGreaterThan(120);
  });
});

describe('renderSvg', () => {
  it('is well-formed XML with one bar per ratio and escaped text', () => {
    const svg = renderSvg(doc());
    assertWellFormedXml(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Test CPU &lt;x&amp;y&gt;');
    expect(svg.match(/<rect /g)).toHaveLength(1 + 3);
    // A ratio below 1 is drawn in the "worse" colour, above 1 in the "better" one.
    expect(svg.match(/fill="#c62828"/g)).toHaveLength(1);
    expect(svg.match(/fill="#2f7d32"/g)).toHaveLength(2);
  });
  it('says so when there is no ratio to draw', () => {
    const d = doc();
    d.results = d.results.map((r) => ({ ...r, ratios: undefined }));
    const svg = renderSvg(d);
    assertWellFormedXml(svg);
    expect(svg).toContain('no ratios were measured');
  });
});
