import type { AddonBuildStatus as BaseBuildStatus, KernelAddon } from '@lrkit/backend-addon';

/** How matrix products run: this package's tiled SGEMM kernel, or cuBLAS loaded at run time. */
export type GemmImplementation = 'own' | 'cublas';

/** What the addon's probe found, without initialising CUDA. */
export interface CudaProbe {
  /** CUDA runtime version the addon was built with (e.g. 13000). */
  runtimeVersion: number;
  /** Whether libcuda.so.1 (the driver) could be loaded. */
  driver: boolean;
  driverError?: string;
  driverVersion?: number;
  deviceCount?: number;
  /** A CUDA error from counting devices (e.g. "no CUDA-capable device is detected"). */
  error?: string;
  deviceName?: string;
  computeCapability?: string;
  totalMemory?: number;
}

/** build/Release/addon-status.json, written by scripts/build-addon.mjs. */
export interface AddonBuildStatus extends BaseBuildStatus {
  /** The CUDA release nvcc reported (e.g. 13.0). */
  cuda?: string;
}

/** The CUDA addon: the kernels plus the device probe and cuBLAS. */
export interface CudaAddon extends KernelAddon {
  probe(): CudaProbe;
  /** null when cuBLAS was loaded, else why not. */
  loadCublas(): string | null;
  memInfo(): { free: number; total: number };
}
