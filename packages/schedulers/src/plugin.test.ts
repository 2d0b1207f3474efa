import { describe, expect, it } from 'vitest';
import { createRegistry, createScheduler, definePlugin, PluginContractError, preview } from './index.js';

/** A plugin written against the contract only: rate halves every `every` steps. */
const halving = definePlugin<{ every: number }>({
  name: 'halving',
  apiVersion: 1,
  parse(options) {
    const o = options as { every?: unknown };
    if (typeof o.every !== 'number' || o.every < 1) throw new Error('every: expected a number >= 1');
    return { every: o.every };
  },
  create(options, groups) {
    const out = groups.map((g) => g.baseLr);
    return {
      lr(step) {
        groups.forEach((g, i) => (out[i] = g.baseLr * 0.5 ** Math.floor(step / options.every)));
        return out;
      },
    };
  },
});

/** A stateful plugin (it counts metric improvements). */
const counting = definePlugin<Record<string, never>>({
  name: 'counting',
  apiVersion: 1,
  parse: () => ({}),
  create(_o, groups) {
    let best = Infinity;
    let cuts = 0;
    return {
      lr(_step, metric) {
        if (metric !== undefined && metric >= best) cuts++;
        if (metric !== undefined) best = Math.min(best, metric);
        return groups.map((g) => g.baseLr / (1 + cuts));
      },
      state: () => ({ best: best === Infinity ? null : best, cuts }),
      load(s) {
        const st = s as { best: number | null; cuts: number };
        best = st.best ?? Infinity;
        cuts = st.cuts;
      },
    };
  },
});

