import { createRegistry } from '@lrkit/schedulers';
import { describe, expect, it } from 'vitest';
import { fieldKind, textValue, valueText } from './fields.js';

describe('form fields from the option docs', () => {
  const registry = createRegistry();
  const kinds = Object.fromEntries(registry.list().flatMap((s) => s.options.map((o) => [`${s.name}.${o.name}`, fieldKind(o)])));

  it('reads every label the package writes', () => {
    expect(kinds['step.stepSize']).toEqual({ kind: 'number', integer: true, nullable: false });
    expect(kinds['step.gamma']).toEqual({ kind: 'number', integer: false, nullable: false });
    expect(kinds['one-cycle.totalSteps']).toEqual({ kind: 'number', integer: true, nullable: true });
    expect(kinds['one-cycle.maxLr']).toEqual({ kind: 'perGroup' });
    expect(kinds['one-cycle.annealStrategy']).toEqual({ kind: 'enum', values: ['cos', 'linear'] });
    expect(kinds['one-cycle.threePhase']).toEqual({ kind: 'boolean' });
    expect(kinds['multi-step.milestones']).toEqual({ kind: 'list', integer: true });
    expect(kinds['sequential.schedulers']).toEqual({ kind: 'specList' });
    expect(kinds['warmup.schedule']).toEqual({ kind: 'spec' });
    expect(kinds['cyclic.scaleFn']).toEqual({ kind: 'programmatic' });
    // Every built-in option that JSON can hold gets a real input: none falls back to raw JSON.
    const json = registry.list().filter((s) => s.json).flatMap((s) => s.options.filter((o) => fieldKind(o).kind === 'json').map((o) => `${s.name}.${o.name}`));
    expect(json).toEqual([]);
  });

  it('turns text into values the package validates, keeping what is not a number as typed', () => {
    expect(textValue({ kind: 'number', integer: false, nullable: false }, ' 0.5 ')).toBe(0.5);
    expect(textValue({ kind: 'number', integer: false, nullable: false }, 'abc')).toBe('abc');
    expect(textValue({ kind: 'number', integer: true, nullable: true }, 'null')).toBeNull();
    expect(textValue({ kind: 'number', integer: false, nullable: false }, '')).toBeUndefined();
    expect(textValue({ kind: 'perGroup' }, '0.1, 0.2')).toEqual([0.1, 0.2]);
    expect(textValue({ kind: 'perGroup' }, '0.1')).toBe(0.1);
    expect(textValue({ kind: 'list', integer: true }, '[5, 10, x]')).toEqual([5, 10, 'x']);
    expect(textValue({ kind: 'json' }, '{"a": 1}')).toEqual({ a: 1 });
    expect(valueText([5, 10])).toBe('5, 10');
    expect(valueText(undefined)).toBe('');
    expect(valueText(null)).toBe('null');
    // A number written as a string stays a string both ways, quoted, so the error it causes is visible.
    expect(valueText('90')).toBe('"90"');
    expect(textValue({ kind: 'number', integer: true, nullable: false }, '"90"')).toBe('90');
    expect(valueText('abc')).toBe('abc');
  });
});
