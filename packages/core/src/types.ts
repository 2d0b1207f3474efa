/**
 * Why a backend can or cannot run here. `reason` is written for a person: it says what is missing
 * (no addon built, no driver, no device, ...).
 */
export type Availability = { available: true } | { available: false; reason: string };

/**
 * Backend plugin contract v1: a plain object, registered with `registerBackend()`.
 *
 * - `name` is the tfjs backend name it registers (`wasm`, `cpu`, `cuda`, ...).
 * - `priority` orders `listBackends()`. The automatic choice is a measured rule, not the priority: see
 *   AUTO_BACKENDS (a plugin outside it runs when asked for by name).
 * - `isAvailable()` must be cheap and must not throw: it answers with a reason instead.
 * - `setup()` registers the tfjs backend (and its kernels) and is called at most once, right before
 *   the backend is first used.
 */
export interface BackendPlugin {
  readonly name: string;
  readonly priority: number;
  isAvailable(): Availability | Promise<Availability>;
  setup(): void | Promise<void>;
}

/** One row of `listBackends()`. */
export interface BackendInfo {
  name: string;
  priority: number;
  available: boolean;
  /** Present where `available` is false. */
  reason?: string;
  /** Whether this backend is the active tfjs backend now. */
  active: boolean;
}

/** A seeded source of randomness: the same seed gives the same stream on every platform. */
export interface Rng {
  /** Uniform float in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform float in [low, high). */
  uniform(low: number, high: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array;
  /** An independent generator derived from this one's seed and a label (a stream per purpose). */
  fork(label: string): Rng;
}
