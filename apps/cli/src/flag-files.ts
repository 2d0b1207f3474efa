// Files named by flags are checked before anything reads them: a regular file of bounded size. So
// `--spec /dev/zero` or `--plugin ./fifo` is refused at once instead of being read until memory runs out
// (or, for a FIFO, waiting forever for a writer).
import { checkInputFile, InputFileError, type InputFileOptions } from '@lrkit/data';
import type { Registry } from '@lrkit/schedulers';
import { loadPluginModule, readSpecArg } from '@lrkit/schedulers/node';
import { MAX_PLUGIN_FILE_BYTES, MAX_SPEC_FILE_BYTES } from './limits';

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
  const text = arg.trim();
  // readSpecArg's own rule: text starting with '{' or '[' is inline JSON, anything else a path.
  if (text !== '' && !text.startsWith('{') && !text.startsWith('[')) {
    checkIfPresent(text, { what: `${flag} file`, maxBytes: MAX_SPEC_FILE_BYTES });
  }
  return readSpecArg(arg, flag);
}

/** Registers the plugins of one `--plugin` value; a file path (not a package name) is checked first. */
export async function loadPluginFlag(specifier: string, registry: Registry): Promise<string[]> {
  // loadPluginModule's own rule for a path: relative, absolute, or a drive letter.
  if (/^(\.{1,2}[\\/]|[\\/]|[a-zA-Z]:[\\/])/.test(specifier)) {
    checkIfPresent(specifier, { what: '--plugin module', maxBytes: MAX_PLUGIN_FILE_BYTES });
  }
  return loadPluginModule(specifier, registry);
}
