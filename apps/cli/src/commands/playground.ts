// `lrkit playground`: serves the schedule playground (apps/playground, copied into this package's
// dist/playground at build time) to a browser on this machine. A static page needs a server because
// browsers refuse module scripts from file:// URLs; sirv serves the files (content types, ETags, ranges,
// no path escapes out of the folder).
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { port } from '@lrkit/app-kit';
import { listenOn } from '@lrkit/io';
import type { Command } from 'commander';

/** The default port: fixed, so a bookmarked address keeps working from one start to the next. */
export const PLAYGROUND_PORT = 5178;

/** The built page, beside this file's bundle in dist/ (tsup's onSuccess copies it there). */
export function playgroundRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'playground');
}

/** Starts serving `root` on `host:port`; resolves with the address once the server listens. */
export async function servePlayground(root: string, host: string, portNumber: number): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(root, 'index.html'))) {
    // The package's build puts it there: a missing page is a broken install, not the user's input.
    throw new Error(`internal: the playground's page is missing from ${root} (the package's build copies it there)`);
  }
  // Loaded here, not with the command table: every other command starts without it.
  const { default: sirv } = await import('sirv');
  const server = createServer(sirv(root, { etag: true, dev: false }));
  const bound = await listenOn(server, portNumber, host);
  const shown = host.includes(':') ? `[${host}]` : host;
  return { server, url: `http://${shown}:${bound}/` };
}

export function register(program: Command): void {
  program
    .command('playground')
    .description('serve the schedule playground (build, compare and export schedules in the browser) until Ctrl-C')
    .option('--port <n>', `port to listen on (0: any free port)`, port('--port'), PLAYGROUND_PORT)
    .option('--host <address>', 'address to listen on (another machine can reach a non-loopback one)', '127.0.0.1')
    .action(async (options: { port: number; host: string }) => {
      const { url } = await servePlayground(playgroundRoot(), options.host, options.port);
      process.stdout.write(`lrkit playground: open ${url} in a browser (Ctrl-C stops)\n`);
      // The command ends when the process does: Ctrl-C stops it at once (nothing to finish or clean up),
      // and until then the listening server keeps this thread's event loop alive.
      await new Promise<never>(() => undefined);
    });
}
