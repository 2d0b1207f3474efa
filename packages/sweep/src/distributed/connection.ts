// The --queue URL: which BullMQ backend, checked reachable in seconds (BullMQ itself would retry a dead
// server forever), and, for PostgreSQL, BullMQ's schema migrated once.
import { Queue, QueueEvents, Worker, createPostgresBackend, runMigrations, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SweepInputError } from '../errors';

/** A trial's job id: the sweep's name and the trial's id (from its settings), so adding it again is a no-op. */
export function jobId(sweep: string, trial: string): string {
  return `${sweep}-${trial}`;
}

/** Every sweep's trials go through this one queue; a job's data names its sweep. */
export const QUEUE_NAME = 'lrkit-trials';
const PROBE_TIMEOUT_MS = 3000;

export interface QueueTarget {
  kind: 'redis' | 'postgres';
  url: string;
}

export function parseQueueUrl(url: string): QueueTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SweepInputError(`--queue: '${url}' is not a URL (expected redis://HOST:PORT or postgres://USER@HOST:PORT/DB)`);
  }
  if (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') return { kind: 'redis', url };
  if (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') return { kind: 'postgres', url };
  throw new SweepInputError(`--queue: unsupported scheme '${parsed.protocol}' in '${url}' (expected redis:// or postgres://)`);
}

/** The URL without its password, for messages. */
export function showUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** ioredis options from a redis:// URL; workers need maxRetriesPerRequest null (BullMQ's requirement). */
function redisOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

const migrated = new Set<string>();

/**
 * Fails fast, as an input error, when the server cannot be reached: one connection attempt with a short
 * timeout and no retries. For PostgreSQL it then runs BullMQ's migrations (once per process; BullMQ
 * serialises concurrent migrators with an advisory lock).
 */
export async function probeQueue(target: QueueTarget): Promise<void> {
  const fail = (e: unknown): never => {
    throw new SweepInputError(`--queue: cannot reach ${showUrl(target.url)}: ${(e as Error).message || (e as { code?: string }).code || String(e)}`);
  };
  if (target.kind === 'redis') {
    const client = new Redis({ ...redisOptions(target.url), lazyConnect: true, connectTimeout: PROBE_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    // connect() rejects with 'Connection is closed.'; the socket's own error says why (ECONNREFUSED...).
    let cause: Error | undefined;
    client.on('error', (e: Error) => (cause ??= e));
    try {
      await client.connect();
      await client.ping();
    } catch (e) {
      fail(cause ?? e);
    } finally {
      client.disconnect();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    fail(e);
  }
  try {
    if (!migrated.has(target.url)) {
      await runMigrations(client);
      migrated.add(target.url);
    }
  } finally {
    await client.end();
  }
}

/**
 * Where a pruning sweep's trial order is kept, one job per sweep that no worker takes: the trial ids in the
 * file's order, which pruning decisions compare along (see prune/board.ts).
 */
export const ORDER_QUEUE_NAME = 'lrkit-sweep-orders';

/** A BullMQ Queue on the target (Redis or PostgreSQL backend): the trials' queue unless named. */
export function openQueue(target: QueueTarget, name: string = QUEUE_NAME): Queue {
  // A few retries, not BullMQ workers' endless ones: a coordinator that lost its server says so and stops.
  if (target.kind === 'redis') return new Queue(name, { connection: { ...redisOptions(target.url), maxRetriesPerRequest: 3 } });
  return new Queue(name, { connection: { connectionString: target.url, migrate: false } }, createPostgresBackend) as unknown as Queue;
}

/** BullMQ's QueueEvents on the trials' queue: each job's start, progress and end as the server tells them. */
export function openQueueEvents(target: QueueTarget): QueueEvents {
  if (target.kind === 'redis') return new QueueEvents(QUEUE_NAME, { connection: redisOptions(target.url) });
  return new QueueEvents(QUEUE_NAME, { connection: { connectionString: target.url, migrate: false } }, createPostgresBackend) as unknown as QueueEvents;
}

export function openWorker(target: QueueTarget, processor: Processor, options: Omit<WorkerOptions, 'connection'>): Worker {
  if (target.kind === 'redis') return new Worker(QUEUE_NAME, processor, { ...options, connection: redisOptions(target.url) });
  return new Worker(QUEUE_NAME, processor, { ...options, connection: { connectionString: target.url, migrate: false } }, createPostgresBackend) as unknown as Worker;
}
