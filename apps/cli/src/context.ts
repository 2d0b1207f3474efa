// What the commands get from the process running them, in a module of its own: the commands import it, and
// program.ts imports the commands.
import type { GracefulStop, TempFiles } from './shutdown';

export interface CliContext {
  /** Temporary files written on the way to an output file; a signal removes them. */
  temp: TempFiles;
  /** For a command that stops on its own terms: claim() turns the first SIGINT/SIGTERM into an AbortSignal. */
  graceful: GracefulStop;
}