describe('plugin contract v1', () => {
  it('runs a plugin alone', () => {
    const r = createRegistry();
    r.register(halving);
    const p = preview({ type: 'halving', every: 2 }, { steps: 5, lrs: [0.8, 0.4] }, r);
    expect(p.lrs).toEqual([[0.8, 0.4], [0.8, 0.4], [0.4, 0.2], [0.4, 0.2], [0.2, 0.1], [0.2, 0.1]]);
  });

  it('runs a plugin inside sequential (its step restarts at 0) and chained (later factors multiply)', () => {
    const r = createRegistry();
    r.register(halving);
    const seq = preview({ type: 'sequential', milestones: [2], schedulers: [{ type: 'constant-factor', factor: 0.5, totalIters: 2 }, { type: 'halving', every: 1 }] }, { steps: 4, lrs: [1] }, r);
    expect(seq.lrs).toEqual([[0.5], [0.5], [1], [0.5], [0.25]]);
    const ch = preview({ type: 'chained', schedulers: [{ type: 'halving', every: 2 }, { type: 'constant-factor', factor: 0.5, totalIters: 10 }] }, { steps: 2, lrs: [1] }, r);
    expect(ch.lrs).toEqual([[0.5], [1], [0.5]]);
  });

  it('passes parse errors to the user with the field path', () => {
    const r = createRegistry();
    r.register(halving);
    expect(() => createScheduler({ type: 'chained', schedulers: [{ type: 'halving', every: 0 }] }, { paramGroups: [{ lr: 1 }] }, r)).toThrow(
      /^schedule\.schedulers\[0\]: every: expected a number >= 1$/,
    );
  });

  it('refuses duplicate names and malformed plugins', () => {
    const r = createRegistry();
    r.register(halving);
    expect(() => r.register(halving)).toThrow(/already registered/);
    expect(() => r.register({ ...halving, name: 'step' })).toThrow(PluginContractError);
    expect(() => r.register({ ...halving, name: 'x', apiVersion: 2 as 1 })).toThrow(/unsupported apiVersion 2/);
    expect(() => r.register({ name: 'y', apiVersion: 1 } as never)).toThrow(/'parse' must be a function/);
  });

  it('catches a plugin that returns the wrong number of rates or a non-finite one', () => {
    const r = createRegistry();
    r.register(definePlugin({ name: 'bad', apiVersion: 1, parse: () => ({}), create: () => ({ lr: (k: number) => (k === 0 ? [1] : [NaN]) }) }));
    expect(() => createScheduler({ type: 'bad' }, { paramGroups: [{ lr: 1 }, { lr: 2 }] }, r)).toThrow(/lr\(0\) must return 2 rates/);
    const s = createScheduler({ type: 'bad' }, { paramGroups: [{ lr: 1 }] }, r);
    expect(() => s.step()).toThrow(/lr\(1\)\[0\] is NaN: a rate must be a finite number >= 0/);
  });

  it('refuses a negative rate (it would train by gradient ascent) and shows what a plugin threw that is not an Error', () => {
    const r = createRegistry();
    r.register(definePlugin({ name: 'ascent', apiVersion: 1, parse: () => ({}), create: () => ({ lr: () => [-0.5] }) }));
    expect(() => createScheduler({ type: 'ascent' }, { paramGroups: [{ lr: 1 }] }, r)).toThrow(/^scheduler plugin 'ascent': lr\(0\)\[0\] is -0\.5: a rate must be a finite number >= 0$/);
    const throwing = (what: unknown) =>
      definePlugin({
        name: 'throws',
        apiVersion: 1,
        parse: () => ({}),
        create: () => ({
          lr: () => {
            throw what;
          },
        }),
      });
    const thrown = (what: unknown) => {
      const r2 = createRegistry();
      r2.register(throwing(what));
      try {
        createScheduler({ type: 'throws' }, { paramGroups: [{ lr: 1 }] }, r2);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(thrown({ code: 'E_PLUGIN', detail: 7 })).toMatchObject({ exitCode: 2, message: `scheduler plugin 'throws': lr(0) threw {"code":"E_PLUGIN","detail":7} (a plugin should throw an Error)` });
    expect(String((thrown('x'.repeat(1e6)) as Error).message)).toMatch(/^scheduler plugin 'throws': lr\(0\) threw "x{60}"… \(1000000 characters\)/);
    // An Error passes through as the plugin author wrote it.
    const own = new TypeError('mine');
    expect(thrown(own)).toBe(own);
    const parsing = createRegistry();
    parsing.register(
      definePlugin({
        name: 'p',
        apiVersion: 1,
        parse: () => {
          throw { why: 'no' };
        },
        create: () => ({ lr: () => [1] }),
      }),
    );
    expect(() => createScheduler({ type: 'p' }, { paramGroups: [{ lr: 1 }] }, parsing)).toThrow(/the plugin's parse\(\) threw \{"why":"no"\}/);
  });

  it('saves and restores plugin state', () => {
    const r = createRegistry();
    r.register(counting);
    const metrics = [3, 2, 2, 4, 1, 1];
    const run = (stop: number) => {
      const o = { paramGroups: [{ lr: 1 }] };
      let s = createScheduler({ type: 'counting' }, o, r);
      const rows = [o.paramGroups[0]!.lr];
      metrics.forEach((m, i) => {
        if (i === stop) {
          const saved = JSON.parse(JSON.stringify(s.stateDict())) as unknown;
          s = createScheduler({ type: 'counting' }, o, r);
          s.loadStateDict(saved);
        }
        s.step(m);
        rows.push(o.paramGroups[0]!.lr);
      });
      return rows;
    };
    expect(run(3)).toEqual(run(-1));
    expect(run(-1)).toEqual([1, 1, 1, 0.5, 1 / 3, 1 / 3, 0.25]);
  });

  it('lists plugins with their docs', () => {
    const r = createRegistry();
    r.register({ ...halving, description: 'halves', options: [{ name: 'every', type: 'integer', required: true }] });
    const info = r.list().find((i) => i.name === 'halving')!;
    expect(info).toMatchObject({ source: 'plugin', description: 'halves', interval: 'epoch' });
    expect(info.options[0]!.name).toBe('every');
  });
});

/** The same schedule as `halving`, its options declared once with the built-ins' field schema. */
const halvingSchema = [
  { name: 'every', type: 'integer', required: true, min: 1, description: 'steps per halving' },
  { name: 'factor', type: 'number', default: 0.5, above: 0, below: 1, description: 'multiplier at each halving' },
] as const;
const declared = definePlugin({
  name: 'halving2',
  apiVersion: 1,
  schema: halvingSchema,
  create(o, groups) {
    // o is typed from the schema: { every: number; factor: number }, the default filled in.
    const out = groups.map((g) => g.baseLr);
    return {
      lr(step) {
        groups.forEach((g, i) => (out[i] = g.baseLr * o.factor ** Math.floor(step / o.every)));
        return out;
      },
    };
  },
});

describe('plugin options declared with a schema', () => {
  const registry = () => {
    const r = createRegistry();
    r.register(declared);
    return r;
  };

  it('validates, fills defaults and runs like the v1 plugin', () => {
    expect(preview({ type: 'halving2', every: 2 }, { steps: 5, lrs: [0.8, 0.4] }, registry()).lrs).toEqual(preview({ type: 'halving', every: 2 }, { steps: 5, lrs: [0.8, 0.4] }, (() => {
      const r = createRegistry();
      r.register(halving);
      return r;
    })()).lrs);
    const err = (spec: unknown) => () => createScheduler(spec, { paramGroups: [{ lr: 1 }] }, registry());
    expect(err({ type: 'halving2', evry: 2 })).toThrow(/^schedule\.evry: unknown option \(did you mean 'every'\?\); valid options: every, factor$/);
    expect(err({ type: 'halving2' })).toThrow(/^schedule\.every: is required \(steps per halving\)$/);
    expect(err({ type: 'halving2', every: 2, factor: 1 })).toThrow(/^schedule\.factor: must be < 1, got 1$/);
    expect(err(JSON.parse('{"type":"halving2","every":2,"__proto__":{"factor":0.9}}'))).toThrow(/^schedule\.__proto__: unknown option/);
  });

  it('documents the options from the same declaration', () => {
    expect(registry().list().find((s) => s.name === 'halving2')!.options).toEqual([
      { name: 'every', type: 'integer', required: true, description: 'steps per halving' },
      { name: 'factor', type: 'number', default: 0.5, description: 'multiplier at each halving' },
    ]);
  });

  it('calls parse, if given, with the validated options (checks between options)', () => {
    const r = createRegistry();
    r.register({
      ...declared,
      name: 'halving3',
      parse(o: unknown) {
        const opts = o as { every: number; factor: number };
        if (opts.every > 10 && opts.factor < 0.1) throw new Error('factor: too small for every > 10');
        return opts;
      },
    });
    expect(() => createScheduler({ type: 'halving3', every: 11, factor: 0.01 }, { paramGroups: [{ lr: 1 }] }, r)).toThrow(/^schedule: factor: too small/);
    expect(() => createScheduler({ type: 'halving3', every: 11 }, { paramGroups: [{ lr: 1 }] }, r)).not.toThrow();
  });

  it('refuses a broken schema at registration, naming the field', () => {
    const reg = (schema: unknown) => () => createRegistry().register({ ...declared, schema } as never);
    expect(reg([{ name: 'x', type: 'spec', description: 'd' }])).toThrow(/scheduler plugin 'halving2': schema\[0\]\.type must be one of number, integer/);
    expect(reg([{ name: 'type', type: 'number', description: 'd' }])).toThrow(/schema\[0\]\.name must be an identifier other than type/);
    expect(reg([{ name: 'x', type: 'number' }])).toThrow(/schema\[0\]\.description must be a string/);
    expect(reg([{ name: 'x', type: 'number', min: 0, default: -1, description: 'd' }])).toThrow(/schema\[0\]\.default does not pass its own field: schema\[0\]\.default: must be >= 0, got -1/);
    expect(reg([{ name: 'x', type: 'enum', description: 'd' }])).toThrow(/schema\[0\]\.values must be a non-empty array/);
    expect(reg([{ name: 'x', type: 'number', description: 'd' }, { name: 'x', type: 'number', description: 'd' }])).toThrow(/option 'x' is declared twice/);
    expect(() => createRegistry().register({ name: 'p', apiVersion: 1, create: () => ({ lr: () => [1] }) } as never)).toThrow(/'parse' must be a function .* \(or declare the options with 'schema'\)/);
  });
});
