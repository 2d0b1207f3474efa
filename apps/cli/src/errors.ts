// lrkit's errors and exit codes: @lrkit/app-kit's, shared with lrkit-bench, under the program name lrkit.
import { reportError as reportFor, type ErrorOutput } from '@lrkit/app-kit';

export { UsageError, type ErrorOutput } from '@lrkit/app-kit';

/**
 * The one place errors become exit codes: `lrkit: <message>` and 2 for input errors (and commander's
 * usage errors), `lrkit: internal error: <message>` and 1 for anything else (the stack under LRKIT_DEBUG=1).
 */
export function reportError(err: unknown, stderr: ErrorOutput, env: NodeJS.ProcessEnv = process.env): number {
  return reportFor('lrkit', err, stderr, env);
}
