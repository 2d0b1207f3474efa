// The sweep file's sampler blocks (`random`, `tpe`) as search spaces: their own options set apart from the
// settings they search, and the checks that need the whole file (which blocks combine, what TPE can search).
import { didYouMean } from '@lrkit/io';
import { SweepInputError } from '../errors';
import type { Distribution } from './space/distribution';
import { namesField, searchSpace, type SearchSpace } from './space/space';
import { TPE_DEFAULTS, type TpeSettings } from './tpe/settings';

/** Each block's own options; every other key is a searched setting. */
export const BLOCK_OPTIONS = { random: ['samples', 'samplerSeed'], tpe: ['trials', 'samplerSeed', 'startupTrials', 'eiCandidates', 'batch'] } as const;
export type SamplerBlock = keyof typeof BLOCK_OPTIONS;

interface Blocks {
  grid?: Record<string, unknown> | undefined;
  random?: Record<string, unknown> | undefined;
  tpe?: Record<string, unknown> | undefined;
}

/** A block's searched settings, its options left out. */
function settingsOf(block: SamplerBlock, value: Record<string, unknown>): Record<string, Distribution> {
  const options = new Set<string>(BLOCK_OPTIONS[block]);
  return Object.fromEntries(Object.entries(value).filter(([k]) => !options.has(k))) as Record<string, Distribution>;
}

/** The search space of a block of a checked file (undefined where the file has no such block). */
export function blockSpace(spec: Blocks, block: SamplerBlock, source: string): SearchSpace | undefined {
  const value = spec[block];
  if (!value) return undefined;
  return searchSpace(block, settingsOf(block, value), source, block === 'random' ? Object.keys(spec.grid ?? {}) : []);
}

/** TPE's settings with Optuna's defaults filled in. */
export function tpeSettings(tpe: NonNullable<Blocks['tpe']>): TpeSettings {
  return {
    startupTrials: (tpe.startupTrials as number | undefined) ?? TPE_DEFAULTS.startupTrials,
    eiCandidates: (tpe.eiCandidates as number | undefined) ?? TPE_DEFAULTS.eiCandidates,
    samplerSeed: (tpe.samplerSeed as number | undefined) ?? 0,
    ...(tpe.batch !== undefined ? { batch: tpe.batch as number } : {}),
  };
}

/**
 * The checks of a file's search as a whole, after its blocks passed the schema: each block's space (see
 * searchSpace), and TPE alone: a sequential search does not cross with a grid or random draws, and a space of
 * choices only is a grid (run it as one: TPE would draw the same few points again and again).
 */
export function checkSearch(spec: Blocks, source: string): void {
  const random = blockSpace(spec, 'random', source);
  const tpe = blockSpace(spec, 'tpe', source);
  if (random && random.params.length === 0 && !spec.grid) throw new SweepInputError(`${source}: random: searches nothing (give at least one setting's distribution)`);
  if (!tpe) return;
  const other = spec.grid ? 'grid' : spec.random ? 'random' : undefined;
  if (other) throw new SweepInputError(`${source}: tpe: runs alone, not with "${other}" (TPE chooses each trial from the ones before it: put ${other}'s settings in tpe as {"choice": [...]})`);
  if (tpe.params.length === 0) throw new SweepInputError(`${source}: tpe: searches nothing (give at least one setting's distribution)`);
  if (tpe.params.every((p) => 'choice' in p.dist)) throw new SweepInputError(`${source}: tpe: every setting is a choice, a pure grid: list the values under "grid" instead (TPE needs a range to search)`);
}

/**
 * Refuses a sampler block's key that names no train field, before the schema reads its value (which would
 * otherwise be judged as a distribution of an unknown setting).
 */
export function refuseUnknownSettings(raw: unknown, source: string, fields: readonly string[]): void {
  if (raw === null || typeof raw !== 'object') return;
  for (const block of Object.keys(BLOCK_OPTIONS) as SamplerBlock[]) {
    const value = (raw as Record<string, unknown>)[block];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const options = new Set<string>(BLOCK_OPTIONS[block]);
    const unknown = Object.keys(value).filter((k) => !options.has(k) && !namesField(k));
    if (unknown.length > 0) {
      const named = unknown.map((k) => `'${k}'${didYouMean(k, [...BLOCK_OPTIONS[block], ...fields])}`).join(', ');
      throw new SweepInputError(`${source}: ${block}: unknown field${unknown.length > 1 ? 's' : ''} ${named} (${BLOCK_OPTIONS[block].join(', ')}, or train fields: ${fields.join(', ')})`);
    }
  }
}
