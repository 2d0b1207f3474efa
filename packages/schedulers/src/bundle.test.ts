// The main entry is tree-shakeable and runtime-neutral (issue #13): bundled with esbuild as an app would
// be, a registry of two schedules carries only those two, and the whole package runs in a bare
// JavaScript context (no process, no require, no Node built-ins), as in a browser, Deno or Bun.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { buildSync, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from './index.js';

const dist = join(__dirname, '..', 'dist', 'index.js');
const hasDist = existsSync(dist);
if (!hasDist) console.warn('skipping the bundle tests: dist/index.js is missing (run the package build first)');

/** Bundle `code` (importing '@lrkit/schedulers' from dist) as an app would: minified, for browsers. */
function bundle(code: string, extra: BuildOptions = {}): { text: string; bytes: number; gzipped: number } {
  const r = buildSync({
    stdin: { contents: code, resolveDir: __dirname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    alias: { '@lrkit/schedulers': dist },
    ...extra,
  });
  const bytes = r.outputFiles![0]!.contents;
  return { text: Buffer.from(bytes).toString('utf8'), bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

// The app of the README's size table: a registry of step and cosine-annealing only.
export const SMALL_APP = `import { ScheduleRegistry, stepSchedule, cosineAnnealingSchedule } from '@lrkit/schedulers';
const registry = new ScheduleRegistry([stepSchedule, cosineAnnealingSchedule]);
const optimizer = { paramGroups: [{ lr: 0.1 }] };
const scheduler = registry.createScheduler({ type: 'cosine-annealing', tMax: 10 }, optimizer);
scheduler.step();
globalThis.result = optimizer.paramGroups[0].lr;`;

describe.skipIf(!hasDist)('bundles', () => {
  it('an app using step and cosine-annealing carries no other schedule', () => {
    const small = bundle(SMALL_APP);
    const whole = bundle("export * from '@lrkit/schedulers';");
    const byDefault = bundle("import { createScheduler } from '@lrkit/schedulers'; createScheduler({ type: 'step', stepSize: 2 }, { paramGroups: [{ lr: 0.1 }] }).step();");
    // Each built-in's description is a marker of its code being in the bundle.
    for (const s of defaultRegistry.list()) {
      const kept = s.name === 'step' || s.name === 'cosine-annealing';
      expect(small.text.includes(s.description), `${s.name} ${kept ? 'missing from' : 'carried by'} the small app`).toBe(kept);
      expect(whole.text.includes(s.description), `${s.name} in the whole package`).toBe(true);
      // createScheduler's default registry holds every built-in, so it carries them all.
      expect(byDefault.text.includes(s.description), `${s.name} with the default registry`).toBe(true);
    }
    console.log(`bundle sizes (esbuild, minified + gzip -9): step + cosine-annealing app ${small.gzipped} B (${small.bytes} B minified); whole package ${whole.gzipped} B (${whole.bytes} B minified); createScheduler with the default registry ${byDefault.gzipped} B (${byDefault.bytes} B minified)`);
    expect(small.gzipped).toBeLessThan(whole.gzipped / 2);
  });

  it('the app runs as bundled', () => {
    const { text } = bundle(SMALL_APP, { format: 'iife' });
    const context: { result?: number } = {};
    runInNewContext(text, context);
    expect(context.result).toBeCloseTo(0.1 * (1 + Math.cos(Math.PI / 10)) / 2, 15);
  });

  it('the main entry runs with no Node built-ins, process or require (browser, Deno, Bun)', () => {
    const { text } = bundle(
      `import * as lr from '@lrkit/schedulers';
       const spec = { type: 'sequential', milestones: [3], schedulers: [{ type: 'linear', startFactor: 0.1, totalIters: 3 }, { type: 'one-cycle', maxLr: 0.1, totalSteps: 20 }] };
       const p = lr.preview(spec, { steps: 10, lrs: [0.1] });
       globalThis.out = { csv: lr.renderPreview(p, 'csv'), svg: lr.renderPreview(p, 'svg').length, schema: Object.keys(lr.specJsonSchema().definitions).length };`,
      { format: 'iife' },
    );
    expect(text).not.toMatch(/getBuiltinModule|require\(|node:/);
    const context: { out?: { csv: string; svg: number; schema: number } } = {};
    // A context with the language's globals only: no process, require, Buffer or module.
    runInNewContext(text, context);
    expect(context.out!.csv.split('\n')).toHaveLength(12 + 1);
    expect(context.out!.svg).toBeGreaterThan(500);
    expect(context.out!.schema).toBeGreaterThan(20);
  });
});
