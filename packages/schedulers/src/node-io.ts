import { ScheduleSpecError } from './errors.js';
import type { Registry } from './registry.js';
import type { SchedulerPlugin } from './types.js';

/**
 * Node-only helpers for command lines. They reach node:fs through process.getBuiltinModule so that the
 * package itself imports nothing from Node and still bundles for browsers.
 */
type Fs = { readFileSync(path: string, encoding: 'utf8'): string };

function nodeFs(what: string): Fs {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (!fs) throw new Error(`${what} needs Node.js >= 20.16 (process.getBuiltinModule)`);
  return fs;
}

/**
 * A spec given on a command line: inline JSON (starting with `{`), or the path of a JSON file.
 * Errors name the flag (and the file).
 */
export function readSpecArg(arg: string, flag: string): unknown {
  const text = arg.trim();
  if (text === '') throw new ScheduleSpecError(flag, 'expected a JSON spec or the path of a JSON file, got an empty string');
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new ScheduleSpecError(flag, `invalid JSON: ${(e as Error).message}`);
    }
  }
  let content: string;
  try {
    content = nodeFs('readSpecArg').readFileSync(text, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ScheduleSpecError(flag, code === 'ENOENT' ? `no such file '${text}' (and not inline JSON: a spec starts with '{')` : `cannot read '${text}': ${(e as Error).message}`);
  }
  try {
    return JSON.parse(content) as unknown;
  } catch (e) {
    throw new ScheduleSpecError(flag, `${text}: invalid JSON: ${(e as Error).message}`);
  }
}

/**
 * Import a plugin module (a package name or a file path) and register its default export: one plugin or
 * an array of them. Returns the names registered. Errors say which module and why.
 */
export async function loadPluginModule(specifier: string, registry: Registry): Promise<string[]> {
  let target = specifier;
  // A relative or absolute file path becomes a file URL (import() resolves bare names as packages).
  if (/^(\.{1,2}[\\/]|[\\/]|[a-zA-Z]:[\\/])/.test(specifier)) {
    const path = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:path') as
      | { resolve(p: string): string }
      | undefined;
    const url = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:url') as
      | { pathToFileURL(p: string): { href: string } }
      | undefined;
    if (path && url) target = url.pathToFileURL(path.resolve(specifier)).href;
  } else {
    // A package name resolves from the user's working directory, not from where lrkit is installed.
    const proc = (globalThis as { process?: { cwd(): string; getBuiltinModule?: (id: string) => unknown } }).process;
    const mod = proc?.getBuiltinModule?.('node:module') as { createRequire(p: string): { resolve(id: string): string } } | undefined;
    const url = proc?.getBuiltinModule?.('node:url') as { pathToFileURL(p: string): { href: string } } | undefined;
    if (mod && url && proc) {
      try {
        target = url.pathToFileURL(mod.createRequire(`${proc.cwd()}/noop.js`).resolve(specifier)).href;
      } catch {
        // Not resolvable from the working directory (or import-only exports): let import() try.
      }
    }
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ target)) as { default?: unknown };
  } catch (e) {
    throw new ScheduleSpecError(`--plugin ${specifier}`, `cannot import the module: ${(e as Error).message}`);
  }
  const exported = mod.default;
  if (exported === undefined)
    throw new ScheduleSpecError(`--plugin ${specifier}`, 'the module has no default export (it must default-export a plugin object or an array of them)');
  const plugins = Array.isArray(exported) ? exported : [exported];
  const names: string[] = [];
  for (const p of plugins) {
    try {
      registry.register(p as SchedulerPlugin);
    } catch (e) {
      throw new ScheduleSpecError(`--plugin ${specifier}`, (e as Error).message);
    }
    names.push((p as SchedulerPlugin).name);
  }
  return names;
}
