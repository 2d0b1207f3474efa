export { lrFind, findLr, DEFAULT_SUGGEST, type FoundLr, type LrFindConfig, type LrFindResult } from './lr-find';
export { rangeTest, RANGE_TEST_DEFAULTS, type RangeTestCurve, type RangeTestOptions } from './range-test';
export { suggestLr, suggestAll, SUGGEST_METHODS, type SuggestMethod, type Suggestion } from './suggest';
