// Public API of baselines/ (re-exported by the package entry).
export { BaselineParameterError } from './errors.js';
export * from './hjb-model.js';
export * from './hjb-solver.js';
export * from './tridiagonal.js';
export * from './gueant.js';
export * from './glft-asymptotic.js';
export * from './avellaneda-stoikov.js';
export * from './fixed-spread.js';
export * from './inventory-skew.js';
export * from './do-nothing.js';
export * from './random.js';
export * from './policy-support.js';
export * from './registry.js';
export * from './run-baseline.js';
export * from './discrete-evaluation.js';
export * from './as2008.js';
export * from './baseline-report.js';
export * from './env-overrides.js';
