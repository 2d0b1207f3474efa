import sharedConfig from '@lrkit/vitest-config';
import { mergeConfig } from 'vitest/config';

// Each test runs installed CLIs and user programs in child processes: minutes on a busy 2-core machine.
export default mergeConfig(sharedConfig, { test: { testTimeout: 300_000, hookTimeout: 900_000 } });
