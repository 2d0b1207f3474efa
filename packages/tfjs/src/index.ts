export { lrScheduler, LrSchedulerCallback, type LrSchedulerOptions } from './callback.js';
export { scheduleOptimizer, type OptimizerSchedule, type ScheduleInput, type ScheduleOptimizerOptions } from './schedule-optimizer.js';
export {
  optimizerGroups,
  SUPPORTED_OPTIMIZERS,
  type TfjsOptimizerGroups,
  type TfjsOptimizerName,
  type TfjsParamGroup,
} from './optimizer-groups.js';
export { scheduleFree, ScheduleFreeOptimizer, type ScheduleFreeOptions } from './schedule-free.js';
