export { createNativeBackend, nativeBackend, nativeSetup, NATIVE } from './plugin';
export { checkNativeAvailability, recommendedOpenBlasCore } from './availability';
export { NativeConfigError } from './errors';
export type { NativeOptions } from './config';
export type { AddonBuildStatus, NativeAddon, NativeProbe, NativeSetup } from './types';
