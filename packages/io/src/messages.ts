// The `@lrkit/io/excerpt` entry: what messages about input share, free of Node's built-ins (see tsup.config.ts):
// quoting the input short, and suggesting the name a typo meant.
export { EXCERPT_CHARS, excerpt, showValue } from './excerpt';
export { didYouMean, editDistance, nearest } from './suggest';
