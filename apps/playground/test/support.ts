// Helpers for the browser tests: a system Chromium (never a downloaded one) and the built app, served.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(APP_DIR, 'dist');

export { CHROMIUM_ARGS, findChromium } from '@lrkit/vitest-config/chromium';

/**
 * `vite preview` of dist/ on 127.0.0.1 at a free port. `extra` serves more files (URL path -> file), for
 * modules the test imports into the page beside the app.
 */
/** Serves the built app; `extra` maps URL prefixes to folders whose .js files are served too. */
export async function serveDist(extra: Record<string, string> = {}): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} has no index.html: build the playground first (pnpm --filter playground build)`);
  const server = await preview({
    root: APP_DIR,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
    plugins: [
      {
        name: 'lrkit-test-files',
        configurePreviewServer(server) {
          // Each prefix serves a folder's .js files (a built package imports its own chunks by relative URL).
          for (const [prefix, dir] of Object.entries(extra))
            server.middlewares.use(prefix, (req, res) => {
              const name = (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '');
              if (!/^[\w.-]+\.js$/.test(name)) {
                res.statusCode = 404;
                res.end();
                return;
              }
              res.setHeader('Content-Type', 'text/javascript');
              res.end(readFileSync(join(dir, name), 'utf8'));
            });
        },
      },
    ],
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report its port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
