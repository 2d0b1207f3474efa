import { mergeConfig } from 'vitest/config';
import shared from '@lrkit/vitest-config';

// The shared config, plus the compile-time tests (*.test-d.ts) that vitest checks with tsc.
export default mergeConfig(shared, { test: { typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' } } });
