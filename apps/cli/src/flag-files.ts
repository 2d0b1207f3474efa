// Files named by flags are checked before anything reads them: a regular file of bounded size. So
// `--spec /dev/zero` or `--plugin ./fifo` is refused at once instead of being read until memory runs out
// (or, for a FIFO, waiting forever for a writer).
import { checkInputFile, InputFileError, type InputFileOptions, type RunPath } from '@lrkit/io';
import type { Registry } from '@lrkit/schedulers';
import { loadPluginModule, readSpecArg } from '@lrkit/schedulers/node';
import { MAX_PLUGIN_FILE_BYTES, MAX_SPEC_FILE_BYTES } from './limits';

/** readSpecArg's own rule: text starting with '{' or '[' is inline JSON, anything else a path. */
function specPath(arg: string): string | undefined {
  const text = arg.trim();
  return text !== '' && !text.startsWith('{') && !text.startsWith('[') ? text : undefined;
}

/** loadPluginModule's own rule for a path (not a package name): relative, absolute, or a drive letter. */
function isPluginPath(specifier: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/]|[a-zA-Z]:[\\/])/.test(specifier);
}

/** The files a --schedule/--spec value and --plugin values name, for the check that no output overwrites one. */
export function flagInputFiles(spec: { arg: string | undefined; flag: string }, plugins: readonly string[] = []): RunPath[] {
  const path = spec.arg === undefined ? undefined : specPath(spec.arg);
  return [...(path !== undefined ? [{ path, name: spec.flag }] : []), ...plugins.filter(isPluginPath).map((path) => ({ path, name: '--plugin' }))];
}

/** Refuses `path` unless it is a regular file within the limit; a missing one is left to the reader's own message. */
function checkIfPresent(path: string, options: InputFileOptions): void {
  try {
    checkInputFile(path, options);
  } catch (err) {
    if (!(err instanceof InputFileError && err.reason === 'not found')) throw err;
  }
}

/** The parsed spec of `flag`'s value, inline JSON or a file; errors name the flag (and the file). */
export function readSpecFlag(arg: string, flag: string): unknown {
  const path = specPath(arg);
  if (path !== undefined) checkIfPresent(path, { what: `${flag} file`, maxBytes: MAX_SPEC_FILE_BYTES });
  return readSpecArg(arg, flag);
}

/**
 * What an unknown schedule name is told in a command that takes --plugin: the schedule may be a plugin's
 * (the registry appends it to "unknown schedule 'x'; known: ...").
 */
export const UNKNOWN_SCHEDULE_HINT = "a plugin's schedule? load its module with --plugin <package or file>";

/** Registers the plugins of one `--plugin` value; a file path (not a package name) is checked first. */
export async function loadPluginFlag(specifier: string, registry: Registry): Promise<string[]> {
  if (isPluginPath(specifier)) {
    checkIfPresent(specifier, { what: '--plugin module', maxBytes: MAX_PLUGIN_FILE_BYTES });
  }
  return loadPluginModule(specifier, registry);
}
