import { CommanderError } from 'commander';

/**
 * A command line that cannot run: a flag with a bad value, flags that don't go together. It carries
 * `exitCode = 2`, lrkit's convention for errors caused by input.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An error caused by input: anything carrying `exitCode === 2` (UsageError, the libraries' spec and data errors). */
export function isInputError(err: unknown): err is Error & { exitCode: 2 } {
  return err instanceof Error && (err as { exitCode?: unknown }).exitCode === 2;
}

/** A failure that is not a bug and says so itself: anything carrying `exitCode === 1` (the sweep's SweepFailure). */
export function isStatedFailure(err: unknown): err is Error & { exitCode: 1 } {
  return err instanceof Error && (err as { exitCode?: unknown }).exitCode === 1;
}

export interface ErrorOutput {
  write(text: string): unknown;
}

/**
 * The one place errors become exit codes, for the program named `program`. Input errors (anything
 * carrying `exitCode === 2`, and commander's own usage errors) print `<program>: <message>` and give 2;
 * anything else is a bug or an environment failure: `<program>: internal error: <message>`, 1, with the
 * stack only under LRKIT_DEBUG=1. A failure carrying `exitCode === 1` prints `<program>: <message>` and gives 1.
 */
export function reportError(program: string, err: unknown, stderr: ErrorOutput, env: NodeJS.ProcessEnv = process.env): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return 0; // --help, --version
    // A program with no command prints the help to stderr itself ('(outputHelp)'); nothing to add.
    if (err.code !== 'commander.help' && err.code !== 'commander.helpDisplayed') {
      // One line: commander puts its "(Did you mean ...?)" on a second one.
      stderr.write(`${program}: ${err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}\n`);
    }
    return 2;
  }
  if (isInputError(err)) {
    stderr.write(`${program}: ${err.message}\n`);
    return 2;
  }
  // A failure the code recognised and put in words (a sweep whose every trial failed, a lost server).
  if (isStatedFailure(err)) {
    stderr.write(`${program}: ${err.message}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`${program}: internal error: ${message}\n`);
  if (env.LRKIT_DEBUG === '1' && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
  else stderr.write(`${program}: (set LRKIT_DEBUG=1 for the stack trace)\n`);
  return 1;
}
