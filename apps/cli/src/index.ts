// The `lrkit` executable: builds the program, runs it, and turns any error into one line and an exit code.
import { reportError } from './errors';
import { createProgram } from './program';

async function main(argv: string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    return reportError(err, process.stderr);
  }
}

// exitCode, not exit(): a piped stdout gets flushed before the process ends.
process.exitCode = await main(process.argv);
