import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The embedded CSV is found relative to the module (import.meta.url); the shim gives CJS one.
  shims: true,
});
