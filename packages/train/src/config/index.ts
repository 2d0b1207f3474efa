// `@lrkit/train/config`: the train config's field table, defaults, names and bounds, without tfjs: what a
// command line builds its flags from and a sweep file its schema from.
export { trainConfigFields, SEARCHABLE_FIELDS, type TrainConfigFields, type TrainField, type SearchableField } from './table';
export { choiceValues, flagArg, helpText, kebabCase, orList, type Field, type SubField, type FieldTable, type ConfigInput, type ConfigResolved } from './fields';
export { trainDefaults, defaultSchedule, defaultRecipe } from './defaults';
export { optimizerNames, defaultLr, recipeDefaults, taskNames, trainLimits, MAX_SEED, VAL_FRACTION_WHEN_NEEDED, type OptimizerName, type Task, type DefaultRecipe } from './names';
// The run summary's metric names and their computation (no tfjs either): the CLI's --json line and sweeps share them.
export { summarizeMetrics, epochRecord, SUMMARY_METRICS, LOWER_IS_BETTER, type MetricsSummary, type SummaryMetric } from '../loop/summary';
