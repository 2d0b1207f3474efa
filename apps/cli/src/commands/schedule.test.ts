import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { GracefulStop, TempFiles } from '../shutdown';
import { readMetrics, register, runSchedule, type ScheduleOptions } from './schedule';
import { formatSchedules, register as registerList } from './schedulers';
import { createRegistry, ScheduleRegistry } from '@lrkit/schedulers';

const base: ScheduleOptions = { spec: '{"type":"step","stepSize":2,"gamma":0.5}', steps: 4, lr: [0.1, 0.01], format: 'json' };

describe('lrkit schedule', () => {
  it('prints N+1 rows of rates as JSON', async () => {
    const out = JSON.parse(await runSchedule(base)) as { lrs: number[][]; momentum?: unknown };
    expect(out.lrs).toEqual([[0.1, 0.01], [0.1, 0.01], [0.05, 0.005], [0.05, 0.005], [0.025, 0.0025]]);
    expect(out.momentum).toBeUndefined();
  });

  it('adds momentum only where the schedule cycles it', async () => {
    const out = JSON.parse(await runSchedule({ ...base, spec: '{"type":"one-cycle","maxLr":0.1,"totalSteps":4}', momentum: [0.9] })) as { lrs: number[][]; momentum: number[][] };
    expect(out.momentum).toHaveLength(5);
    expect(out.momentum[0]).toEqual([0.95, 0.95]);
  });

  it('feeds --metrics to reduce-on-plateau, inline or from a file, naming bad lines', async () => {
    const spec = '{"type":"reduce-on-plateau","patience":0,"factor":0.5}';
    const inline = JSON.parse(await runSchedule({ ...base, spec, steps: 3, lr: [1], metrics: '1,2,3' })) as { lrs: number[][] };
    expect(inline.lrs.map((r) => r[0])).toEqual([1, 1, 0.5, 0.25]);
    const dir = mkdtempSync(join(tmpdir(), 'lrkit-schedule-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'm.txt'), '1\n2\nthree\n');
    expect(() => readMetrics(join(dir, 'm.txt'))).toThrow(/--metrics: .*m\.txt line 3: 'three' is not a number/);
    writeFileSync(join(dir, 'ok.txt'), '1\n2, 3\n');
    expect(readMetrics(join(dir, 'ok.txt'))).toEqual([1, 2, 3]);
    await expect(runSchedule({ ...base, spec, steps: 3, lr: [1] })).rejects.toThrow(/metrics: the schedule contains reduce-on-plateau/);
  });

  it('names --steps when the run is longer than the schedule allows', async () => {
    const spec = '{"type":"one-cycle","maxLr":0.1,"totalSteps":10}';
    await expect(runSchedule({ ...base, spec, steps: 20, lr: [1] })).rejects.toThrow(
      /^--steps: the run steps the schedule 20 times, but the schedule allows at most 10 \(schedule\.totalSteps\)$/,
    );
    expect(JSON.parse(await runSchedule({ ...base, spec, steps: 10, lr: [1] })).lrs).toHaveLength(11);
  });

  it('fills the lengths a spec leaves out from --steps, and refuses one that no step count fills', async () => {
    const left = await runSchedule({ ...base, spec: '{"type":"cosine-annealing","etaMin":0.01}', steps: 6 });
    expect(left).toBe(await runSchedule({ ...base, spec: '{"type":"cosine-annealing","etaMin":0.01,"tMax":6}', steps: 6 }));
    await expect(runSchedule({ ...base, spec: '{"type":"cosine-annealing"}', steps: 0 })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^schedule\.tMax: is left out, and the run leaves it 0 .*give it in the spec/),
    });
  });

  it('parses the spec once, for the length check and the preview', async () => {
    // Every parse of a spec is a registry's compile (the schedulers package's own tests hold that).
    const compiles = vi.spyOn(ScheduleRegistry.prototype, 'compile');
    try {
      await runSchedule({ ...base, spec: '{"type":"one-cycle","maxLr":0.1,"totalSteps":10}', steps: 10 });
      expect(compiles).toHaveBeenCalledTimes(1);
    } finally {
      compiles.mockRestore();
    }
  });

  it('renders csv, ascii and svg', async () => {
    expect((await runSchedule({ ...base, format: 'csv' })).split('\n')[0]).toBe('step,lr0,lr1');
    const ascii = await runSchedule({ ...base, spec: '{"type":"cosine-annealing","tMax":20}', steps: 20, lr: [1], format: 'ascii' });
    expect(ascii).toContain('*');
    expect(ascii.split('\n').length).toBeGreaterThan(16);
    const svg = await runSchedule({ ...base, format: 'svg' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path d="M/g)).toHaveLength(3);
  });

  it('refuses bad input with exitCode 2 and the field named', async () => {
    await expect(runSchedule({ ...base, spec: '{"type":"step","stepSize":2,"gama":0.5}' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/schedule\.gama: unknown option \(did you mean 'gamma'\?\)/) });
    await expect(runSchedule({ ...base, spec: '{"type":' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^--spec: invalid JSON/) });
    await expect(runSchedule({ ...base, plugin: ['./no-such-plugin.js'] })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^--plugin \.\/no-such-plugin\.js: cannot import/) });
    await expect(runSchedule({ ...base, momentum: [0.9, 0.8, 0.7] })).rejects.toMatchObject({ exitCode: 2 });
  });

  it('parses its flags through commander and writes --out atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrkit-schedule-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const program = new Command('lrkit').exitOverride();
    const temp = new TempFiles();
    register(program, { temp, graceful: new GracefulStop() });
    await program.parseAsync(['schedule', '--spec', '{"type":"exponential","gamma":0.5}', '--steps', '2', '--lr', '1', '--format', 'csv', '--out', join(dir, 'o.csv')], { from: 'user' });
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toBe('step,lr0\n0,1\n1,0.5\n2,0.25\n');
    expect(readdirSync(dir)).toEqual(['o.csv']);
    expect(temp.list()).toEqual([]); // registered while written, gone once renamed
    await expect(program.parseAsync(['schedule', '--spec', '{}', '--steps', '2', '--lr', '0.1,x'], { from: 'user' })).rejects.toThrow(/--lr must be rates >= 0 separated by commas, got 'x'/);
    // Decimal literals only, as in every numeric flag: 0x10 is not 16.
    await expect(program.parseAsync(['schedule', '--spec', '{}', '--steps', '2', '--lr', '0x10'], { from: 'user' })).rejects.toThrow(/--lr must be rates >= 0 separated by commas, got '0x10'/);
  });

  it('bounds what it computes and reads before it starts: --steps, --spec and --metrics files', async () => {
    // Without the bounds each of these ran out of memory (a V8 heap abort or std::bad_alloc).
    await expect(runSchedule({ ...base, lr: [0.1], steps: 2_000_000_000 })).rejects.toMatchObject({
      exitCode: 2,
      message: '--steps: 2000000000 steps would be 2000000001 rates, more than the 1000000 a preview computes (about 260 bytes each in memory); ask for fewer steps',
    });
    await expect(runSchedule({ ...base, steps: 499_999, lr: [0.1, 0.2, 0.3] })).rejects.toThrow(/^--steps: 499999 steps for 3 param groups would be 1500000 rates/);
    await expect(runSchedule({ ...base, spec: '/dev/zero' })).rejects.toMatchObject({ exitCode: 2, message: '--spec file is a device: /dev/zero' });
    await expect(runSchedule({ ...base, spec: '{"type":"reduce-on-plateau"}', metrics: '/dev/zero' })).rejects.toMatchObject({ exitCode: 2, message: '--metrics file is a device: /dev/zero' });
    await expect(runSchedule({ ...base, plugin: ['/dev/zero'] })).rejects.toMatchObject({ exitCode: 2, message: '--plugin module is a device: /dev/zero' });
  });

  it('checks --out before computing: a directory that takes no file is refused up front', async () => {
    const program = new Command('lrkit').exitOverride();
    register(program, { temp: new TempFiles(), graceful: new GracefulStop() });
    await expect(program.parseAsync(['schedule', '--spec', '{"type":"step","stepSize":2}', '--steps', '2', '--out', '/proc/rates.json'], { from: 'user' })).rejects.toThrow(
      /^--out: cannot create a file in the directory '\/proc'/,
    );
  });
});

describe('lrkit schedulers', () => {
  it('lists every schedule with options and defaults', () => {
    const text = formatSchedules(createRegistry().list());
    expect(text).toMatch(/^step {2}\(interval epoch\)/m);
    expect(text).toMatch(/^ {4}gamma +number +default 0\.1/m);
    expect(text).toMatch(/^lambda {2}\(interval epoch, programmatic only\)/m);
    expect(text).toMatch(/^one-cycle {2}\(interval step\)/m);
    const program = new Command('lrkit').exitOverride();
    registerList(program);
    expect(program.commands.map((c) => c.name())).toEqual(['schedulers']);
  });
});
