// Which onnxruntime serves a model. onnxruntime-web (a dependency) runs its WebAssembly build in Node and
// needs nothing at install; onnxruntime-node (an optional peer the user installs) is native and faster.
// Either is imported on first load, never at package import, so code that only trains loads neither.
import type * as OrtModule from 'onnxruntime-web';
import { OnnxRuntimeError } from './errors';

export type Ort = typeof OrtModule;

/** The runtimes lrkit can serve a model with, by package name. */
export const ONNX_RUNTIMES = ['onnxruntime-node', 'onnxruntime-web'] as const;
export type OnnxRuntimeName = (typeof ONNX_RUNTIMES)[number];

/** The environment variable that forces a runtime when no `runtime` option is given. */
export const ONNX_RUNTIME_ENV = 'LRKIT_ONNX_RUNTIME';

/** `auto` takes onnxruntime-node where it is installed, else onnxruntime-web. */
export type OnnxRuntimeChoice = OnnxRuntimeName | 'auto';

/** Validates a runtime choice from an option or the environment; `from` names where it came from. */
export function parseOnnxRuntime(value: string, from: string): OnnxRuntimeChoice {
  if (value === 'auto' || (ONNX_RUNTIMES as readonly string[]).includes(value)) return value as OnnxRuntimeChoice;
  throw new OnnxRuntimeError(`${from}: unknown onnxruntime '${value}' (expected auto, ${ONNX_RUNTIMES.join(', ')})`);
}

/** The option when given, else LRKIT_ONNX_RUNTIME when set, else auto. */
export function resolveOnnxRuntime(option: string | undefined, env = process.env): OnnxRuntimeChoice {
  if (option !== undefined) return parseOnnxRuntime(option, "the 'runtime' option");
  const fromEnv = env[ONNX_RUNTIME_ENV];
  return fromEnv ? parseOnnxRuntime(fromEnv, ONNX_RUNTIME_ENV) : 'auto';
}

/**
 * onnxruntime-node's switch for its usage telemetry. From 1.29 on Linux and macOS its first session starts a
 * client that reports to Microsoft's collector, keeps a device id on disk (/tmp/.ses) and leaves an empty
 * /tmp/mat-debug-<pid>.log behind every process; `1`, set before that first session, stops all of it (the
 * WebAssembly build has none). A model lrkit serves is the user's local work, so lrkit sets it to `1` before
 * it loads onnxruntime-node, unless the user has given it a value (`0` keeps the telemetry on; an empty
 * value counts as none).
 */
export const ORT_TELEMETRY_ENV = 'ORT_DISABLE_TELEMETRY';

const loaded = new Map<OnnxRuntimeName, Promise<Ort>>();

function importRuntime(name: OnnxRuntimeName): Promise<Ort> {
  let promise = loaded.get(name);
  if (!promise) {
    if (name === 'onnxruntime-node' && !process.env[ORT_TELEMETRY_ENV]) process.env[ORT_TELEMETRY_ENV] = '1';
    // Both expose onnxruntime-common's API (InferenceSession, Tensor); the web build's types stand for both.
    promise = (name === 'onnxruntime-node' ? import('onnxruntime-node') : import('onnxruntime-web')) as Promise<Ort>;
    loaded.set(name, promise);
    // A failed import is not cached: the next load asks again (and reports the same reason).
    promise.catch(() => loaded.delete(name));
  }
  return promise;
}

/** True where the error says that `name` itself (not one of its own files or dependencies) is not installed. */
function isNotInstalled(error: unknown, name: string): boolean {
  const e = error as NodeJS.ErrnoException;
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'MODULE_NOT_FOUND') return false;
  return new RegExp(`(package|module) '${name}'`, 'i').test(e.message);
}

/**
 * Imports the chosen runtime. `auto` falls to onnxruntime-web only where onnxruntime-node is not installed;
 * an onnxruntime-node that is installed but cannot load is an error naming it, never a silent switch.
 */
export async function loadOnnxRuntime(choice: OnnxRuntimeChoice): Promise<{ name: OnnxRuntimeName; ort: Ort }> {
  if (choice === 'onnxruntime-web') return { name: choice, ort: await importRuntime(choice) };
  try {
    return { name: 'onnxruntime-node', ort: await importRuntime('onnxruntime-node') };
  } catch (error) {
    if (isNotInstalled(error, 'onnxruntime-node')) {
      if (choice === 'auto') return { name: 'onnxruntime-web', ort: await importRuntime('onnxruntime-web') };
      throw new OnnxRuntimeError(
        `onnxruntime-node is not installed (it is an optional peer: npm install onnxruntime-node), or choose onnxruntime-web`,
      );
    }
    // Not the user's input but this machine's install: an internal error (exit 1) that says the way out.
    throw new Error(
      `onnxruntime-node is installed but cannot load (${(error as Error).message}); ` +
        `${ONNX_RUNTIME_ENV}=onnxruntime-web serves the model without it`,
      { cause: error },
    );
  }
}

let webThreads: number | 'default' | undefined;

/**
 * onnxruntime-web has one WebAssembly thread pool per process, sized when its first session is created
 * (default: one thread per core). A session's `intraOpNumThreads` sizes it on that first session; a later
 * session asking for a different size is refused rather than silently given the pool there is.
 */
export function sizeWebThreadPool(ort: Ort, requested: number | undefined): void {
  if (webThreads === undefined) {
    if (requested !== undefined) ort.env.wasm.numThreads = requested;
    webThreads = requested ?? 'default';
  } else if (requested !== undefined && requested !== webThreads) {
    throw new OnnxRuntimeError(
      `onnxruntime-web's thread pool was sized at its first session (${webThreads} threads); intraOpNumThreads ${requested} cannot change it in this process`,
    );
  }
}
