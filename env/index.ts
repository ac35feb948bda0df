// Public API of env/ (re-exported by the package entry).
export * from './config.js';
export * from './spaces.js';
export type * from './types.js';
export type * from './env.js';
export * from './validate-config.js';
export * from './part-defaults.js';
export * from './presets.js';
export * from './resolve-config.js';
export * from './registry.js';
export * from './action-map.js';
export * from './observation.js';
export * from './effective-params.js';
export { MarketMakingEnv, type MarketMakingEnvOptions } from './market-making-env.js';
export { MarketMakingVectorEnv, type VectorEnvOptions } from './vector-env.js';
export { MarketCore } from './sim/core.js';
export { StreamRngs } from './sim/rng.js';
export type { ArrivalModel, PriceModel } from './sim/types.js';
