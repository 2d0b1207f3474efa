// The `lrkit` executable: builds the program, runs it, and turns any error into one line and an exit code.
import { reportError } from './errors';
import { createProgram } from './program';
import { installShutdown, TempFiles } from './shutdown';

async function main(argv: string[], temp: TempFiles): Promise<number> {
  try {
    await createProgram({ temp }).parseAsync(argv);
    return 0;
  } catch (err) {
    return reportError(err, process.stderr);
  } finally {
    // Writers remove their own temporary files; this catches one a bug left registered.
    temp.removeAll();
  }
}

// One registry of temporary files per run, handed to the commands that write files and to the handlers
// for SIGINT, SIGTERM and a closed stdout, which remove what is left before exiting.
const temp = new TempFiles();
installShutdown(temp);
// exitCode, not exit(): a piped stdout gets flushed before the process ends.
process.exitCode = await main(process.argv, temp);
