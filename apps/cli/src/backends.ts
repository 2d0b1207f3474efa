let registered: Promise<void> | undefined;

/**
 * Registers the backends the CLI offers beyond core's built-ins (wasm, cpu): the CUDA plugin and the native
 * CPU plugin (with `threads`, from --threads; default every core). Listing them costs nothing where they
 * cannot run: their availability checks say why. Imported on first use, like every heavy module of the
 * CLI, so `--help` and usage errors answer at once.
 */
export function registerCliBackends(options: { threads?: number } = {}): Promise<void> {
  registered ??= (async () => {
    const [{ registerBackend }, { cudaBackend }, { createNativeBackend }] = await Promise.all([
      import('@lrkit/core'),
      import('@lrkit/backend-cuda'),
      import('@lrkit/backend-native'),
    ]);
    registerBackend(cudaBackend);
    registerBackend(createNativeBackend(options.threads !== undefined ? { threads: options.threads } : {}));
  })();
  return registered;
}

/**
 * The backend `lrkit train` runs on without --backend: `native` where its addon is built, else `wasm`. The
 * rule is measured, side by side in lrkit-bench (apps/bench/results/2026-11-30-native-*.md): native's
 * training loop is at least as fast as wasm's from the seed job (30-64-1, batches of 32: kernels of a few
 * microseconds, where both backends pay about the same per-op cost) up to the 784-512-512-10 MLP (where
 * native runs 2-3x faster), and its setup skips compiling tfjs's wasm module, which is most of the start-up
 * cost that differs. So size does not change the answer on x86-64: the rule needs no size threshold. Other
 * architectures (only the portable loops there) and cuda (no GPU measurement yet, see @lrkit/backend-cuda's
 * README) are unmeasured, so they are never the default.
 */
export async function defaultTrainBackend(): Promise<string> {
  if (process.arch !== 'x64') return 'wasm';
  const { getBackendPlugin } = await import('@lrkit/core');
  const native = getBackendPlugin('native');
  const a = native ? await native.isAvailable() : { available: false };
  return a.available ? 'native' : 'wasm';
}
