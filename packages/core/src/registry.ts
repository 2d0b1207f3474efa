import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from './errors';
import { keepHostProcessHandlers } from './host-process';
import type { Availability, BackendInfo, BackendPlugin } from './types';

const plugins = new Map<string, BackendPlugin>();
const setUp = new Map<string, Promise<void>>();

/** The name that asks for the automatic choice (@lrkit/train's default): never a plugin's name. */
export const AUTO_BACKEND = 'auto';

/**
 * The automatic choice, written once: the first of these backends that is registered and available.
 * Measured with `node apps/bench/scripts/default-backend.mjs` (apps/bench/results/2026-11-30-default-backend.md,
 * summed up in apps/bench/results/README.md): native's whole cold process beats wasm's in the median on the seed job,
 * wine and friedman1 (1.1-1.3x), and its training loop the 784-512-512-10 MLP's (5.4-5.6x): every size the
 * bench runs, so the rule takes no size. cpu is never chosen (slower than wasm everywhere); cuda is not chosen
 * until it is measured on a GPU; nor is any other plugin, whatever its priority: those
 * run when asked for by name.
 */
export const AUTO_BACKENDS: readonly string[] = ['native', 'wasm'];

/** Adds a backend plugin. Names are unique: registering a second plugin under a taken name throws. */
export function registerBackend(plugin: BackendPlugin): void {
  if (!plugin || typeof plugin.name !== 'string' || plugin.name.length === 0) {
    throw new TypeError('a backend plugin needs a non-empty string name');
  }
  if (plugin.name === AUTO_BACKEND) throw new Error(`'${AUTO_BACKEND}' names the automatic choice: a backend plugin cannot take it`);
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
 * The backend `name` stands for, checked registered and available, without setting it up: `name` itself,
 * or for 'auto' (the default) the first available of AUTO_BACKENDS. An unknown or unavailable backend
 * throws BackendUnavailableError naming it and why: there is never a silent fallback to another backend.
 */
export async function resolveBackend(name: string = AUTO_BACKEND): Promise<string> {
  return (await resolvePlugin(name)).name;
}

async function resolvePlugin(name: string): Promise<BackendPlugin> {
  if (name === AUTO_BACKEND) return autoPlugin();
  const plugin = plugins.get(name);
  if (!plugin) {
    const known = [...plugins.keys()].join(', ');
    throw new BackendUnavailableError(name, `no such backend; registered: ${known}`);
  }
  const a = await availability(plugin);
  if (!a.available) throw new BackendUnavailableError(plugin.name, a.reason);
  return plugin;
}

async function autoPlugin(): Promise<BackendPlugin> {
  const why: string[] = [];
  for (const name of AUTO_BACKENDS) {
    const plugin = plugins.get(name);
    const a: Availability = plugin ? await availability(plugin) : { available: false, reason: 'not registered' };
    if (a.available) return plugin!;
    why.push(`${name}: ${a.reason}`);
  }
  throw new BackendUnavailableError(AUTO_BACKEND, `none of the automatic choice's backends can run here (${why.join('; ')})`);
}

/**
 * Makes `name` the active tfjs backend (set up on first use) and returns its name: `name` itself, or for
 * 'auto' (the default) the automatic choice (see resolveBackend).
 */
export async function useBackend(name: string = AUTO_BACKEND): Promise<string> {
  const plugin = await resolvePlugin(name);
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
