// `lrkit sweep serve`: the report as a local page that follows the sweep. The server reads the sweep (its
// state files, or its queue) every `intervalMs`; when a trial has finished since, it tells the open pages
// through server-sent events, and each fetches the new content. Polling the reader rather than watching
// files: the same loop serves a queue, and fs.watch misses changes on network file systems.
import { createServer, type ServerResponse } from 'node:http';
import { listenOn } from '@lrkit/io';
import type { SweepOutcome } from './embedded';
import { reportBody, reportPage, type ReportOptions } from './report';

export interface SweepSnapshot extends ReportOptions {
  outcome: SweepOutcome;
}

export interface ServeOptions {
  /** Reads the sweep as it is now (from disk or a queue). */
  read: () => Promise<SweepSnapshot>;
  /** 0: any free port. */
  port: number;
  /** How often the sweep is read (default 1000 ms). */
  intervalMs?: number;
  /** Where a failed read is told (the page shows it too), e.g. a queue gone away. */
  log?: (line: string) => void;
}

export interface ReportServer {
  url: string;
  close(): Promise<void>;
}

/** What changes when a trial finishes (or a pruned or failed one is run again): the page is redrawn then. */
function signature(s: SweepSnapshot): string {
  return JSON.stringify([s.pending, s.order?.length, s.outcome.trials.map((t) => [t.id, t.status, t.history.length])]);
}

// The page's side: on each update, fetch the new content; a read that failed is shown above it.
const LIVE = `const live = document.getElementById('live');
const events = new EventSource('/events');
events.addEventListener('update', async (e) => {
  const res = await fetch('/body');
  document.querySelector('main').innerHTML = await res.text();
  document.querySelector('main').dataset.version = e.data;
  live.textContent = 'live: updated ' + new Date().toLocaleTimeString();
  live.className = '';
});
events.addEventListener('problem', (e) => { live.textContent = e.data; live.className = 'problem'; });
events.onerror = () => { live.textContent = 'the server is gone (lrkit sweep serve stopped): the page shows the last state'; live.className = 'problem'; };`;

/** Starts the server on 127.0.0.1 (this machine only: the page shows the sweep's settings and results). */
export async function serveReport(options: ServeOptions): Promise<ReportServer> {
  let snapshot = await options.read();
  let version = 1;
  let body = reportBody(snapshot.outcome, snapshot);
  let problem: string | undefined;
  const clients = new Set<ServerResponse>();
  const send = (event: string, data: string) => {
    for (const res of clients) res.write(`event: ${event}\ndata: ${data.replace(/\n/g, ' ')}\n\n`);
  };
  let reading = false;
  const poll = async () => {
    if (reading) return;
    reading = true;
    try {
      const next = await options.read();
      problem = undefined;
      if (signature(next) !== signature(snapshot)) {
        snapshot = next;
        body = reportBody(next.outcome, next);
        version += 1;
        send('update', String(version));
      }
    } catch (e) {
      // The last state stays on the page; the reason is shown above it until a read succeeds again.
      const message = `could not read the sweep: ${(e as Error).message}`;
      if (message !== problem) options.log?.(message);
      problem = message;
      send('problem', message);
    } finally {
      reading = false;
    }
  };
  const timer = setInterval(() => void poll(), options.intervalMs ?? 1000);
  // A comment line now and then: proxies and browsers close an event stream that stays silent too long.
  const heartbeat = setInterval(() => clients.forEach((res) => res.write(':\n\n')), 15_000);

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/') {
      const live = `<p id="live">live: the page follows the sweep</p><style>#live { font-size: 13px; color: #555; } #live.problem { color: #b00020; }</style>`;
      const page = reportPage(`lrkit sweep ${snapshot.outcome.name} (live)`, body, { above: live, version, script: LIVE });
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
    } else if (path === '/body') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
    } else if (path === '/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      // A page that connects after an update (or reconnects) catches up at once.
      res.write(`event: update\ndata: ${version}\n\n`);
      if (problem) res.write(`event: problem\ndata: ${problem.replace(/\n/g, ' ')}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    }
  });
  let port: number;
  try {
    port = await listenOn(server, options.port, '127.0.0.1');
  } catch (e) {
    clearInterval(timer);
    clearInterval(heartbeat);
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      clearInterval(timer);
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
