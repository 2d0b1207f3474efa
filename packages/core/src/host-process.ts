// A library must not change how its host process dies. Emscripten runtimes (tfjs-backend-wasm's among them)
// add `uncaughtException` and `unhandledRejection` listeners when their module is instantiated under Node:
// every later uncaught error in the user's own program then exits with code 7 and a stack inside the wasm
// glue (`throw ex;`), instead of Node's exit 1 with the user's message. Backend set-up runs inside
// `keepHostProcessHandlers`, which takes back whatever process-level handler it left behind.

/** The process events whose listeners decide how the process ends: errors, and the signals that stop it. */
export const HOST_PROCESS_EVENTS = [
  'uncaughtException',
  'unhandledRejection',
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
] as const;

type HostEvent = (typeof HOST_PROCESS_EVENTS)[number];
type Listener = (...args: unknown[]) => void;

function snapshot(): Map<HostEvent, Set<Listener>> {
  return new Map(HOST_PROCESS_EVENTS.map((e) => [e, new Set(process.listeners(e as 'SIGINT') as Listener[])]));
}

/**
 * Runs `work` (a backend's set-up and initialisation) and then removes every listener for
 * HOST_PROCESS_EVENTS that was added meanwhile, so Node's own behaviour (exit 1 with the error's stack; a
 * signal ends the process) stays the host's choice. The backends need none of them: emscripten's only turn
 * its own `exit()` into an exit code, which tfjs never calls.
 */
export async function keepHostProcessHandlers<T>(work: () => Promise<T>): Promise<T> {
  const before = snapshot();
  try {
    return await work();
  } finally {
    for (const event of HOST_PROCESS_EVENTS) {
      const kept = before.get(event)!;
      for (const listener of process.listeners(event as 'SIGINT') as Listener[]) {
        if (!kept.has(listener)) process.removeListener(event, listener);
      }
    }
  }
}
