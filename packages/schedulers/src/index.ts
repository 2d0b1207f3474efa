export type * from './types.js';
export { createScheduler } from './create-scheduler.js';
export { preview } from './preview.js';
export { validateSpec } from './validate.js';
export { Registry, createRegistry, defaultRegistry, register } from './registry.js';
export { definePlugin, validatePlugin } from './plugin.js';
export { ScheduleSpecError, ScheduleUsageError, PluginContractError } from './errors.js';
export { renderPreview, PREVIEW_FORMATS, type PreviewFormat } from './render/index.js';
