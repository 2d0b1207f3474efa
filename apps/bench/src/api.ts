// The lrkit packages under test, loaded on demand: a package that is not built yet, or lacks an export a
// suite needs, turns into a "not available: <why>" row instead of a crash of the whole bench.
import { reasonOf } from './errors';

export type Loaded<T> = { ok: true; mod: T } | { ok: false; reason: string };

const importers: Record<string, () => Promise<unknown>> = {
  '@lrkit/train': () => import('@lrkit/train'),
  '@lrkit/data': () => import('@lrkit/data'),
  '@lrkit/schedulers': () => import('@lrkit/schedulers'),
};

/** Why `import(name)` failed, in one short line: an unbuilt workspace package says how to build it. */
export function importFailure(name: string, err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const msg = reasonOf(err).split('\n')[0] ?? '';
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(name)) {
    return `${name} is not built (pnpm --filter ${name} build)`;
  }
  return `${name} could not be loaded: ${msg}`;
}

/** Imports `name` and checks that every export in `needs` is a function. */
export async function loadPackage<T>(name: keyof typeof importers & string, needs: readonly string[]): Promise<Loaded<T>> {
  let mod: Record<string, unknown>;
  try {
    mod = (await importers[name]!()) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: importFailure(name, err) };
  }
  const missing = needs.filter((n) => typeof mod[n] !== 'function');
  if (missing.length > 0) return { ok: false, reason: `${name} does not export ${missing.join(', ')} (yet)` };
  return { ok: true, mod: mod as T };
}
