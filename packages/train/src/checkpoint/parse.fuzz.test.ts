// Fuzzing the checkpoint reader: a real checkpoint, damaged anywhere, either reads as exactly what the file
// says and then restores onto the model (or is refused there as a CheckpointError), or is refused at once
// as a CheckpointError. Never another error, never a value the file does not hold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@lrkit/core';
import { createScheduler } from '@lrkit/schedulers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve';
import { CheckpointError } from '../errors';
import { createModel } from '../nn/head';
import { createOptimizer } from '../optim/create';
import { encodeF32 } from './format';
import { parseCheckpoint } from './parse';
import { restore } from './snapshot';
import { fixtureConfigs, writeFixture } from './test-fixtures';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path into `v` (objects' keys, arrays' indices), the root included. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** `v` with the node at `path` replaced (undefined: removed). */
function replaced(v: Json, path: (string | number)[], by: Json | undefined): Json {
  if (path.length === 0) return by ?? null;
  const [head, ...rest] = path;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, Json> & Json[];
  const next = replaced(copy[head!] as Json, rest, by);
  if (by === undefined && rest.length === 0) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head!];
  } else copy[head!] = next;
  return copy as Json;
}

const hostile: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constantFrom<Json | undefined>(undefined, null, '5', -1, 0, 2.5, 1e308, 1e12, '', [], {}, true, 'AADAfw==', encodeF32(new Float32Array([Number.NaN, 1])), 'AAAA'),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.integer({ min: -3, max: 200 }),
);

describe('the checkpoint reader, fuzzed', () => {
  const fixtures: Record<string, string> = {};
  const root = mkdtempSync(join(tmpdir(), 'lrkit-ckpt-fuzz-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeAll(async () => {
    for (const name of ['adam', 'sgd'] as const) fixtures[name] = (await writeFixture(name, root)).text;
  });

  /** parseCheckpoint, then restore onto a fresh model, optimizer and scheduler of the fixture's settings. */
  function load(name: 'adam' | 'sgd', text: string): unknown {
    const c = parseCheckpoint(text, 'ck.json');
    expect(c).toEqual(JSON.parse(text));
    const config = resolveConfig(fixtureConfigs[name]);
    const { model } = createModel({ inputs: 30, hidden: config.hidden, task: 'classification', classes: 2, batchRows: config.batchSize }, createRng(1).fork('init'));
    const optimizer = createOptimizer(config.optimizer, model.parameters(), { lr: config.lr as number });
    try {
      restore({ model, optimizer, scheduler: createScheduler(config.schedule, optimizer) }, c, 'ck.json');
    } finally {
      optimizer.dispose();
      model.dispose();
    }
    return c;
  }

  function loadsOrRefuses(name: 'adam' | 'sgd', text: string): void {
    try {
      load(name, text);
    } catch (e) {
      if (!(e instanceof CheckpointError)) throw e;
      expect(e.message).toMatch(/^resume: ck\.json: /);
      expect(e.message.length).toBeLessThan(400);
    }
  }

  it('any node replaced or removed: loads as written, or a CheckpointError', () => {
    for (const name of ['adam', 'sgd'] as const) {
      const value = JSON.parse(fixtures[name]!) as Json;
      const all = paths(value);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: all.length - 1 }), hostile, (i, by) => loadsOrRefuses(name, JSON.stringify(replaced(value, all[i]!, by)))),
        { numRuns: 300 },
      );
    }
  });

  it('the text cut or a byte changed: loads as written, or a CheckpointError', () => {
    const text = fixtures.sgd!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), fc.oneof(fc.constant(''), fc.string({ maxLength: 2 }), fc.constantFrom('"', '{', '-', 'e9', '0', '/')), fc.boolean(), (at, insert, cut) =>
        loadsOrRefuses('sgd', cut ? text.slice(0, at) : text.slice(0, at) + insert + text.slice(at + 1)),
      ),
      { numRuns: 300 },
    );
  });
});
