// Public API of env/ (re-exported by the package entry).
export * from './config.js';
export * from './spaces.js';
export type * from './types.js';
