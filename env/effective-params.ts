/**
 * Derived parameters of a config that baselines, rewards and observations share.
 */
import type { EnvConfig, PriceModelConfig } from './config.js';

/**
 * Reference volatility of the mid in price units per sqrt(time):
 * brownian / jump / ou: sigma (the diffusive part); gbm: sigma * S0 (local arithmetic vol at
 * the start); regime-switching: sqrt(sum_r pi_r sigma_r^2) with pi the chain's stationary
 * distribution (so sigma^2 is the long-run mean variance rate).
 */
export function referenceSigma(config: Pick<EnvConfig, 'price' | 's0'>): number {
  const p: PriceModelConfig = config.price;
  switch (p.kind) {
    case 'brownian':
    case 'jump':
    case 'ou':
      return p.sigma;
    case 'gbm':
      return p.sigma * config.s0;
    case 'regime-switching': {
      const pi = stationaryDistribution(p.transition);
      let v = 0;
      p.regimes.forEach((r, i) => (v += (pi[i] ?? 0) * r.sigma * r.sigma));
      return Math.sqrt(v);
    }
  }
}

/** Stationary distribution of a row-stochastic matrix by power iteration (uniform start). */
export function stationaryDistribution(P: readonly (readonly number[])[]): number[] {
  const m = P.length;
  let pi = new Array<number>(m).fill(1 / m);
  for (let it = 0; it < 10_000; it++) {
    const next = new Array<number>(m).fill(0);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) next[j]! += pi[i]! * (P[i]![j] ?? 0);
    let diff = 0;
    for (let j = 0; j < m; j++) diff += Math.abs(next[j]! - pi[j]!);
    pi = next;
    if (diff < 1e-14) break;
  }
  return pi;
}

/**
 * Running inventory penalty phi of the reward r = dW - phi q'^2 dt: the configured
 * `reward.phi`, or gamma * sigma^2 / 2 (Guéant 2017; CJP 2015 ch. 10) with sigma = referenceSigma.
 */
export function effectivePhi(config: Pick<EnvConfig, 'reward' | 'gamma' | 'price' | 's0'>): number {
  if (config.reward.kind === 'running-penalty' && config.reward.phi !== null) return config.reward.phi;
  const s = referenceSigma(config);
  return (config.gamma * s * s) / 2;
}
