export { lrFind, findLr, DEFAULT_SUGGEST, type LrFindConfig, type LrFindResult } from './lr-find';
export type { FoundLr } from './suggest';
export { rangeTest, RANGE_TEST_DEFAULTS, type RangeTestCurve, type RangeTestOptions } from './range-test';
export { suggestLr, suggestAll, SUGGEST_METHODS, type SuggestMethod, type Suggestion } from './suggest';
