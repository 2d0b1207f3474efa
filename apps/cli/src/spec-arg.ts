// A schedule spec on the command line: inline JSON or a file. The file is checked first (a regular file
// of bounded size), so `--spec /dev/zero` is refused at once instead of being read until memory runs out.
import { checkInputFile } from '@lrkit/data';
import { readSpecArg } from '@lrkit/schedulers';
import { MAX_SPEC_FILE_BYTES } from './limits';

/** The parsed spec of `flag`'s value; errors name the flag (and the file). */
export function readSpecFlag(arg: string, flag: string): unknown {
  const text = arg.trim();
  // readSpecArg's own rule: text starting with '{' or '[' is inline JSON, anything else a path.
  if (text !== '' && !text.startsWith('{') && !text.startsWith('[')) {
    checkInputFile(text, { what: `${flag} file`, maxBytes: MAX_SPEC_FILE_BYTES });
  }
  return readSpecArg(arg, flag);
}
