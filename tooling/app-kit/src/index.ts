// @lrkit/app-kit: what lrkit's command lines (apps/cli, apps/bench) share. Private: tsup bundles it into
// each app's dist, so the published tarballs do not depend on it.
export { UsageError, isInputError, reportError, type ErrorOutput } from './usage-error';
export { collect, layerSizes, nameList, nonEmpty, nonNegativeInt, oneOf, port, positiveInt } from './flags';
