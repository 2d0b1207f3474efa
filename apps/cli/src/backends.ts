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
