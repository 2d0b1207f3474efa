// `lrkit lr-find` end to end: the curve as JSON, the terminal plot, the SVG, bad flags.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SUGGEST_METHODS } from '@lrkit/train';
import { expectedAutoBackend, fixtureDir, hasStackTrace, lines, lrkit } from '../test-support';
import { suggestMethods } from './lr-find';

const fx = fixtureDir('lrkit-cli-lrfind-');
afterAll(() => fx.remove());

describe('lrkit lr-find', () => {
  it('--json: the whole smoothed curve, the valley suggestion inside it, the settings', async () => {
    const r = lrkit(['lr-find', '--json', '--seed', '3']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(lines(r.stdout)[0]!) as Record<string, unknown> & { lrs: number[]; losses: number[]; suggestion: number };
    expect(out.method).toBe('valley');
    expect(out.lrs.length).toBe(out.losses.length);
    expect(out.lrs[0]).toBe(1e-7);
    expect(out.lrs.length).toBeLessThanOrEqual(100);
    expect(out.suggestion).toBeGreaterThan(out.lrs[0]!);
    expect(out.suggestion).toBeLessThan(out.lrs.at(-1)!);
    expect(out).toMatchObject({ optimizer: 'adam', batchSize: 32, seed: 3, iterations: 100, startLr: 1e-7, endLr: 10, backend: await expectedAutoBackend() });
    // Same flags, same numbers.
    const again = JSON.parse(lrkit(['lr-find', '--json', '--seed', '3']).stdout) as typeof out;
    expect(again.losses).toEqual(out.losses);
    // Every rule's suggestion from the one curve, the chosen one among them.
    const all = out.suggestions as Record<string, { lr: number; point: { lr: number; loss: number } }>;
    expect(Object.keys(all)).toEqual(SUGGEST_METHODS);
    expect(all.valley!.lr).toBe(out.suggestion);
    expect(all.minimum!.lr).toBeCloseTo(all.minimum!.point.lr / 10, 15);
    expect(out.losses).toContain(all.minimum!.point.loss);
  });

  it('prints a terminal plot and the suggestion; --suggest picks the rule', () => {
    const r = lrkit(['lr-find', '--suggest', 'minimum', '--iterations', '60', '--end-lr', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^LR range test: \d+ of 60 minibatches from 1\.00e-7 to 1\.00e\+0 \(adam, batch 32/m);
    expect(r.stdout).toMatch(/┤/);
    // Every rule marked under the plot, the chosen one said so.
    expect(r.stdout).toMatch(/\^ minimum \d\.\d\de-\d \(suggested\)$/m);
    for (const rule of ['valley', 'slide', 'steep']) expect(r.stdout).toMatch(new RegExp(`\\^ ${rule} \\d\\.\\d\\de-\\d$`, 'm'));
    expect(r.stdout).toMatch(/^Suggested lr \(minimum\): \d\.\d\de-\d$/m);
  });

  it('--format svg --out draws the curve with the suggestion marked', () => {
    const path = `${fx.dir}/curve.svg`;
    const r = lrkit(['lr-find', '--format', 'svg', '--out', path, '--optimizer', 'sgd']);
    expect(r.status, r.stderr).toBe(0);
    const svg = readFileSync(path, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/<circle [^>]*fill="#d62728"/);
    expect(svg).toMatch(/valley: \d\.\d\de-\d \(suggested\)/);
    for (const rule of ['slide', 'minimum', 'steep']) expect(svg).toMatch(new RegExp(`${rule}: \\d\\.\\d\\de-\\d`));
    expect(r.stdout).toMatch(/Wrote .*curve\.svg/);
  });

  it('lists the same suggestion rules as @lrkit/train', () => {
    expect(suggestMethods).toEqual(SUGGEST_METHODS);
  });

  it('bad input: exit 2, one line naming the flag', () => {
    const cases: [string[], RegExp][] = [
      [['--suggest', 'best'], /--suggest must be one of valley, slide, minimum, steep/],
      [['--start-lr', '1', '--end-lr', '0.1'], /--end-lr \(0\.1\) must be above --start-lr \(1\)/],
      [['--iterations', '3'], /--iterations must be at least 6/],
      [['--json', '--format', 'svg'], /--json and --format svg/],
      [['--target', 'radius_mean'], /column 'diagnosis' .* not a finite number/],
    ];
    for (const [args, message] of cases) {
      const r = lrkit(['lr-find', ...args]);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });
});
