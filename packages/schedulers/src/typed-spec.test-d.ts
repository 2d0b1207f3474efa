// Compile-time checks of ScheduleSpec, run by vitest's typecheck (tsc): a `@ts-expect-error` that is not
// needed is itself an error, so each refusal below is proven.
import { describe, expectTypeOf, it } from 'vitest';
import { compileSchedule, createRegistry, createScheduler, type CompiledSchedule, type ScheduleSpec, type ScheduleSpecNode, type SpecOptions, type OptionField } from './index.js';

const optimizer = { paramGroups: [{ lr: 0.1 }] };

describe('ScheduleSpec', () => {
  it('accepts every well-typed spec, nested ones too', () => {
    createScheduler({ type: 'step', stepSize: 3, gamma: 0.5 }, optimizer);
    createScheduler({ type: 'one-cycle', maxLr: [0.1, 0.2], totalSteps: 100, annealStrategy: 'linear', interval: 'step' }, optimizer);
    createScheduler(
      { type: 'sequential', milestones: [5], schedulers: [{ type: 'linear', startFactor: 0.1, totalIters: 5 }, { type: 'cosine-annealing', tMax: 95 }] },
      optimizer,
    );
    createScheduler({ type: 'lambda', lrLambda: (e) => 0.9 ** e }, optimizer);
    const spec: ScheduleSpec = { $schema: './node_modules/@lrkit/schedulers/dist/schema.json', type: 'warmup', warmupSteps: 5, schedule: { type: 'exponential', gamma: 0.9 } };
    createScheduler(spec, optimizer);
  });

  it('refuses a typo, a wrong type, a missing required option and an unknown schedule', () => {
    // @ts-expect-error stepSise is not an option of step
    createScheduler({ type: 'step', stepSise: 3 }, optimizer);
    // @ts-expect-error gama: a typo'd optional option
    createScheduler({ type: 'step', stepSize: 3, gama: 0.5 }, optimizer);
    // @ts-expect-error gamma is a number
    createScheduler({ type: 'step', stepSize: 3, gamma: '0.5' }, optimizer);
    // @ts-expect-error stepSize is required
    createScheduler({ type: 'step' }, optimizer);
    // @ts-expect-error not one of the enum's values
    createScheduler({ type: 'one-cycle', maxLr: 0.1, totalSteps: 10, annealStrategy: 'cosine' }, optimizer);
    // @ts-expect-error interval only at the top level
    createScheduler({ type: 'chained', schedulers: [{ type: 'step', stepSize: 1, interval: 'step' }] }, optimizer);
    // @ts-expect-error a typo inside a composite
    createScheduler({ type: 'chained', schedulers: [{ type: 'exponential', gamm: 0.9 }] }, optimizer);
  });

  it('still takes specs only known at run time, and plugin types', () => {
    createScheduler(JSON.parse('{"type":"step","stepSize":2}') as unknown, optimizer);
    createScheduler({ type: 'step', stepSize: 2 } as Record<string, unknown>, optimizer);
    const wide: { type: string; stepSize: number } = { type: 'step', stepSize: 2 };
    createScheduler(wide, optimizer);
    // A plugin's type, not declared in ScheduleSpecs: checked when called, against the registry.
    createScheduler({ type: 'rex', totalSteps: 10 }, optimizer);
    createScheduler({ type: 'chained', schedulers: [{ type: 'rex', totalSteps: 10 }, { type: 'step', stepSize: 1 }] }, optimizer);
  });

  it('types compileSchedule and registry.compile as createScheduler', () => {
    expectTypeOf(compileSchedule({ type: 'step', stepSize: 3 })).toEqualTypeOf<CompiledSchedule>();
    compileSchedule(JSON.parse('{"type":"step","stepSize":2}') as unknown, { registry: createRegistry() });
    // @ts-expect-error stepSise is not an option of step
    compileSchedule({ type: 'step', stepSise: 3 });
    // @ts-expect-error a typo inside a composite
    createRegistry().compile({ type: 'chained', schedulers: [{ type: 'exponential', gamm: 0.9 }] });
  });

  it('derives option types from the field lists', () => {
    expectTypeOf<Extract<ScheduleSpecNode, { type: 'step' }>>().toEqualTypeOf<{ type: 'step'; stepSize: number; gamma?: number }>();
    expectTypeOf<Extract<ScheduleSpecNode, { type: 'warmup-stable-decay' }>['decay']>().toEqualTypeOf<'linear' | 'cosine' | '1-sqrt' | undefined>();
    const rexSchema = [
      { name: 'totalSteps', type: 'integer', required: true, min: 1, description: 'steps to minLr' },
      { name: 'minLr', type: 'number', default: 0, min: 0, description: 'floor' },
    ] as const satisfies readonly OptionField[];
    expectTypeOf<SpecOptions<typeof rexSchema>>().toEqualTypeOf<{ totalSteps: number; minLr?: number }>();
    expectTypeOf(rexSchema[0].name).toEqualTypeOf<'totalSteps'>();
  });
});
