/**
 * A spec, an option, a saved state or a plugin module that the user supplied is wrong. It carries
 * `exitCode = 2`, lrkit's convention for errors caused by input: the CLI prints the message alone and
 * exits 2. The message starts with the path of the offending field (`schedule.schedulers[1].gamma`).
 */
export class ScheduleSpecError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'ScheduleSpecError';
  }
}

/** The schedule was driven outside what its spec allows (e.g. one-cycle stepped past totalSteps). */
export class ScheduleUsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleUsageError';
  }
}

/** A plugin broke the plugin contract (wrong shape, wrong number of rates, non-finite rate). */
export class PluginContractError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly plugin: string,
    reason: string,
  ) {
    super(`scheduler plugin '${plugin}': ${reason}`);
    this.name = 'PluginContractError';
  }
}
