// The public shapes of lrkit-bench: its options, its result rows and the JSON document it prints.

export const SUITE_NAMES = ['seed', 'mlp', 'schedulers', 'inference', 'data'] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

export const BACKEND_NAMES = ['wasm', 'native', 'cpu', 'cuda'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Where a rendered format goes: `true` = stdout, a string = that file. */
export type OutputTarget = true | string;

export interface BenchOptions {
  suites: SuiteName[];
  backends: BackendName[];
  /** Backends listed in `backends` but not run (with --quick and no --backends: cpu); their rows say so. */
  skippedBackends: BackendName[];
  /** A Python that must import torch; absent: the first of `python3`, `/usr/bin/python3` that does. */
  python?: string;
  quick: boolean;
  /** Warm-up runs per contender before measuring. */
  warmup: number;
  /** Measured rounds; each round runs every contender once (in a rotating order). */
  repeats: number;
  /** MLP layer sizes, input first, classes last. */
  mlpSizes: number[];
  mlpBatch: number;
  /** Threads for PyTorch, onnxruntime and lrkit's native backend (lrkit's wasm backend runs single-threaded under Node). */
  threads: number;
  json?: OutputTarget;
  md?: OutputTarget;
  svg?: OutputTarget;
  /** The terminal table with the ratios in a column of their own, however wide (default: 120 columns). */
  wide?: boolean;
}

/** lrkit relative to a peer, from ratios taken round by round: > 1 means lrkit did better. */
export interface Ratio {
  vs: string;
  median: number;
  min: number;
  max: number;
  /** Rounds in which both ran. */
  pairs: number;
}

export type ResultStatus = 'ok' | 'unavailable' | 'failed';

/** One row: what ran (`impl`), what was measured and its median over the rounds, with min and max. */
export interface BenchResult {
  suite: SuiteName;
  impl: string;
  metric: string;
  /** The median; null where the row did not run (status says why). */
  value: number | null;
  unit: string;
  min?: number;
  max?: number;
  samples?: number;
  /** Whether a larger value is better (throughput) or a smaller one (time). */
  better?: 'higher' | 'lower';
  ratios?: Ratio[];
  status: ResultStatus;
  /** Why the row did not run or failed. */
  reason?: string;
  note?: string;
}

export interface TargetCheck {
  suite: SuiteName;
  target: string;
  status: 'met' | 'missed' | 'not measured';
  detail: string;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  nodeVersion: string;
  platform: string;
  arch: string;
  /** ISO 8601, when the run started. */
  date: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine makes numbers noisy. */
  loadAverage: number[];
  /** A theoretical fp32 peak for scale: cores x clock x FLOPs per cycle of the widest vector unit. */
  peakGflops?: { perCore: number; allCores: number; wasmSimdPerCore: number; assumption: string };
  python: { path: string; torch: string; threads: number } | { absent: string };
  /** OPENBLAS_CORETYPE for the whole run (lrkit native and PyTorch alike), where one was in force. */
  openblasCore?: string;
}

export interface BenchDocument {
  machine: Machine;
  command: string;
  options: Omit<BenchOptions, 'json' | 'md' | 'svg'>;
  results: BenchResult[];
  targets: TargetCheck[];
}
