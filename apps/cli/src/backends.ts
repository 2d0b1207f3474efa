let registered: Promise<void> | undefined;

/**
 * Registers the backends the CLI offers beyond core's built-ins (wasm, cpu): the CUDA plugin. Listing it
 * costs nothing where there is no GPU: its availability check says why it cannot run. Imported on first
 * use, like every heavy module of the CLI, so `--help` and usage errors answer at once.
 */
export function registerCliBackends(): Promise<void> {
  registered ??= (async () => {
    const [{ registerBackend }, { cudaBackend }] = await Promise.all([import('@lrkit/core'), import('@lrkit/backend-cuda')]);
    registerBackend(cudaBackend);
  })();
  return registered;
}
