import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The REX example plugin (examples/scheduler-plugin), served at ./plugins/rex.js so the page can show
// "load a plugin by URL" with a real third-party module. Its ESM build imports nothing (the plugin
// contract needs no lrkit import), so the file works as it is.
const REX = 'plugins/rex.js';
function examplePlugin(): Plugin {
  const source = () => readFileSync(fileURLToPath(import.meta.resolve('@lrkit/example-scheduler-plugin')), 'utf8');
  return {
    name: 'lrkit-example-plugin',
    configureServer(server) {
      server.middlewares.use(`/${REX}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(source());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: REX, source: source() });
    },
  };
}

export default defineConfig({
  // Relative asset URLs: dist/ can be hosted under any path.
  base: './',
  plugins: [examplePlugin()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
