import type { AddonBuildStatus as BaseBuildStatus, KernelAddon } from '@lrkit/backend-addon';

/** What the addon's probe found: the instruction sets this CPU runs, best first, and its logical cores. */
export interface NativeProbe {
  isas: string[];
  cores: number;
  /** The OpenBLAS kernel family this CPU's instruction sets call for (SkylakeX, Haswell), if any. */
  openblasCore?: string;
}

/** How the backend is set up: see `NativeOptions`. */
export interface NativeConfig {
  threads: number;
  /** `auto` (the first of OpenBLAS, BLIS, MKL found), `none` (the own GEMM), or one library name or path. */
  blas: string;
  /** An instruction set to use instead of the best one (`avx512`, `avx2`, `base`); empty for the best. */
  isa: string;
}

/** What `configure` settled on. */
export interface NativeSetup {
  isa: string;
  threads: number;
  /** The BLAS library opened, or null where matrix products use the own GEMM (`blasWhy` says why). */
  blas: string | null;
  /** OpenBLAS's kernel family (e.g. SkylakeX), where the BLAS is OpenBLAS. */
  blasCore?: string;
  blasWhy?: string;
}

/** The native addon: @lrkit/backend-addon's kernel interface on the CPU, plus its probe and configuration. */
export interface NativeAddon extends KernelAddon {
  probe(): NativeProbe;
  configure(config: NativeConfig): NativeSetup;
}

/** build/Release/addon-status.json, written by scripts/build-addon.mjs. */
export interface AddonBuildStatus extends BaseBuildStatus {
  /** The compiler's first --version line. */
  compiler?: string;
  /** The instruction sets the vector loops and GEMM were compiled for. */
  isas?: string[];
}
