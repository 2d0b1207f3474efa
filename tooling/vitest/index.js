// The shared vitest config: tests live beside the code as *.test.ts and run in Node.
import { defineConfig } from 'vitest/config';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Under CI every package also writes a JSON report to <repo>/.vitest-reports, which .ci/run sums into
// one closing line.
const reporters = process.env.CI
  ? ['default', ['json', { outputFile: join(root, '.vitest-reports', `${basename(process.cwd())}.json`) }]]
  : ['default'];

export const sharedConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Native addons and tfjs' wasm module are happier in forked processes than in worker threads.
    pool: 'forks',
    reporters,
    passWithNoTests: false,
  },
});

export default sharedConfig;
