export { default } from '@lrkit/eslint-config';
