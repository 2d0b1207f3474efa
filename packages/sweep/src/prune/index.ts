export { pruneSpec, pruneRule, pruneSpecProblem, PRUNE_DEFAULTS, type PruneSpec, type PruneRule } from './spec';
export { decisionAt, verdict, verdictText, bracketOf, bracketBudgets, type PruneVerdict, type TrialSlot, type Mode } from './rules';
export { judge, pruningOf, earlierValues, MemoryBoard, type PruneBoard, type Pruning, type BoardEntry } from './board';
export { pruneValue, measurable, withValidationSplit, longestRun } from './value';
