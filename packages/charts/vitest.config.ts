export { default } from '@lrkit/vitest-config';
