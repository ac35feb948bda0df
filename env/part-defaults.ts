/**
 * Defaults for each variant of the union-typed parts of `EnvConfig`. When an override switches a
 * part's `kind` (or the action's `mode`), the part is rebuilt from these defaults plus the
 * override, so `make(id, { price: { kind: 'gbm', sigma: 0.02 } })` is complete.
 */
import type { ActionConfig, ArrivalModelConfig, PriceModelConfig, RewardConfig } from './config.js';
import { deepFreeze } from './config.js';

type ByKind<U extends { kind: string }> = { readonly [K in U['kind']]: Readonly<Extract<U, { kind: K }>> };
type ByMode<U extends { mode: string }> = { readonly [K in U['mode']]: Readonly<Extract<U, { mode: K }>> };

export const DEFAULT_PRICE_MODELS: ByKind<PriceModelConfig> = deepFreeze({
  brownian: { kind: 'brownian', sigma: 2, mu: 0, binomial: false },
  gbm: { kind: 'gbm', sigma: 0.02, mu: 0 },
  ou: { kind: 'ou', sigma: 2, kappa: 5, mean: 100 },
  jump: { kind: 'jump', sigma: 2, mu: 0, jumpIntensity: 5, jumpMean: 0, jumpStd: 0.5 },
  'regime-switching': {
    kind: 'regime-switching',
    regimes: [
      { name: 'calm', mu: 0, sigma: 2 },
      { name: 'stressed', mu: 0, sigma: 10 },
    ],
    transition: [
      [0.99, 0.01],
      [0.03, 0.97],
    ],
    initialRegime: 0,
  },
});

export const DEFAULT_ARRIVAL_MODELS: ByKind<ArrivalModelConfig> = deepFreeze({
  exponential: { kind: 'exponential', A: 140, k: 1.5 },
  'power-law': { kind: 'power-law', A: 140, alpha: 3, delta0: 1 },
  hawkes: { kind: 'hawkes', A: 70, k: 1.5, branching: 0.5, decay: 20 },
  'random-exponential': { kind: 'random-exponential', A: 140, k: 1.5, spread: Math.LN2 },
});

export const DEFAULT_REWARDS: ByKind<RewardConfig> = deepFreeze({
  'running-penalty': { kind: 'running-penalty', phi: null, terminalPenalty: 0 },
  pnl: { kind: 'pnl', terminalPenalty: 0 },
  'realized-penalty': { kind: 'realized-penalty', terminalPenalty: 0 },
  cara: { kind: 'cara', terminalPenalty: 0 },
});

export const DEFAULT_ACTIONS: ByMode<ActionConfig> = deepFreeze({
  'normalized-depths': { mode: 'normalized-depths', maxDepth: 5 },
  depths: { mode: 'depths', maxDepth: 5 },
  'spread-skew': { mode: 'spread-skew', maxDepth: 5 },
  discrete: { mode: 'discrete', grid: [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5] },
});
