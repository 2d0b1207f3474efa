import type { UserConfig } from 'vitest/config';
export declare const sharedConfig: UserConfig;
declare const config: UserConfig;
export default config;
