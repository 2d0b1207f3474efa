// The `lrkit` executable: builds the program, runs it, and turns any error into one line and an exit code.
import { reportError } from './errors';
import { createProgram } from './program';
import { GracefulStop, installShutdown, TempFiles } from './shutdown';

async function main(argv: string[], temp: TempFiles, graceful: GracefulStop): Promise<number> {
  try {
    await createProgram({ temp, graceful }).parseAsync(argv);
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
// A command that winds down on its own (a sweep worker) claims the first signal through `graceful`.
const temp = new TempFiles();
const graceful = new GracefulStop();
installShutdown(temp, graceful);
// exitCode, not exit(): a piped stdout gets flushed before the process ends.
process.exitCode = await main(process.argv, temp, graceful);
