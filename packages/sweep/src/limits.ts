// What a sweep may ask for, written once: the name that becomes a folder and a queue job's prefix, and the
// most trials one sweep expands to. Both are checked before anything is read, expanded or run.
import { SweepInputError } from './errors';

/** A sweep's name: it names a folder under the state root and the queue's job ids, so it is never a path. */
export const SWEEP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const SWEEP_NAME_RULE = 'letters, digits, _ and -, starting with a letter or digit (it names folders and queues)';

/** Refuses a name that is not a sweep name (`../../etc`, `a/b`, an empty string) as an input error. */
export function checkSweepName(name: string): string {
  if (!SWEEP_NAME.test(name)) throw new SweepInputError(`'${name.slice(0, 80)}' is not a sweep name: ${SWEEP_NAME_RULE}`);
  return name;
}

/**
 * The most trials one sweep may have (grid values multiplied, times random.samples), counted before any is
 * expanded. Measured: expanding 10,000 trials takes about 0.9 s and 30 MB (a 2-core machine); a million took
 * 1.5 GB before the first trial starts, and would not finish on any machine a sweep file is written for.
 */
export const MAX_TRIALS = 10_000;
