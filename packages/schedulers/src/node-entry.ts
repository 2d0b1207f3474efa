// `@lrkit/schedulers/node`: the helpers a Node command line needs (read a spec argument, load a plugin
// module). They use Node's built-ins, so they live here and the main entry runs in any runtime.
import { excerpt } from '@lrkit/io/excerpt';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ScheduleSpecError } from './errors.js';
import type { ScheduleRegistry as Registry } from './schedule-registry.js';
import type { SchedulerPlugin } from './plugin-types.js';

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
    content = readFileSync(text, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ScheduleSpecError(flag, code === 'ENOENT' ? `no such file '${excerpt(text)}' (and not inline JSON: a spec starts with '{')` : `cannot read '${excerpt(text)}': ${(e as Error).message}`);
  }
  try {
    return JSON.parse(content) as unknown;
  } catch (e) {
    throw new ScheduleSpecError(flag, `${text}: invalid JSON: ${(e as Error).message}`);
  }
}

const IMPORT_CONDITIONS = ['node', 'import', 'module-sync', 'default'];

/** The target of one `exports` entry under Node's ESM conditions (null where none applies). */
function exportTarget(entry: unknown): string | null {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const t = exportTarget(e);
      if (t) return t;
    }
    return null;
  }
  if (typeof entry === 'object' && entry !== null)
    for (const [cond, value] of Object.entries(entry)) if (IMPORT_CONDITIONS.includes(cond)) {
      const t = exportTarget(value);
      if (t) return t;
    }
  return null;
}

/**
 * Resolve a package name (and subpath) from the user's working directory, as `import` would from there:
 * the `exports` map under the import conditions, so a dual package gives its ESM file (`require.resolve`
 * alone would give the CJS one, whose namespace wraps the default export once more). Packages without
 * `exports`, and anything this does not cover, go through require.resolve.
 */
function resolvePackage(specifier: string, cwd: string): string {
  const req = createRequire(join(cwd, 'noop.js'));
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const subpath = `.${specifier.slice(name.length)}`;
  for (const dir of req.resolve.paths(name) ?? []) {
    let pkg: { exports?: unknown };
    try {
      pkg = JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')) as { exports?: unknown };
    } catch {
      continue;
    }
    if (pkg.exports === undefined) break;
    const exp = pkg.exports;
    const isMap = typeof exp === 'object' && exp !== null && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
    const entry = isMap ? (exp as Record<string, unknown>)[subpath] : subpath === '.' ? exp : undefined;
    const target = exportTarget(entry);
    if (target) return resolve(join(dir, name), target);
    break;
  }
  return req.resolve(specifier);
}

/**
 * A module's plugins: its default export, unwrapped where a CommonJS build (`exports.default`, with or
 * without `__esModule`) reaches `import()` as `{ default: { default: plugins } }`.
 */
function pluginsOf(mod: { default?: unknown }): unknown {
  let exported = mod.default;
  for (let i = 0; i < 2; i++) {
    if (typeof exported !== 'object' || exported === null || Array.isArray(exported)) break;
    const o = exported as Record<string, unknown>;
    if (!Object.hasOwn(o, 'default') || Object.hasOwn(o, 'apiVersion')) break;
    exported = o.default;
  }
  return exported;
}

/**
 * Import a plugin module (a package name, resolved from the working directory, or a file path) and
 * register its default export: one plugin or an array of them. ESM, CommonJS and dual packages all
 * work. Returns the names registered. Errors say which module and why.
 */
export async function loadPluginModule(specifier: string, registry: Registry): Promise<string[]> {
  const flag = `--plugin ${specifier}`;
  const isPath = /^(\.{1,2}[\\/]|[\\/]|[a-zA-Z]:[\\/])/.test(specifier) || /^file:/.test(specifier);
  let target: string;
  try {
    target = /^file:/.test(specifier) ? specifier : pathToFileURL(isPath ? resolve(specifier) : resolvePackage(specifier, process.cwd())).href;
  } catch (e) {
    throw new ScheduleSpecError(flag, `cannot find the package from ${process.cwd()}: ${(e as Error).message.split('\n')[0]}`);
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ target)) as { default?: unknown };
  } catch (e) {
    throw new ScheduleSpecError(flag, `cannot import the module: ${(e as Error).message.split('\n')[0]}`);
  }
  const exported = pluginsOf(mod);
  if (exported === undefined)
    throw new ScheduleSpecError(flag, 'the module has no default export (it must default-export a plugin object or an array of them)');
  const plugins = Array.isArray(exported) ? exported : [exported];
  const names: string[] = [];
  for (const p of plugins) {
    try {
      registry.register(p as SchedulerPlugin);
    } catch (e) {
      throw new ScheduleSpecError(flag, (e as Error).message);
    }
    names.push((p as SchedulerPlugin).name);
  }
  return names;
}


export { measureAllocation, stepLoop, MAX_ALLOCATION_RUNS, type AllocationCheck } from './allocation.js';
