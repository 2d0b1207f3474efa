// The lrkit packages under test, loaded on demand: a package that is not built yet, or lacks an export a
// suite needs, turns into a "not available: <why>" row instead of a crash of the whole bench.
import { reasonOf } from './errors';

export type Loaded<T> = { ok: true; mod: T } | { ok: false; reason: string };

const importers: Record<string, () => Promise<unknown>> = {
  '@lrkit/train': () => import('@lrkit/train'),
  '@lrkit/data': () => import('@lrkit/data'),
  '@lrkit/schedulers': () => import('@lrkit/schedulers'),
};

/** Imports `name` and checks that every export in `needs` is a function. */
export async function loadPackage<T>(name: keyof typeof importers & string, needs: readonly string[]): Promise<Loaded<T>> {
  let mod: Record<string, unknown>;
  try {
    mod = (await importers[name]!()) as Record<string, unknown>;
  } catch (err) {
    const first = reasonOf(err).split('\n')[0];
    return { ok: false, reason: `${name} could not be loaded (is it built? pnpm --filter ${name} build): ${first}` };
  }
  const missing = needs.filter((n) => typeof mod[n] !== 'function');
  if (missing.length > 0) return { ok: false, reason: `${name} does not export ${missing.join(', ')} (yet)` };
  return { ok: true, mod: mod as T };
}
