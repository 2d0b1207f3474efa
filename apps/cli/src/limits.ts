// How much the CLI reads or makes before it refuses: every input is bounded before it is used, so a
// refused input costs a moment and little memory. Each bound is written here once.

/** A schedule spec file (`--spec`, `--schedule`): specs are a few hundred bytes; 4 MiB is generous. */
export const MAX_SPEC_FILE_BYTES = 4 * 1024 * 1024;

/** A `--metrics` file: one number a step, at most MAX_PREVIEW_RATES steps of ~25 characters. */
export const MAX_METRICS_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The most rates `lrkit schedule` computes ((steps + 1) x param groups). Measured: a million rates take
 * about 260 MB at the peak (`--format csv`) and 4 s on a 2-core machine; four million took 800 MB.
 */
export const MAX_PREVIEW_RATES = 1_000_000;

/** A `--plugin` module file: a scheduler plugin is a few KB of JavaScript; 16 MiB allows a bundled one. */
export const MAX_PLUGIN_FILE_BYTES = 16 * 1024 * 1024;
