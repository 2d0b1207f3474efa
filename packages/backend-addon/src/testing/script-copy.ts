// A package's scripts/build-addon.mjs as its tarball installs it, in a temporary directory: scripts/ with
// this package in node_modules beside it (the build helper it imports), and no src/. The build-script tests
// run such copies, so that a package's own addon is left alone.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@lrkit/backend-addon';

// This module runs from src/testing/ (tests here) or bundled into dist/ (other packages' tests).
function ownRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === PACKAGE)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE}: cannot find its own package.json`);
    dir = parent;
  }
  return dir;
}

/** Copies `script` to <a new temporary directory>/scripts/; returns that directory (the copy's package root). */
export function buildScriptCopy(script: string, prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, 'scripts'));
  cpSync(script, join(root, 'scripts', 'build-addon.mjs'));
  mkdirSync(join(root, 'node_modules', '@lrkit'), { recursive: true });
  symlinkSync(ownRoot(), join(root, 'node_modules', PACKAGE), 'dir');
  return root;
}
