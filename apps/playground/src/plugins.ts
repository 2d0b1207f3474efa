import type { Registry, SchedulerPlugin } from '@lrkit/schedulers';

/**
 * Import an ES module by URL (relative URLs resolve against the page) and register its default export, a
 * plugin (contract v1) or an array of them, into `registry`. Returns the names registered. Errors say which
 * URL and why; the registry validates each plugin's shape and refuses a name already taken.
 */
export async function loadPluginUrl(url: string, registry: Registry, base: string): Promise<string[]> {
  let href: string;
  try {
    href = new URL(url, base).href;
  } catch {
    throw new Error(`plugin ${url}: not a URL`);
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ href)) as { default?: unknown };
  } catch (e) {
    throw new Error(`plugin ${url}: cannot import the module: ${(e as Error).message}`);
  }
  if (mod.default === undefined)
    throw new Error(`plugin ${url}: the module has no default export (it must default-export a plugin object or an array of them)`);
  const plugins = Array.isArray(mod.default) ? (mod.default as unknown[]) : [mod.default];
  const names: string[] = [];
  for (const p of plugins) {
    try {
      registry.register(p as SchedulerPlugin);
    } catch (e) {
      throw new Error(`plugin ${url}: ${(e as Error).message}`);
    }
    names.push((p as SchedulerPlugin).name);
  }
  return names;
}
