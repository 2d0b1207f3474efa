import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { canonicalJson } from '@lrkit/io';
import { resolveConfig, withoutAbsentDefaults, type TrainConfig } from '@lrkit/train/internal';

/** dataDigest, each path read once: a sweep's trials mostly share one data file. */
export function digestsOnce(): (path: string | undefined) => string | undefined {
  const digests = new Map<string, string>();
  return (path) => {
    if (path === undefined) return undefined;
    if (!digests.has(path)) digests.set(path, dataDigest(path));
    return digests.get(path);
  };
}

/**
 * What a data file holds, as a trial's id sees it: the SHA-256 of its bytes (read in chunks, so a large file
 * costs no memory), or `unreadable: <why>` where it cannot be read (a FIFO or a device is not opened: it
 * could block, or never end). A file missing now and present later thus gives its trials new ids: the
 * failed records of the missing file are not the answer.
 */
export function dataDigest(path: string): string {
  const hash = createHash('sha256');
  let fd: number;
  try {
    if (!statSync(path).isFile()) return 'unreadable: not a regular file';
    fd = openSync(path, 'r');
  } catch (e) {
    return `unreadable: ${(e as { code?: string }).code ?? 'error'}`;
  }
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } catch (e) {
    return `unreadable: ${(e as { code?: string }).code ?? 'error'}`;
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * A trial's id: a hash of the settings it trains with, train()'s defaults filled in, so that writing a
 * default out (or listing fields in another order) names the same trial, and enqueueing it twice is one
 * job. A data file counts by its path and its content (`digest`, default: read now), so an edited file is
 * a new trial, never answered from the old file's records. The embedded data is keyed by name, not by its
 * path on this machine (its content is the package's). `threads` is left out: the numbers are the same at
 * any count; so is a setting added since ids were first made, where it is at its default
 * (withoutAbsentDefaults), so that a sweep's earlier trials keep their ids.
 */
export function trialId(config: TrainConfig, digest: string | undefined = config.data === undefined ? undefined : dataDigest(config.data)): string {
  const { threads: _threads, ...resolved } = withoutAbsentDefaults(resolveConfig(config));
  const key = {
    ...resolved,
    data: config.data ?? 'embedded:breast-cancer',
    ...(config.data !== undefined ? { dataSha256: digest } : {}),
    ...(namesConstant(resolved.schedule) ? { constant: 'rate' } : {}),
  };
  return createHash('sha256').update(canonicalJson(key)).digest('hex').slice(0, 16);
}

/**
 * The id of a trial whose settings train() refuses (a sampler's draw, recorded as failed without running):
 * a hash of the settings as drawn, with the data file's digest as trialId counts it. They cannot be
 * resolved, so no default is filled in; the mark keeps it apart from every id trialId gives.
 */
export function refusedTrialId(config: TrainConfig, digest: string | undefined): string {
  const key = { refused: config, ...(config.data !== undefined ? { dataSha256: digest } : {}) };
  return createHash('sha256').update(canonicalJson(key)).digest('hex').slice(0, 16);
}

/**
 * True where the spec names a `constant` schedule. That name was PyTorch's ConstantLR before it became a
 * constant rate ('constant-factor' is ConstantLR now): such a trial gets an id of its own, so that a sweep
 * resumed from a state folder never takes a record trained under the old meaning for it, and runs it again.
 */
function namesConstant(spec: unknown): boolean {
  if (Array.isArray(spec)) return spec.some(namesConstant);
  if (typeof spec !== 'object' || spec === null) return false;
  return Object.entries(spec).some(([k, v]) => (k === 'type' && v === 'constant') || namesConstant(v));
}
