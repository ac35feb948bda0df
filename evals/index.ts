// Public API of evals/ (re-exported by the package entry).
export * from './run-episodes.js';
export * from './stats/student-t.js';
export * from './stats/describe.js';
export * from './stats/bootstrap.js';
export * from './stats/paired.js';
export * from './metrics/episode-view.js';
export * from './metrics/pnl.js';
export * from './metrics/sharpe.js';
export * from './metrics/fills.js';
export * from './metrics/inventory.js';
export * from './metrics/markouts.js';
export * from './metrics/risk.js';
export * from './metrics/summarize.js';
export * from './compare.js';
