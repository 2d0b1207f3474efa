import { defineConfig } from 'tsup';

// Published as a third party would: ESM + CJS + types, the default export in both.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'node20',
});
