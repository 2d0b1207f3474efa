import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from './errors';
import { keepHostProcessHandlers } from './host-process';
import type { Availability, BackendInfo, BackendPlugin } from './types';

const plugins = new Map<string, BackendPlugin>();
const setUp = new Map<string, Promise<void>>();

/** Adds a backend plugin. Names are unique: registering a second plugin under a taken name throws. */
export function registerBackend(plugin: BackendPlugin): void {
  if (!plugin || typeof plugin.name !== 'string' || plugin.name.length === 0) {
    throw new TypeError('a backend plugin needs a non-empty string name');
  }
  if (plugins.has(plugin.name)) throw new Error(`a backend named '${plugin.name}' is already registered`);
  plugins.set(plugin.name, plugin);
}

export function getBackendPlugin(name: string): BackendPlugin | undefined {
  return plugins.get(name);
}

async function availability(plugin: BackendPlugin): Promise<Availability> {
  try {
    return await plugin.isAvailable();
  } catch (err) {
    // isAvailable() must not throw; a plugin that does is still reported, with the reason.
    return { available: false, reason: `availability check failed: ${(err as Error).message}` };
  }
}

/** Every registered backend, highest priority first, with its availability and, where unavailable, why. */
export async function listBackends(): Promise<BackendInfo[]> {
  const active = safeActiveBackend();
  const rows = await Promise.all(
    [...plugins.values()].map(async (p): Promise<BackendInfo> => {
      const a = await availability(p);
      return {
        name: p.name,
        priority: p.priority,
        available: a.available,
        ...(a.available ? {} : { reason: a.reason }),
        active: active === p.name,
      };
    }),
  );
  return rows.sort((x, y) => y.priority - x.priority || x.name.localeCompare(y.name));
}

function safeActiveBackend(): string | undefined {
  // tf.getBackend() initialises a backend as a side effect when none is set; ask the engine instead.
  return tf.engine().backendName ?? undefined;
}

/**
 * Makes `name` the active tfjs backend (set up on first use). Without a name, the available backend
 * with the highest priority. An unknown or unavailable backend throws BackendUnavailableError naming it
 * and why: there is never a silent fallback to another backend.
 */
export async function useBackend(name?: string): Promise<string> {
  const plugin = name === undefined ? await bestAvailable() : plugins.get(name);
  if (!plugin) {
    const known = [...plugins.keys()].join(', ');
    throw new BackendUnavailableError(name ?? '(default)', `no such backend; registered: ${known}`);
  }
  const a = await availability(plugin);
  if (!a.available) throw new BackendUnavailableError(plugin.name, a.reason);
  // Set-up and tfjs's first initialisation instantiate the backend's runtime (wasm's emscripten module
  // among them), which must leave the host process's error and signal handling as it found it.
  await keepHostProcessHandlers(async () => {
    let ready = setUp.get(plugin.name);
    if (!ready) {
      ready = Promise.resolve(plugin.setup());
      setUp.set(plugin.name, ready);
    }
    await ready;
    if (!(await tf.setBackend(plugin.name))) {
      throw new BackendUnavailableError(plugin.name, 'tfjs could not initialise it');
    }
    await tf.ready();
  });
  return plugin.name;
}

async function bestAvailable(): Promise<BackendPlugin | undefined> {
  const ordered = [...plugins.values()].sort((x, y) => y.priority - x.priority);
  for (const p of ordered) if ((await availability(p)).available) return p;
  return undefined;
}
