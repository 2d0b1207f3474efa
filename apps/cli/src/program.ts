import { Command } from 'commander';
import { register as registerBackends } from './commands/backends';
import { register as registerExamples } from './commands/examples';
import { register as registerLrFind } from './commands/lr-find';
import { register as registerSweep } from './commands/sweep';
import { register as registerPlayground } from './commands/playground';
import { register as registerPredict } from './commands/predict';
import { register as registerSchedule } from './commands/schedule';
import { register as registerSchedulers } from './commands/schedulers';
import { register as registerTrain } from './commands/train';
import type { CliContext } from './context';
import { version } from './version';

/** The `lrkit` command with every subcommand. Errors are thrown, never printed or exited on here. */
export function createProgram(context: CliContext): Command {
  const program = new Command('lrkit')
    .description('Train neural networks in Node.js with learning-rate schedules done right')
    .version(version, '-V, --version')
    .exitOverride()
    // reportError prints usage errors, in lrkit's one format; commander prints only help and version.
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true);
  for (const register of [registerTrain, registerSchedule, registerSchedulers, registerPredict, registerBackends, registerExamples, registerLrFind, registerSweep, registerPlayground]) {
    register(program, context);
  }
  // Subcommands inherit neither exitOverride nor the output settings, so apply them to each.
  // (and to theirs: `lrkit sweep run` is a subcommand's subcommand).
  const quiet = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      sub.exitOverride().configureOutput({ outputError: () => undefined });
      quiet(sub);
    }
  };
  quiet(program);
  return program;
}
